#include "daemon/provisioning_service.h"

#include <gtest/gtest.h>

#include <atomic>
#include <future>

#include "settings/keys.h"
#include "test_support.h"

namespace phonecert::daemon {
namespace {

const FixedClock kClock(*ParseIso8601("2030-01-01T00:00:00Z"));

std::unique_ptr<State> OpenState(const std::filesystem::path& root) {
  StateOptions o;
  o.root = root;
  o.clock = &kClock;
  o.password_iterations = 1000;  // fast tests; the stored form records the count
  o.factory_mac = "001565aabbcc";
  auto s = State::Open(o);
  EXPECT_TRUE(s) << s.error().ToString();
  return std::move(*s);
}

web::ProvisioningRound Round(const std::string& trigger, bool applied) {
  web::ProvisioningRound r;
  r.trigger = trigger;
  r.applied = applied;
  r.summary = applied ? "applied 2 keys" : "fetch failed";
  return r;
}

TEST(ProvisioningService, WithoutARunnerItIsNotAvailable) {
  testing::TempDir dir;
  auto state = OpenState(dir.path());
  ProvisioningService service(*state, kClock, {});
  EXPECT_FALSE(service.Status().available);
  EXPECT_FALSE(service.Status().unavailable_reason.empty());
  auto r = service.RunNow("api");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, Code::kProvisioningFailed);
}

TEST(ProvisioningService, RunNowNeedsAServerUrlAndKeepsTheLastRound) {
  testing::TempDir dir;
  auto state = OpenState(dir.path());
  std::atomic<int> calls = 0;
  ProvisioningOptions o;
  o.interval = std::chrono::seconds(0);
  o.runner = [&](State&, const std::string& trigger) {
    ++calls;
    return Round(trigger, calls % 2 == 1);
  };
  ProvisioningService service(*state, kClock, o);
  auto none = service.RunNow("web");
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error().code, Code::kInvalidArgument);
  EXPECT_EQ(calls, 0);
  ASSERT_TRUE(state->UpdateSettings({{std::string(keys::kAutoProvisionUrl), "http://127.0.0.1:1/"}}));
  auto first = service.RunNow("web");
  ASSERT_TRUE(first);
  EXPECT_TRUE(first->applied);
  auto second = service.RunNow("api");
  ASSERT_TRUE(second);
  EXPECT_FALSE(second->applied);  // a failed round is a report, not an error
  auto status = service.Status();
  EXPECT_TRUE(status.available);
  ASSERT_TRUE(status.last);
  EXPECT_EQ(status.last->trigger, "api");
  EXPECT_EQ(status.last->summary, "fetch failed");
}

TEST(ProvisioningService, RoundsNeverOverlap) {
  testing::TempDir dir;
  auto state = OpenState(dir.path());
  ASSERT_TRUE(state->UpdateSettings({{std::string(keys::kAutoProvisionUrl), "http://127.0.0.1:1/"}}));
  std::promise<void> entered, release;
  auto released = release.get_future().share();
  ProvisioningOptions o;
  o.interval = std::chrono::seconds(0);
  o.runner = [&](State&, const std::string& trigger) {
    entered.set_value();
    released.wait();
    return Round(trigger, true);
  };
  ProvisioningService service(*state, kClock, o);
  auto running = std::async(std::launch::async, [&] { return service.RunNow("web"); });
  entered.get_future().wait();
  EXPECT_TRUE(service.Status().running);
  auto refused = service.RunNow("api");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, Code::kLocked);
  release.set_value();
  EXPECT_TRUE(running.get());
  EXPECT_FALSE(service.Status().running);
}

TEST(ProvisioningService, StartRunsARoundWhenAServerUrlIsSet) {
  testing::TempDir dir;
  auto state = OpenState(dir.path());
  ASSERT_TRUE(state->UpdateSettings({{std::string(keys::kAutoProvisionUrl), "http://127.0.0.1:1/"}}));
  std::promise<std::string> first_trigger;
  std::atomic<int> calls = 0;
  ProvisioningOptions o;
  o.interval = std::chrono::hours(24);
  o.runner = [&](State&, const std::string& trigger) {
    if (++calls == 1) first_trigger.set_value(trigger);
    return Round(trigger, true);
  };
  ProvisioningService service(*state, kClock, o);
  service.Start();
  auto f = first_trigger.get_future();
  ASSERT_EQ(f.wait_for(std::chrono::seconds(10)), std::future_status::ready);
  EXPECT_EQ(f.get(), "start");
  service.Stop();  // returns at once although the next round is 24 h away
  EXPECT_EQ(calls, 1);
  auto status = service.Status();
  ASSERT_TRUE(status.next_round);
  EXPECT_EQ(*status.next_round, kClock.Now() + std::chrono::hours(24));
}

}  // namespace
}  // namespace phonecert::daemon
