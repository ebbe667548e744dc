#include "provision/provision_url.h"

#include <gtest/gtest.h>

namespace phonecert::provision {
namespace {

TEST(ProvisionUrl, AcceptsTheFiveSchemes) {
  struct Case {
    const char* url;
    Scheme scheme;
    const char* host;
  } cases[] = {
      {"http://prov.example.com/cfg/", Scheme::kHttp, "prov.example.com"},
      {"HTTPS://Prov.Example.COM:8443/", Scheme::kHttps, "prov.example.com"},
      {"ftp://10.0.0.1/phones", Scheme::kFtp, "10.0.0.1"},
      {"tftp://10.0.0.1", Scheme::kTftp, "10.0.0.1"},
      {"https://[::1]:8443/p/", Scheme::kHttps, "::1"},
  };
  for (const Case& c : cases) {
    auto p = ParseUrl(c.url);
    ASSERT_TRUE(p) << c.url << ": " << p.error().detail;
    EXPECT_EQ(p->scheme, c.scheme) << c.url;
    EXPECT_EQ(p->host, c.host) << c.url;
  }
  auto f = ParseUrl("file:///var/prov/y000000000000.cfg");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->scheme, Scheme::kFile);
  EXPECT_EQ(f->host, "");
  EXPECT_EQ(f->path, "/var/prov/y000000000000.cfg");
}

TEST(ProvisionUrl, RefusesOtherSchemesAndNonUrls) {
  for (const char* bad : {"", "prov.example.com/cfg", "ldap://h/x", "scp://h/x", "ftps://h/x",
                          "http://", "file://otherhost/etc/passwd", "https://exa mple.com/"}) {
    auto p = ParseUrl(bad);
    EXPECT_FALSE(p) << bad;
    if (!p) {
      EXPECT_EQ(p.error().code, Code::kInvalidArgument) << bad;
    }
  }
  auto ldap = ParseUrl("ldap://h/x");
  ASSERT_FALSE(ldap);
  EXPECT_NE(ldap.error().detail.find("ldap"), std::string::npos);
}

TEST(ProvisionUrl, FileUrlAppendsTheNameToTheDirectory) {
  EXPECT_EQ(*FileUrl("http://h/p", "y000000000000.cfg"), "http://h/p/y000000000000.cfg");
  EXPECT_EQ(*FileUrl("http://h/p/", "y000000000000.cfg"), "http://h/p/y000000000000.cfg");
  EXPECT_EQ(*FileUrl("http://h", "a.cfg"), "http://h/a.cfg");
  EXPECT_EQ(*FileUrl("tftp://10.1.1.1:6969", "a.cfg"), "tftp://10.1.1.1:6969/a.cfg");
  EXPECT_EQ(*FileUrl("https://u:pw@h/p/?site=3", "a.cfg"), "https://u:pw@h/p/a.cfg?site=3");
  EXPECT_EQ(*FileUrl("file:///srv/prov", "a.cfg"), "file:///srv/prov/a.cfg");
  EXPECT_FALSE(FileUrl("gopher://h/", "a.cfg"));
}

TEST(ProvisionUrl, RedactsPasswordsOnly) {
  EXPECT_EQ(RedactUrl("http://admin:s3cret@h/p"), "http://admin:***@h/p");
  EXPECT_EQ(RedactUrl("ftp://user:p@ss:w@h:21/x"), "ftp://user:***@h:21/x");
  EXPECT_EQ(RedactUrl("http://admin@h/p"), "http://admin@h/p");
  EXPECT_EQ(RedactUrl("http://h/p?a=b:c@d"), "http://h/p?a=b:c@d");
  EXPECT_EQ(RedactUrl("no url at all"), "no url at all");
}

TEST(ProvisionUrl, SameServerComparesSchemeHostAndPort) {
  auto a = *ParseUrl("https://h:8443/p/");
  EXPECT_TRUE(SameServer(a, *ParseUrl("https://H:8443/other/ca.pem")));
  EXPECT_FALSE(SameServer(a, *ParseUrl("http://h:8443/")));
  EXPECT_FALSE(SameServer(a, *ParseUrl("https://h:9443/")));
  EXPECT_FALSE(SameServer(a, *ParseUrl("https://h2:8443/")));
}

}  // namespace
}  // namespace phonecert::provision
