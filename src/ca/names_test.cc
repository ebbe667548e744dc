#include "ca/names.h"

#include <gtest/gtest.h>

namespace phonecert::ca {
namespace {

TEST(ParseAltName, ClassifiesAndNormalizes) {
  struct Case {
    const char* text;
    NameKind kind;
    const char* value;
  };
  for (const Case& c : {Case{"sfb.corp.test", NameKind::kDns, "sfb.corp.test"},
                        Case{"SFB.Corp.Test.", NameKind::kDns, "sfb.corp.test"},
                        Case{"localhost", NameKind::kDns, "localhost"},
                        Case{"*.corp.test", NameKind::kDns, "*.corp.test"},
                        Case{"xn--bcher-kva.test", NameKind::kDns, "xn--bcher-kva.test"},
                        Case{"a-1.b2.test", NameKind::kDns, "a-1.b2.test"},
                        Case{"192.0.2.7", NameKind::kIp, "192.0.2.7"},
                        Case{"2001:DB8:0::1", NameKind::kIp, "2001:db8::1"},
                        Case{"[::1]", NameKind::kIp, "::1"}}) {
    auto n = ParseAltName(c.text);
    ASSERT_TRUE(n) << c.text << ": " << n.error().ToString();
    EXPECT_EQ(n->kind, c.kind) << c.text;
    EXPECT_EQ(n->value, c.value) << c.text;
  }
}

TEST(ParseAltName, RefusesWithReason) {
  struct Case {
    const char* text;
    const char* reason_part;
  };
  for (const Case& c : {Case{"", "empty"},
                        Case{"bad_name.test", "'_' is not allowed"},
                        Case{"a..test", "empty label"},
                        Case{".test", "empty label"},
                        Case{"-a.test", "hyphen"},
                        Case{"a-.test", "hyphen"},
                        Case{"host name", "' ' is not allowed"},
                        Case{"a.*.test", "wildcard"},
                        Case{"*.test", "two labels after it"},
                        Case{"w*.corp.test", "'*' is not allowed"},
                        Case{"1.2.3", "all digits"},
                        Case{"256.1.1.1", "all digits"},
                        Case{"bücher.test", "punycode"},
                        Case{"fe80::1%eth0", "':' is not allowed"},
                        Case{"https://sfb.corp.test", "':' is not allowed"}}) {
    auto n = ParseAltName(c.text);
    ASSERT_FALSE(n) << c.text;
    EXPECT_EQ(n.error().code, Code::kInvalidArgument);
    EXPECT_NE(n.error().detail.find(c.reason_part), std::string::npos)
        << c.text << ": " << n.error().detail;
  }
  std::string long_label(64, 'a');
  EXPECT_FALSE(ParseAltName(long_label + ".test"));
  std::string long_name;
  for (int i = 0; i < 50; ++i) long_name += "abcd.";
  long_name += "test";
  EXPECT_FALSE(ParseAltName(long_name));
}

TEST(AltName, FileStemAndString) {
  EXPECT_EQ(FileStem(*ParseAltName("*.corp.test")), "_wildcard.corp.test");
  EXPECT_EQ(FileStem(*ParseAltName("2001:db8::1")), "2001_db8__1");
  EXPECT_EQ(ToString(*ParseAltName("192.0.2.1")), "IP:192.0.2.1");
  EXPECT_EQ(ToString(*ParseAltName("a.test")), "DNS:a.test");
}

}  // namespace
}  // namespace phonecert::ca
