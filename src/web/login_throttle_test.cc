#include "web/login_throttle.h"

#include <gtest/gtest.h>

namespace phonecert::web {
namespace {

using std::chrono::seconds;
const TimePoint kT0 = *ParseIso8601("2030-01-01T00:00:00Z");

TEST(LoginThrottle, DelayDoublesAfterTheFreeFailuresUpToTheCap) {
  for (int f = 0; f <= kFreeFailures; ++f) EXPECT_EQ(DelayAfter(f), seconds(0)) << f;
  EXPECT_EQ(DelayAfter(kFreeFailures + 1), seconds(1));
  EXPECT_EQ(DelayAfter(kFreeFailures + 2), seconds(2));
  EXPECT_EQ(DelayAfter(kFreeFailures + 3), seconds(4));
  EXPECT_EQ(DelayAfter(kFreeFailures + 9), seconds(256));
  EXPECT_EQ(DelayAfter(kFreeFailures + 10), kMaxDelay);
  EXPECT_EQ(DelayAfter(1000), kMaxDelay);
}

TEST(LoginThrottle, WaitIsPerClientAndClearedBySuccess) {
  LoginThrottle t;
  TimePoint now = kT0;
  for (int i = 0; i < kFreeFailures; ++i) {
    EXPECT_EQ(t.WaitFor("10.0.0.1", now), seconds(0));
    EXPECT_EQ(t.RecordFailure("10.0.0.1", now), seconds(0));
  }
  EXPECT_EQ(t.RecordFailure("10.0.0.1", now), seconds(1));
  EXPECT_EQ(t.WaitFor("10.0.0.1", now), seconds(1));
  EXPECT_EQ(t.WaitFor("10.0.0.2", now), seconds(0));  // another client is not slowed down
  EXPECT_EQ(t.WaitFor("10.0.0.1", now + seconds(1)), seconds(0));
  EXPECT_EQ(t.RecordFailure("10.0.0.1", now + seconds(1)), seconds(2));
  EXPECT_EQ(t.WaitFor("10.0.0.1", now + seconds(2)), seconds(1));
  EXPECT_EQ(t.Failures("10.0.0.1"), kFreeFailures + 2);
  t.RecordSuccess("10.0.0.1");
  EXPECT_EQ(t.Failures("10.0.0.1"), 0);
  EXPECT_EQ(t.WaitFor("10.0.0.1", now + seconds(2)), seconds(0));
}

TEST(LoginThrottle, OldRecordsAreForgotten) {
  LoginThrottle t;
  for (int i = 0; i < kFreeFailures + 1; ++i) t.RecordFailure("a", kT0);
  // A failure from another client much later prunes the stale record.
  t.RecordFailure("b", kT0 + kForgetAfter + seconds(1));
  EXPECT_EQ(t.Failures("a"), 0);
  EXPECT_EQ(t.Failures("b"), 1);
}

}  // namespace
}  // namespace phonecert::web
