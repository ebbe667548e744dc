#include "verify/name_match.h"

#include <gtest/gtest.h>

namespace phonecert {
namespace {

std::string Ref(const char* name) {
  auto r = ParseReferenceName(name);
  EXPECT_TRUE(r) << name;
  return r ? r->dns : "";
}

TEST(NameMatch, ExactCaseInsensitiveAndTrailingDot) {
  EXPECT_TRUE(MatchDnsName("server.test", Ref("server.test")));
  EXPECT_TRUE(MatchDnsName("Server.TEST", Ref("server.test")));
  EXPECT_TRUE(MatchDnsName("server.test.", Ref("SERVER.test")));
  EXPECT_TRUE(MatchDnsName("server.test", Ref("server.test.")));
  EXPECT_FALSE(MatchDnsName("server.test", Ref("other.test")));
  EXPECT_FALSE(MatchDnsName("server.test", Ref("www.server.test")));
}

TEST(NameMatch, WildcardOnlyWholeLeftMostLabelOverOneLabel) {
  EXPECT_TRUE(MatchDnsName("*.wild.test", Ref("a.wild.test")));
  EXPECT_TRUE(MatchDnsName("*.Wild.Test", Ref("A.wild.test")));
  EXPECT_FALSE(MatchDnsName("*.wild.test", Ref("wild.test")));
  EXPECT_FALSE(MatchDnsName("*.wild.test", Ref("a.b.wild.test")));
  EXPECT_FALSE(MatchDnsName("f*.wild.test", Ref("foo.wild.test")));
  EXPECT_FALSE(MatchDnsName("*o.wild.test", Ref("foo.wild.test")));
  EXPECT_FALSE(MatchDnsName("a.*.test", Ref("a.b.test")));
  EXPECT_FALSE(MatchDnsName("*", Ref("test")));
  EXPECT_FALSE(MatchDnsName("xn--*-1b3c148a.example.com", Ref("xn--bliss-1b3c148a.example.com")));
}

TEST(NameMatch, NoWildcardOverPublicSuffix) {
  EXPECT_TRUE(IsPublicSuffix("com"));
  EXPECT_TRUE(IsPublicSuffix("corp"));  // every single label
  EXPECT_TRUE(IsPublicSuffix("co.uk"));
  EXPECT_TRUE(IsPublicSuffix("s3.amazonaws.com"));
  EXPECT_FALSE(IsPublicSuffix("example.com"));
  EXPECT_FALSE(IsPublicSuffix("phone.corp"));
  EXPECT_FALSE(MatchDnsName("*.com", Ref("example.com")));
  EXPECT_FALSE(MatchDnsName("*.co.uk", Ref("example.co.uk")));
  EXPECT_FALSE(MatchDnsName("*.s3.amazonaws.com", Ref("bucket.s3.amazonaws.com")));
  EXPECT_TRUE(MatchDnsName("*.phone.corp", Ref("sip.phone.corp")));
}

TEST(NameMatch, ReferenceNames) {
  auto v4 = ParseReferenceName("192.0.2.1");
  ASSERT_TRUE(v4);
  EXPECT_EQ(v4->kind, ReferenceName::Kind::kIp);
  EXPECT_EQ(v4->ip_bytes, std::string("\xc0\x00\x02\x01", 4));
  auto v6 = ParseReferenceName("[2001:db8::1]");
  ASSERT_TRUE(v6);
  EXPECT_EQ(v6->kind, ReferenceName::Kind::kIp);
  EXPECT_EQ(v6->ip_bytes.size(), 16u);
  auto dns = ParseReferenceName("SIP.Example.COM.");
  ASSERT_TRUE(dns);
  EXPECT_EQ(dns->dns, "sip.example.com");
  EXPECT_FALSE(ParseReferenceName(""));
  EXPECT_FALSE(ParseReferenceName("a..b"));
  EXPECT_FALSE(ParseReferenceName("*.example.com"));
  EXPECT_FALSE(ParseReferenceName("exa mple.com"));
}

TEST(NameMatch, PresentedNameSyntax) {
  EXPECT_TRUE(IsValidPresentedDnsName("server.test"));
  EXPECT_TRUE(IsValidPresentedDnsName("*.example.com"));
  EXPECT_TRUE(IsValidPresentedDnsName("xn--n3h.com"));
  EXPECT_FALSE(IsValidPresentedDnsName("foo_bar.example.com"));
  EXPECT_FALSE(IsValidPresentedDnsName("8.8.8.8"));
  EXPECT_FALSE(IsValidPresentedDnsName("*.com"));
  EXPECT_FALSE(IsValidPresentedDnsName("ba*.example.com"));
  EXPECT_FALSE(IsValidPresentedDnsName("-a.example.com"));
  EXPECT_FALSE(IsValidPresentedDnsName(".example.com"));
  EXPECT_FALSE(IsValidPresentedDnsName("\xf0\x9f\x98\x9c.example.com"));
}

TEST(NameMatch, CanonicalIpText) {
  EXPECT_EQ(CanonicalIpText(std::string("\x7f\x00\x00\x01", 4)), "127.0.0.1");
  std::string v6(16, '\0');
  v6[0] = '\x20'; v6[1] = '\x01'; v6[2] = '\x0d'; v6[3] = '\xb8'; v6[15] = '\x01';
  EXPECT_EQ(CanonicalIpText(v6), "2001:db8::1");
  EXPECT_EQ(CanonicalIpText("abc"), "");
}

}  // namespace
}  // namespace phonecert
