#include "settings/parameters.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "settings/keys.h"

namespace phonecert {
namespace {

// PARAMETERS.md, copied by hand: the table must hold exactly these keys with these defaults.
struct Expected {
  std::string key;
  ParamType type;
  std::string default_value;
  bool file_only;
};
const Expected kSpec[] = {
    {"static.security.trust_certificates", ParamType::kChoice, "1", false},
    {"static.security.cn_validation", ParamType::kChoice, "0", false},
    {"static.security.ca_cert", ParamType::kChoice, "2", false},
    {"static.trusted_certificates.url", ParamType::kUrl, "", false},
    {"static.trusted_certificates.delete", ParamType::kDeleteUrl, "", false},
    {"static.security.dev_cert", ParamType::kChoice, "0", false},
    {"static.server_certificates.url", ParamType::kUrl, "", false},
    {"static.server_certificates.delete", ParamType::kDeleteUrl, "", false},
    {"static.phone_setting.reserve_certs_enable", ParamType::kChoice, "0", true},
    {"static.security.default_ssl_method", ParamType::kChoice, "3", true},
    {"static.auto_provision.server.url", ParamType::kUrl, "", false},
    {"static.auto_provision.server.username", ParamType::kText, "", false},
    {"static.auto_provision.server.password", ParamType::kSecret, "", false},
    {"static.security.user_password", ParamType::kSecret, "", false},
};

TEST(Parameters, HoldsEveryKeyOfParametersMdWithItsDefault) {
  for (const Expected& e : kSpec) {
    SCOPED_TRACE(e.key);
    const Parameter* p = FindParameter(e.key);
    ASSERT_NE(p, nullptr);
    EXPECT_EQ(p->key, e.key);
    EXPECT_EQ(p->type, e.type);
    EXPECT_EQ(p->default_value, e.default_value);
    EXPECT_EQ(p->file_only, e.file_only);
    EXPECT_EQ(p->web_path.empty(), e.file_only);
    EXPECT_FALSE(p->help.empty());
    EXPECT_FALSE(p->label.empty());
  }
}

TEST(Parameters, RowsAreCanonicalUniqueAndIndexed) {
  std::set<std::string> seen;
  std::size_t i = 0;
  for (const Parameter& p : Parameters()) {
    SCOPED_TRACE(std::string(p.key));
    EXPECT_EQ(p.index, i++);
    EXPECT_TRUE(p.key.starts_with("static."));
    for (char c : p.key) EXPECT_FALSE(c >= 'A' && c <= 'Z');
    EXPECT_TRUE(seen.insert(std::string(p.key)).second);
    EXPECT_TRUE(ValidateValue(p, p.default_value).has_value()) << "default refused";
    EXPECT_EQ(FindParameter(p.key), &p);
  }
}

TEST(Parameters, ChoiceLabelsFollowTheWebPages) {
  const Parameter* ca = FindParameter(keys::kCaCert);
  ASSERT_NE(ca, nullptr);
  EXPECT_EQ(ValueLabel(*ca, "0"), "Default Certificates");
  EXPECT_EQ(ValueLabel(*ca, "1"), "Custom Certificates");
  EXPECT_EQ(ValueLabel(*ca, "2"), "All Certificates");
  const Parameter* ssl = FindParameter(keys::kDefaultSslMethod);
  ASSERT_NE(ssl, nullptr);
  std::set<int> values;
  for (const Choice& c : ssl->choices) values.insert(c.value);
  EXPECT_EQ(values, (std::set<int>{0, 3, 4, 5, 6}));
  EXPECT_EQ(ValueLabel(*ssl, "5"), "TLS 1.2");
  EXPECT_EQ(ValueLabel(*ssl, "6"), "TLS 1.3");
}

TEST(Parameters, LookupAcceptsAliasWithoutStaticPrefixAndAnyCase) {
  const Parameter* canonical = FindParameter("static.security.ca_cert");
  ASSERT_NE(canonical, nullptr);
  EXPECT_EQ(FindParameter("security.ca_cert"), canonical);
  EXPECT_EQ(FindParameter("Static.Security.CA_Cert"), canonical);
  EXPECT_EQ(FindParameter("SECURITY.CA_CERT"), canonical);
  EXPECT_EQ(FindParameter("static.security.ca_cert2"), nullptr);
  EXPECT_EQ(FindParameter("static.static.security.ca_cert"), nullptr);
  EXPECT_EQ(FindParameter(""), nullptr);
  EXPECT_EQ(FindParameter(std::string(10000, 'a')), nullptr);
}

TEST(Parameters, UnknownKeyIsRefusedWithCode) {
  auto r = LookupParameter("account.1.sip_server.1.address");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, Code::kUnknownKey);
  EXPECT_NE(r.error().detail.find("account.1.sip_server.1.address"), std::string::npos);
}

TEST(Parameters, EveryNamedKeyConstantIsInTheTable) {
  for (std::string_view k :
       {keys::kTrustCertificates, keys::kCnValidation, keys::kCaCert,
        keys::kTrustedCertificatesUrl, keys::kTrustedCertificatesDelete, keys::kDevCert,
        keys::kServerCertificatesUrl, keys::kServerCertificatesDelete, keys::kReserveCertsEnable,
        keys::kDefaultSslMethod, keys::kAutoProvisionUrl, keys::kAutoProvisionUsername,
        keys::kAutoProvisionPassword, keys::kUserPassword}) {
    const Parameter* p = FindParameter(k);
    ASSERT_NE(p, nullptr) << k;
    EXPECT_EQ(p->key, k);
  }
}

TEST(Parameters, PerServiceOverridesInheritWhenEmpty) {
  for (std::string_view service : keys::kOverrideServices) {
    for (std::string_view field : {"trust_certificates", "ca_cert", "dev_cert", "cn_validation"}) {
      std::string key = "security." + std::string(service) + "." + std::string(field);
      const Parameter* p = FindParameter(key);  // PARAMETERS.md spelling, an alias
      ASSERT_NE(p, nullptr) << key;
      EXPECT_EQ(p->key, "static." + key);
      EXPECT_TRUE(p->empty_allowed);
      EXPECT_EQ(p->default_value, "");
      EXPECT_TRUE(ValidateValue(*p, "").has_value());
      EXPECT_TRUE(ValidateValue(*p, "1").has_value());
      EXPECT_FALSE(ValidateValue(*p, "9").has_value());
    }
  }
}

TEST(ParameterValues, ChoiceRefusalNamesThePermittedValues) {
  const Parameter& p = *FindParameter(keys::kCaCert);
  auto s = ValidateValue(p, "3");
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code, Code::kInvalidValue);
  EXPECT_NE(s.error().detail.find("0 (Default Certificates), 1 (Custom Certificates) or 2 (All "
                                  "Certificates)"),
            std::string::npos)
      << s.error().detail;
  EXPECT_FALSE(ValidateValue(p, "").has_value());
  EXPECT_FALSE(ValidateValue(p, "01").has_value());
  EXPECT_FALSE(ValidateValue(p, "1.0").has_value());
  EXPECT_FALSE(ValidateValue(p, "-1").has_value());
  EXPECT_FALSE(ValidateValue(p, "one").has_value());
  EXPECT_TRUE(ValidateValue(p, "0").has_value());
}

TEST(ParameterValues, UrlAtMost511Characters) {
  const Parameter& p = *FindParameter(keys::kTrustedCertificatesUrl);
  std::string base = "https://prov.example.com/";
  std::string u511 = base + std::string(511 - base.size(), 'a');
  std::string u512 = u511 + "a";
  EXPECT_TRUE(ValidateValue(p, u511).has_value());
  auto s = ValidateValue(p, u512);
  ASSERT_FALSE(s);
  EXPECT_NE(s.error().detail.find("512 characters"), std::string::npos) << s.error().detail;
  EXPECT_TRUE(ValidateValue(p, "").has_value());
}

TEST(ParameterValues, UrlSchemesAndSpaces) {
  const Parameter& p = *FindParameter(keys::kAutoProvisionUrl);
  for (const char* ok : {"http://a/b", "HTTPS://a:8443/p?x=1", "ftp://u:p@h/d", "tftp://10.0.0.1",
                         "file:///srv/prov", "10.0.0.5/prov"}) {
    EXPECT_TRUE(ValidateValue(p, ok).has_value()) << ok;
  }
  for (const char* bad : {"gopher://a/b", "http://a b", "http://a/\x01", "%NULL%"}) {
    EXPECT_FALSE(ValidateValue(p, bad).has_value()) << bad;
  }
}

TEST(ParameterValues, DeleteUrlAcceptsOnlyLocalhostAll) {
  const Parameter& p = *FindParameter(keys::kServerCertificatesDelete);
  EXPECT_TRUE(ValidateValue(p, "http://localhost/all").has_value());
  EXPECT_TRUE(ValidateValue(p, "").has_value());
  EXPECT_FALSE(ValidateValue(p, "http://localhost/1").has_value());
  EXPECT_FALSE(ValidateValue(p, "https://localhost/all").has_value());
  EXPECT_FALSE(ValidateValue(p, "1").has_value());
}

TEST(ParameterValues, TextOnOneLineWithoutOuterSpaces) {
  const Parameter& p = *FindParameter(keys::kAutoProvisionUsername);
  EXPECT_TRUE(ValidateValue(p, "john doe").has_value());
  EXPECT_FALSE(ValidateValue(p, "john\ndoe").has_value());
  EXPECT_FALSE(ValidateValue(p, " john").has_value());
  EXPECT_FALSE(ValidateValue(p, std::string(512, 'x')).has_value());
}

TEST(ParameterValues, RefusedSecretIsNotEchoed) {
  const Parameter& p = *FindParameter(keys::kAutoProvisionPassword);
  auto s = ValidateValue(p, "hunter2\t");
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().detail.find("hunter2"), std::string::npos) << s.error().detail;
}

TEST(ParameterValues, SecretsAreMasked) {
  const Parameter& p = *FindParameter(keys::kUserPassword);
  EXPECT_TRUE(p.secret);
  EXPECT_EQ(DisplayValue(p, "s3cret"), std::string(kMaskedSecret));
  EXPECT_EQ(DisplayValue(p, ""), "");
  EXPECT_EQ(DisplayValue(*FindParameter(keys::kCaCert), "1"), "1");
}

TEST(ParameterValues, OldTlsVersionsCarryAWarning) {
  const Parameter& p = *FindParameter(keys::kDefaultSslMethod);
  EXPECT_FALSE(ValueWarning(p, "0").empty());
  EXPECT_FALSE(ValueWarning(p, "4").empty());
  EXPECT_TRUE(ValueWarning(p, "3").empty());
  EXPECT_TRUE(ValueWarning(p, "6").empty());
}

}  // namespace
}  // namespace phonecert
