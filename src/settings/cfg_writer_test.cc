#include "settings/cfg_writer.h"

#include <gtest/gtest.h>

#include "settings/cfg_apply.h"
#include "settings/cfg_reader.h"
#include "settings/keys.h"

namespace phonecert {
namespace {

Settings Customised() {
  Settings s = Settings::Defaults();
  s = *s.With(keys::kTrustCertificates, "0");
  s = *s.With(keys::kCaCert, "1");
  s = *s.With(keys::kTrustedCertificatesUrl, "https://prov.example.com/ca.pem?x=1#frag");
  s = *s.With(keys::kAutoProvisionUsername, "john doe");
  s = *s.With(keys::kAutoProvisionPassword, "s3cr=t #1");
  s = *s.With(keys::kUserPassword, "admin-pw");
  s = *s.With(keys::ServiceOverride("sip", keys::kFieldCaCert), "0");
  return s;
}

CfgParse ParseOk(const std::string& text) {
  auto p = ParseCfg(text, {});
  EXPECT_TRUE(p) << p.error().detail;
  return p ? *p : CfgParse{};
}

TEST(CfgWriter, StartsWithTheHeaderAndDocumentsEveryKey) {
  std::string text = WriteCfg(Settings::Defaults(), {});
  EXPECT_TRUE(text.starts_with("#!version:1.0.0.1\n"));
  for (const Parameter& p : Parameters()) {
    EXPECT_NE(text.find("\n" + std::string(p.key) + " = "), std::string::npos) << p.key;
    EXPECT_NE(text.find(std::string(p.help)), std::string::npos) << p.key;
  }
}

TEST(CfgWriter, OutputReadsBackWithoutDiagnostics) {
  CfgParse p = ParseOk(WriteCfg(Customised(), {.include_secrets = true}));
  EXPECT_TRUE(p.diagnostics.empty()) << p.diagnostics[0].ToString();
  EXPECT_EQ(p.assignments.size(), Parameters().size());
}

TEST(CfgWriter, RoundTripExportThenApplyIsANoOp) {
  for (bool secrets : {true, false}) {
    for (bool comments : {true, false}) {
      Settings s = Customised();
      std::string text = WriteCfg(s, {.include_secrets = secrets, .include_comments = comments});
      ApplyResult r = Apply(s, ParseOk(text));
      EXPECT_TRUE(r.changes.empty()) << r.changes[0].ToString();
      EXPECT_EQ(r.settings, s);
    }
  }
}

TEST(CfgWriter, ExportWithSecretsReproducesTheSettingsOnAnotherPhone) {
  Settings s = Customised();
  ApplyResult r = Apply(Settings::Defaults(), ParseOk(WriteCfg(s, {.include_secrets = true})));
  EXPECT_EQ(r.settings, s);
}

TEST(CfgWriter, EmptyValuesAreWrittenAsNullSoTheyAreSet) {
  Settings other = *Settings::Defaults().With(keys::kAutoProvisionUrl, "http://elsewhere/");
  std::string text = WriteCfg(Settings::Defaults(), {});
  EXPECT_NE(text.find("static.auto_provision.server.url = %NULL%\n"), std::string::npos);
  EXPECT_EQ(Apply(other, ParseOk(text)).settings.AutoProvisionUrl(), "");
}

TEST(CfgWriter, SecretsAreLeftOutUnlessAsked) {
  Settings s = Customised();
  std::string text = WriteCfg(s, {});
  EXPECT_EQ(text.find("s3cr=t"), std::string::npos);
  EXPECT_EQ(text.find("admin-pw"), std::string::npos);
  EXPECT_NE(text.find("\nstatic.security.user_password = \n"), std::string::npos);
  // Applied elsewhere, the empty value keeps that phone's own password.
  Settings elsewhere = *Settings::Defaults().With(keys::kUserPassword, "theirs");
  EXPECT_EQ(Apply(elsewhere, ParseOk(text)).settings.UserPassword(), "theirs");
  std::string with = WriteCfg(s, {.include_secrets = true});
  EXPECT_NE(with.find("static.security.user_password = admin-pw\n"), std::string::npos);
}

}  // namespace
}  // namespace phonecert
