// ParseIso8601 / FormatIso8601 / FormatDate: round trips, accepted forms and refusals.
#include "base/time.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>

namespace phonecert {
namespace {

using std::chrono::days;
using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;
using std::chrono::sys_days;

TimePoint At(int y, unsigned m, unsigned d, int h = 0, int mi = 0, int s = 0) {
  using namespace std::chrono;
  return sys_days{year{y} / month{m} / day{d}} + hours{h} + minutes{mi} + seconds{s};
}

TEST(BaseTimeTest, FormatIso8601) {
  EXPECT_EQ(FormatIso8601(TimePoint{}), "1970-01-01T00:00:00Z");
  EXPECT_EQ(FormatIso8601(At(2026, 12, 4, 19, 49, 46)), "2026-12-04T19:49:46Z");
  EXPECT_EQ(FormatIso8601(At(2099, 12, 31, 23, 59, 59)), "2099-12-31T23:59:59Z");
  EXPECT_EQ(FormatIso8601(TimePoint{seconds{-1}}), "1969-12-31T23:59:59Z");
  EXPECT_EQ(FormatDate(At(2000, 2, 29, 23, 59, 59)), "2000-02-29");
}

TEST(BaseTimeTest, RoundTripThroughText) {
  for (TimePoint t : {TimePoint{}, At(2001, 1, 1), At(2002, 1, 1), At(2020, 1, 1),
                      At(2000, 2, 29, 12, 0, 1), At(2038, 1, 19, 3, 14, 8),
                      At(2099, 12, 31, 23, 59, 59), At(1950, 6, 15, 6, 30, 0)}) {
    std::string text = FormatIso8601(t);
    auto back = ParseIso8601(text);
    ASSERT_TRUE(back) << text;
    EXPECT_EQ(*back, t) << text;
    EXPECT_EQ(FormatIso8601(*back), text);
  }
  // Across a leap day, stepping by a prime number of seconds so every field changes.
  for (TimePoint t = At(2024, 2, 28); t < At(2024, 3, 2); t += seconds{7919}) {
    auto back = ParseIso8601(FormatIso8601(t));
    ASSERT_TRUE(back);
    EXPECT_EQ(*back, t);
  }
}

TEST(BaseTimeTest, AcceptedForms) {
  EXPECT_EQ(ParseIso8601("2026-12-04"), At(2026, 12, 4));
  EXPECT_EQ(ParseIso8601("2026-12-04T19:49:46Z"), At(2026, 12, 4, 19, 49, 46));
  EXPECT_EQ(ParseIso8601("2026-12-04t19:49:46z"), At(2026, 12, 4, 19, 49, 46));
  EXPECT_EQ(ParseIso8601("2026-12-04 19:49:46Z"), At(2026, 12, 4, 19, 49, 46));
  EXPECT_EQ(ParseIso8601("2026-12-04T19:49:46.123456Z"), At(2026, 12, 4, 19, 49, 46));
  EXPECT_EQ(ParseIso8601("2026-12-04T21:49:46+02:00"), At(2026, 12, 4, 19, 49, 46));
  EXPECT_EQ(ParseIso8601("2026-12-04T14:19:46-05:30"), At(2026, 12, 4, 19, 49, 46));
  EXPECT_EQ(ParseIso8601("2026-12-05T01:00:00+05:00"), At(2026, 12, 4, 20, 0, 0));
  EXPECT_EQ(ParseIso8601("2024-02-29"), At(2024, 2, 29));
}

TEST(BaseTimeTest, Refusals) {
  for (const char* bad : {"", "x", "2026", "2026-12", "2026-12-4", "20261204", "2026/12/04",
                          "2026-13-01", "2026-00-10", "2026-12-00", "2026-12-32", "2026-02-30",
                          "2025-02-29", "2026-12-04T", "2026-12-04T19:49Z", "2026-12-04T24:00:00Z",
                          "2026-12-04T19:60:00Z", "2026-12-04T19:49:46Zjunk",
                          "2026-12-04T19:49:46+0200", "2026-12-04T19:49:46+02",
                          "2026-12-04X19:49:46Z", " 2026-12-04", "2026-12-04 ",
                          // signs and spaces inside fixed-width fields
                          "+026-12-04", "-026-12-04", "2026-+1-04", "2026-12- 4",
                          "2026-12-04T 1:02:03Z", "2026-12-04T01:+2:03Z",
                          "2026-12-04T19:49:46+ 2:00",
                          // an empty fraction, an impossible offset
                          "2026-12-04T19:49:46.Z", "2026-12-04T19:49:46+99:99",
                          "2026-12-04T19:49:46+02:60"}) {
    EXPECT_FALSE(ParseIso8601(bad)) << "accepted \"" << bad << "\"";
  }
}

TEST(BaseTimeTest, FixedClockReturnsItsTime) {
  FixedClock clock(At(2030, 1, 1));
  EXPECT_EQ(clock.Now(), At(2030, 1, 1));
  SystemClock system;
  EXPECT_GT(system.Now(), At(2020, 1, 1));
}

}  // namespace
}  // namespace phonecert
