#include "settings/settings.h"

#include <gtest/gtest.h>

#include "settings/keys.h"

namespace phonecert {
namespace {

TEST(Settings, DefaultsFollowParametersMd) {
  Settings s = Settings::Defaults();
  EXPECT_TRUE(s.TrustCertificates());
  EXPECT_FALSE(s.CnValidation());
  EXPECT_EQ(s.CaCert(), 2);
  EXPECT_EQ(s.DevCert(), 0);
  EXPECT_EQ(s.DefaultSslMethod(), SslMethod::kAuto);
  EXPECT_FALSE(s.ReserveCerts());
  EXPECT_EQ(s.TrustedCertificatesUrl(), "");
  EXPECT_FALSE(s.DeleteTrustedCertificates());
  EXPECT_FALSE(s.DeleteServerCertificates());
  EXPECT_EQ(s.AutoProvisionUrl(), "");
  EXPECT_EQ(s.UserPassword(), "");
  EXPECT_EQ(*s.Get("static.security.ca_cert"), "2");
  EXPECT_EQ(*s.GetInt("security.trust_certificates"), 1);
}

TEST(Settings, WithMakesANewValueAndLeavesTheOldOne) {
  Settings a = Settings::Defaults();
  auto b = a.With(keys::kCaCert, "1");
  ASSERT_TRUE(b) << b.error().detail;
  EXPECT_EQ(b->CaCert(), 1);
  EXPECT_EQ(a.CaCert(), 2);
  EXPECT_NE(a, *b);
}

TEST(Settings, WithAcceptsAliasesAndStoresUnderTheCanonicalKey) {
  auto s = Settings::Defaults().With("Security.CN_Validation", "1");
  ASSERT_TRUE(s);
  EXPECT_TRUE(s->CnValidation());
  EXPECT_EQ(*s->Get(keys::kCnValidation), "1");
}

TEST(Settings, WithRefusesAnInvalidValueNamingThePermittedValues) {
  auto s = Settings::Defaults().With(keys::kDefaultSslMethod, "2");
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code, Code::kInvalidValue);
  EXPECT_NE(s.error().detail.find("3 (auto"), std::string::npos) << s.error().detail;
  EXPECT_NE(s.error().detail.find("6 (TLS 1.3)"), std::string::npos);
}

TEST(Settings, WithRefusesAnUnknownKey) {
  auto s = Settings::Defaults().With("account.1.enable", "1");
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code, Code::kUnknownKey);
  EXPECT_FALSE(Settings::Defaults().Get("nope").has_value());
}

TEST(Settings, GetIntRefusesNonNumbers) {
  auto s = Settings::Defaults().With(keys::kAutoProvisionUrl, "https://p.example/x");
  ASSERT_TRUE(s);
  auto n = s->GetInt(keys::kAutoProvisionUrl);
  ASSERT_FALSE(n);
  EXPECT_EQ(n.error().code, Code::kInvalidValue);
}

TEST(Settings, TypedAccessorsReadTheirKeys) {
  Settings s = Settings::Defaults();
  s = *s.With(keys::kTrustCertificates, "0");
  s = *s.With(keys::kDevCert, "1");
  s = *s.With(keys::kDefaultSslMethod, "6");
  s = *s.With(keys::kReserveCertsEnable, "1");
  s = *s.With(keys::kTrustedCertificatesDelete, "http://localhost/all");
  s = *s.With(keys::kServerCertificatesUrl, "http://p/dev.pem");
  s = *s.With(keys::kAutoProvisionUsername, "prov");
  s = *s.With(keys::kAutoProvisionPassword, "pw");
  EXPECT_FALSE(s.TrustCertificates());
  EXPECT_EQ(s.DevCert(), 1);
  EXPECT_EQ(s.DefaultSslMethod(), SslMethod::kTls13);
  EXPECT_TRUE(s.ReserveCerts());
  EXPECT_TRUE(s.DeleteTrustedCertificates());
  EXPECT_EQ(s.ServerCertificatesUrl(), "http://p/dev.pem");
  EXPECT_EQ(s.AutoProvisionUsername(), "prov");
  EXPECT_EQ(s.AutoProvisionPassword(), "pw");
}

TEST(Settings, ForServiceInheritsUnlessOverridden) {
  Settings s = *Settings::Defaults().With(keys::kCaCert, "1");
  s = *s.With(keys::ServiceOverride("sip", keys::kFieldCaCert), "0");
  s = *s.With(keys::ServiceOverride("ldap", keys::kFieldTrustCertificates), "0");
  EXPECT_EQ(s.ForService("sip").ca_cert, 0);
  EXPECT_EQ(s.ForService("ldap").ca_cert, 1);
  EXPECT_FALSE(s.ForService("ldap").trust_certificates);
  EXPECT_TRUE(s.ForService("sip").trust_certificates);
  EXPECT_EQ(s.ForService("web_server").ca_cert, 1);
  EXPECT_EQ(s.ForService("no_such_service").ca_cert, 1);
}

TEST(Settings, DiffListsChangesInTableOrderWithLabels) {
  Settings a = Settings::Defaults();
  Settings b = *a.With(keys::kCaCert, "1");
  b = *b.With(keys::kTrustCertificates, "0");
  auto d = Diff(a, b);
  ASSERT_EQ(d.size(), 2u);
  EXPECT_EQ(d[0].key, keys::kTrustCertificates);
  EXPECT_EQ(d[0].old_value, "1 (Enabled)");
  EXPECT_EQ(d[0].new_value, "0 (Disabled)");
  EXPECT_EQ(d[1].key, keys::kCaCert);
  EXPECT_EQ(d[1].new_value, "1 (Custom Certificates)");
  EXPECT_TRUE(Diff(b, b).empty());
}

TEST(Settings, DiffMasksSecrets) {
  Settings a = Settings::Defaults();
  Settings b = *a.With(keys::kUserPassword, "correct horse");
  Settings c = *b.With(keys::kUserPassword, "battery staple");
  for (const auto& [x, y] : {std::pair{&a, &b}, std::pair{&b, &c}}) {
    auto d = Diff(*x, *y);
    ASSERT_EQ(d.size(), 1u);
    EXPECT_EQ(d[0].ToString().find("horse"), std::string::npos) << d[0].ToString();
    EXPECT_EQ(d[0].ToString().find("staple"), std::string::npos) << d[0].ToString();
    EXPECT_NE(d[0].new_value.find(kMaskedSecret), std::string::npos);
  }
}

}  // namespace
}  // namespace phonecert
