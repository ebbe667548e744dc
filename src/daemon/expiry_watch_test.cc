#include "daemon/expiry_watch.h"

#include <gtest/gtest.h>

#include <mutex>

#include "test_support.h"

namespace phonecert::daemon {
namespace {

struct Lines {
  std::mutex mu;
  std::vector<std::pair<LogLevel, std::string>> all;
  std::vector<std::string> Expiry() {
    std::lock_guard lock(mu);
    std::vector<std::string> out;
    for (const auto& [level, line] : all) {
      if (line.starts_with("expiry: ")) out.push_back(std::string(LogLevelName(level)) + " " + line);
    }
    return out;
  }
};

std::unique_ptr<State> OpenState(const std::filesystem::path& root, const Clock& clock, Lines& lines) {
  StateOptions o;
  o.root = root;
  o.clock = &clock;
  o.password_iterations = 1000;
  o.factory_mac = "001565aabbcc";
  o.log = [&lines](LogLevel level, std::string_view line) {
    std::lock_guard lock(lines.mu);
    lines.all.emplace_back(level, std::string(line));
  };
  auto s = State::Open(o);
  EXPECT_TRUE(s) << s.error().ToString();
  return std::move(*s);
}

TEST(ExpiryWatch, AtStartItLogsThatNothingExpiresSoon) {
  testing::TempDir dir;
  FixedClock clock(*ParseIso8601("2030-01-01T00:00:00Z"));
  Lines lines;
  auto state = OpenState(dir.path(), clock, lines);
  ExpiryWatch watch(*state, std::chrono::seconds(0));
  watch.Start();
  watch.Stop();
  auto logged = lines.Expiry();
  ASSERT_EQ(logged.size(), 1u);
  EXPECT_EQ(logged[0], "info expiry: no device or custom CA certificate expires within 30 days");
}

TEST(ExpiryWatch, AnExpiredCustomCaIsLoggedAsAWarning) {
  testing::TempDir dir;
  FixedClock clock(*ParseIso8601("2030-01-01T00:00:00Z"));
  Lines lines;
  auto state = OpenState(dir.path(), clock, lines);
  // Custom CAs past their end are accepted with a warning (the administrator may be replacing it).
  auto added = state->AddTrusted(testing::ReadAll(testing::Data("int-expired.pem")), std::nullopt);
  ASSERT_TRUE(added) << added.error().ToString();
  ExpiryWatch watch(*state, std::chrono::seconds(0));
  auto notices = watch.CheckNow();
  ASSERT_EQ(notices.size(), 1u);
  auto logged = lines.Expiry();
  ASSERT_EQ(logged.size(), 1u);
  EXPECT_TRUE(logged[0].starts_with("warning expiry: the custom CA certificate")) << logged[0];
  EXPECT_NE(logged[0].find("expired on 2002-01-01"), std::string::npos) << logged[0];
}

TEST(ExpiryWatch, TheDevelopmentDeviceCertificateNearItsEndIsLogged) {
  testing::TempDir dir;
  FixedClock start(*ParseIso8601("2030-01-01T00:00:00Z"));
  Lines lines;
  TimePoint not_after;
  {
    auto state = OpenState(dir.path(), start, lines);  // first start: factory identity made
    ASSERT_TRUE(state->device().active.identity);
    not_after = state->device().active.identity->leaf.NotAfter();
  }
  FixedClock late(not_after - std::chrono::days(3));
  auto state = OpenState(dir.path(), late, lines);
  ExpiryWatch watch(*state, std::chrono::seconds(0));
  auto notices = watch.CheckNow();
  ASSERT_FALSE(notices.empty());
  EXPECT_EQ(notices[0].level, LogLevel::kWarning);
  EXPECT_NE(notices[0].sentence.find("the device certificate in use (unique)"), std::string::npos)
      << notices[0].sentence;
  EXPECT_NE(notices[0].sentence.find("expires in 3 days"), std::string::npos) << notices[0].sentence;
}

}  // namespace
}  // namespace phonecert::daemon
