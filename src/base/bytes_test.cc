// Hex helpers used for fingerprints and serials.
#include "base/bytes.h"

#include <gtest/gtest.h>

namespace phonecert {
namespace {

TEST(BaseBytesTest, HexForms) {
  const unsigned char b[] = {0x0a, 0x1b, 0x2c, 0xff, 0x00};
  EXPECT_EQ(ToHex(b), "0a1b2cff00");
  EXPECT_EQ(ToColonHex(b), "0A:1B:2C:FF:00");
  EXPECT_EQ(ToHex({}), "");
  EXPECT_EQ(ToColonHex({}), "");
  EXPECT_EQ(ToHex(AsBytes("AB")), "4142");
}

TEST(BaseBytesTest, NormalizeHex) {
  EXPECT_EQ(NormalizeHex("0A:1B:2C"), "0a1b2c");
  EXPECT_EQ(NormalizeHex("0a 1b 2C"), "0a1b2c");
  EXPECT_EQ(NormalizeHex("DEADbeef"), "deadbeef");
  EXPECT_EQ(NormalizeHex("0A:1G"), "");
  EXPECT_EQ(NormalizeHex("sha256=AB"), "");
}

}  // namespace
}  // namespace phonecert
