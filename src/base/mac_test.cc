#include "base/mac.h"

#include <gtest/gtest.h>

namespace phonecert {
namespace {

TEST(NormalizeMac, AcceptsUsualForms) {
  for (const char* text : {"00:15:65:aa:bb:cc", "00-15-65-AA-BB-CC", "0015.65aa.bbcc",
                           "001565AABBCC", "001565aabbcc", "  00:15:65:Aa:bB:cc\n"}) {
    auto mac = NormalizeMac(text);
    ASSERT_TRUE(mac) << text << ": " << mac.error().ToString();
    EXPECT_EQ(*mac, "001565aabbcc") << text;
  }
}

TEST(NormalizeMac, RefusesWithReason) {
  struct Case {
    const char* text;
    const char* reason_part;
  };
  for (const Case& c : {Case{"", "empty"},
                        Case{"00:15:65:aa:bb", "10 hex digits"},
                        Case{"00:15:65:aa:bb:cc:dd", "14 hex digits"},
                        Case{"00:15:65:aa:bb:cg", "'g' is not a hex digit"},
                        Case{"00:15-65:aa:bb:cc", "mixed or misplaced"},
                        Case{"0015:65aa:bbcc", "mixed or misplaced"},
                        Case{"00.15.65.aa.bb.cc", "mixed or misplaced"},
                        Case{"001565aabbc", "11 hex digits"},
                        Case{"00:00:00:00:00:00", "all-zero"},
                        Case{"ff-ff-ff-ff-ff-ff", "broadcast"},
                        Case{"00 15 65 aa bb cc", "' ' is not a hex digit"}}) {
    auto mac = NormalizeMac(c.text);
    ASSERT_FALSE(mac) << c.text;
    EXPECT_EQ(mac.error().code, Code::kInvalidMac) << c.text;
    EXPECT_NE(mac.error().detail.find(c.reason_part), std::string::npos)
        << c.text << ": " << mac.error().detail;
  }
}

}  // namespace
}  // namespace phonecert
