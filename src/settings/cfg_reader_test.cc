#include "settings/cfg_reader.h"

#include <gtest/gtest.h>

#include "settings/cfg_apply.h"
#include "settings/keys.h"

namespace phonecert {
namespace {

CfgParse Parse(std::string_view text, std::size_t max_diagnostics = 1000) {
  CfgReadOptions o;
  o.file_name = "test.cfg";
  o.max_diagnostics = max_diagnostics;
  auto r = ParseCfg(text, o);
  EXPECT_TRUE(r) << r.error().detail;
  return r ? *r : CfgParse{};
}

Settings ApplyText(std::string_view text, const Settings& base = Settings::Defaults()) {
  return Apply(base, Parse(text)).settings;
}

std::size_t CountCode(const CfgParse& p, DiagnosticCode code) {
  std::size_t n = 0;
  for (const auto& d : p.diagnostics) n += d.code == code;
  return n;
}

const Diagnostic* First(const CfgParse& p, DiagnosticCode code) {
  for (const auto& d : p.diagnostics) {
    if (d.code == code) return &d;
  }
  return nullptr;
}

TEST(CfgReader, MissingHeaderRefusesTheWholeFile) {
  auto r = ParseCfg("static.security.ca_cert = 1\n", {.file_name = "common.cfg"});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, Code::kBadConfigFile);
  EXPECT_NE(r.error().detail.find("common.cfg"), std::string::npos);
  EXPECT_NE(r.error().detail.find("#!version:1.0.0.1"), std::string::npos) << r.error().detail;
  EXPECT_NE(r.error().detail.find("line 1"), std::string::npos) << r.error().detail;
}

TEST(CfgReader, HeaderMustBeTheFirstNonEmptyLine) {
  EXPECT_FALSE(ParseCfg("# comment\n#!version:1.0.0.1\n", {}));
  EXPECT_FALSE(ParseCfg("#!version:2.0\n", {}));
  EXPECT_FALSE(ParseCfg("", {}));
  EXPECT_FALSE(ParseCfg("\n  \r\n", {}));
  EXPECT_TRUE(ParseCfg("\n\n  \t#!version:1.0.0.1  \r\nsecurity.ca_cert=1\n", {}));
}

TEST(CfgReader, Utf8BomIsTolerated) {
  Settings s = ApplyText("\xEF\xBB\xBF#!version:1.0.0.1\nstatic.security.ca_cert = 0\n");
  EXPECT_EQ(s.CaCert(), 0);
}

TEST(CfgReader, Utf16IsRefusedWithAHint) {
  auto r = ParseCfg(std::string_view("\xFF\xFE#\0!\0", 6), {});
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().detail.find("UTF-16"), std::string::npos);
}

TEST(CfgReader, CrlfAndLfLineEnds) {
  CfgParse p = Parse("#!version:1.0.0.1\r\nstatic.auto_provision.server.url = http://a/b\r\n"
                     "static.security.ca_cert=1\n");
  ASSERT_EQ(p.assignments.size(), 2u);
  EXPECT_EQ(p.assignments[0].value, "http://a/b");
  EXPECT_EQ(p.assignments[1].value, "1");
  EXPECT_TRUE(p.diagnostics.empty());
}

TEST(CfgReader, SpacesAroundEqualsAreOptional) {
  for (const char* line : {"static.security.ca_cert=0", "static.security.ca_cert =0",
                           "  static.security.ca_cert\t=\t0  "}) {
    Settings s = ApplyText(std::string("#!version:1.0.0.1\n") + line + "\n");
    EXPECT_EQ(s.CaCert(), 0) << line;
  }
}

TEST(CfgReader, CommentLinesAreIgnored) {
  CfgParse p = Parse("#!version:1.0.0.1\n# static.security.ca_cert = 0\n   #indented = 1\n");
  EXPECT_TRUE(p.assignments.empty());
  EXPECT_TRUE(p.diagnostics.empty());
  EXPECT_EQ(p.counts.comments, 3u);
}

TEST(CfgReader, EmptyValueKeepsTheCurrentValue) {
  Settings base = *Settings::Defaults().With(keys::kAutoProvisionUrl, "http://old/");
  Settings s = ApplyText("#!version:1.0.0.1\nstatic.auto_provision.server.url =\n", base);
  EXPECT_EQ(s.AutoProvisionUrl(), "http://old/");
}

TEST(CfgReader, NullSetsEmpty) {
  Settings base = *Settings::Defaults().With(keys::kAutoProvisionUrl, "http://old/");
  Settings s = ApplyText("#!version:1.0.0.1\nstatic.auto_provision.server.url = %NULL%\n", base);
  EXPECT_EQ(s.AutoProvisionUrl(), "");
}

TEST(CfgReader, NullOnAKeyThatCannotBeEmptyIsAnInvalidValue) {
  CfgParse p = Parse("#!version:1.0.0.1\nstatic.security.ca_cert = %NULL%\n");
  EXPECT_TRUE(p.assignments.empty());
  ASSERT_EQ(CountCode(p, DiagnosticCode::kInvalidValue), 1u);
  EXPECT_NE(p.diagnostics[0].sentence.find("permitted: 0 (Default"), std::string::npos);
}

TEST(CfgReader, LaterLineWins) {
  CfgParse p = Parse("#!version:1.0.0.1\nstatic.security.ca_cert = 0\nsecurity.ca_cert = 1\n");
  EXPECT_EQ(Apply(Settings::Defaults(), p).settings.CaCert(), 1);
  const Diagnostic* d = First(p, DiagnosticCode::kDuplicateKey);
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->line, 3u);
  EXPECT_EQ(d->severity, Severity::kNote);
  EXPECT_NE(d->sentence.find("line 2"), std::string::npos) << d->sentence;
  EXPECT_EQ(p.counts.duplicate_keys, 1u);
}

TEST(CfgReader, KeysWithoutStaticPrefixAreAliases) {
  Settings s = ApplyText("#!version:1.0.0.1\nsecurity.trust_certificates = 0\n"
                         "trusted_certificates.url = http://p/ca.pem\n");
  EXPECT_FALSE(s.TrustCertificates());
  EXPECT_EQ(s.TrustedCertificatesUrl(), "http://p/ca.pem");
}

TEST(CfgReader, KeysMatchInAnyCase) {
  Settings s = ApplyText("#!version:1.0.0.1\nSTATIC.Security.CN_Validation = 1\n");
  EXPECT_TRUE(s.CnValidation());
}

TEST(CfgReader, UnknownKeysAreCountedWithTheirLineAndIgnored) {
  CfgParse p = Parse("#!version:1.0.0.1\naccount.1.enable = 1\naccount.1.label = Reception\n"
                     "static.security.ca_cert = 1\n");
  EXPECT_EQ(p.counts.unknown_keys, 2u);
  ASSERT_EQ(CountCode(p, DiagnosticCode::kUnknownKey), 2u);
  EXPECT_EQ(p.diagnostics[0].line, 2u);
  EXPECT_EQ(p.diagnostics[1].line, 3u);
  EXPECT_EQ(p.diagnostics[0].severity, Severity::kWarning);
  EXPECT_EQ(p.diagnostics[0].file, "test.cfg");
  EXPECT_EQ(p.assignments.size(), 1u);
}

TEST(CfgReader, InvalidValueNamesLineAndPermittedValuesAndTheRestApplies) {
  CfgParse p = Parse("#!version:1.0.0.1\nstatic.security.cn_validation = 1\n"
                     "static.security.ca_cert = 7\nstatic.security.dev_cert = 1\n");
  ASSERT_EQ(p.diagnostics.size(), 1u);
  const Diagnostic& d = p.diagnostics[0];
  EXPECT_EQ(d.code, DiagnosticCode::kInvalidValue);
  EXPECT_EQ(d.line, 3u);
  EXPECT_NE(d.sentence.find("'7'"), std::string::npos);
  EXPECT_NE(d.sentence.find("2 (All Certificates)"), std::string::npos) << d.sentence;
  Settings s = Apply(Settings::Defaults(), p).settings;
  EXPECT_TRUE(s.CnValidation());
  EXPECT_EQ(s.CaCert(), 2);
  EXPECT_EQ(s.DevCert(), 1);
  EXPECT_EQ(p.counts.invalid_values, 1u);
}

TEST(CfgReader, Url511AcceptedAnd512Refused) {
  std::string base = "http://prov.example.com/";
  std::string u511 = base + std::string(511 - base.size(), 'c');
  CfgParse ok = Parse("#!version:1.0.0.1\nstatic.trusted_certificates.url = " + u511 + "\n");
  EXPECT_TRUE(ok.diagnostics.empty());
  EXPECT_EQ(Apply(Settings::Defaults(), ok).settings.TrustedCertificatesUrl(), u511);
  CfgParse bad = Parse("#!version:1.0.0.1\nstatic.trusted_certificates.url = " + u511 + "c\n");
  ASSERT_EQ(CountCode(bad, DiagnosticCode::kInvalidValue), 1u);
  EXPECT_NE(bad.diagnostics[0].sentence.find("511"), std::string::npos);
  EXPECT_EQ(Apply(Settings::Defaults(), bad).settings.TrustedCertificatesUrl(), "");
}

TEST(CfgReader, TemplateLeftoversNeverStopTheFile) {
  CfgParse p = Parse(
      "#!version:1.0.0.1\n"
      "account.{$line}.label = x\n"                                 // key with {$..}
      "%%prefix%%.security.ca_cert = 1\n"                          // key with %%..%%
      "static.auto_provision.server.url = http://@SERVER@/{$mac}\n"  // value: applied, warned
      "static.security.ca_cert = %%ca%%\n"                         // invalid value
      "static.security.cn_validation = 1\n");
  EXPECT_EQ(p.counts.template_leftovers, 4u);
  EXPECT_EQ(p.counts.unknown_keys, 2u);
  EXPECT_EQ(p.counts.invalid_values, 1u);
  EXPECT_EQ(CountCode(p, DiagnosticCode::kTemplateLeftover), 1u);
  Settings s = Apply(Settings::Defaults(), p).settings;
  EXPECT_EQ(s.AutoProvisionUrl(), "http://@SERVER@/{$mac}");
  EXPECT_TRUE(s.CnValidation());
  EXPECT_NE(p.diagnostics[0].sentence.find("template"), std::string::npos);
}

TEST(CfgReader, LinesWithoutEqualsAreSkipped) {
  CfgParse p = Parse("#!version:1.0.0.1\n[account]\nstatic.security.ca_cert 1\n= 5\n"
                     "static.security.ca_cert = 0\n");
  EXPECT_EQ(CountCode(p, DiagnosticCode::kNoEquals), 2u);
  EXPECT_EQ(CountCode(p, DiagnosticCode::kEmptyKey), 1u);
  EXPECT_EQ(p.counts.malformed_lines, 3u);
  EXPECT_EQ(p.diagnostics[0].line, 2u);
  EXPECT_EQ(Apply(Settings::Defaults(), p).settings.CaCert(), 0);
}

TEST(CfgReader, ValueMayHoldEquals) {
  Settings s = ApplyText("#!version:1.0.0.1\nstatic.auto_provision.server.url = http://p/?a=b&c=d\n");
  EXPECT_EQ(s.AutoProvisionUrl(), "http://p/?a=b&c=d");
}

TEST(CfgReader, LineOver64KiBIsSkippedAndTheRestApplies) {
  std::string text = "#!version:1.0.0.1\nstatic.security.ca_cert = 0\n";
  text += "account.1.label = " + std::string(100 * 1024, 'x') + "\r\n";
  text += "static.security.cn_validation = 1\n";
  CfgParse p = Parse(text);
  ASSERT_EQ(p.diagnostics.size(), 1u);
  EXPECT_EQ(p.diagnostics[0].code, DiagnosticCode::kLongLine);
  EXPECT_EQ(p.diagnostics[0].line, 3u);
  EXPECT_EQ(p.counts.long_lines, 1u);
  Settings s = Apply(Settings::Defaults(), p).settings;
  EXPECT_EQ(s.CaCert(), 0);
  EXPECT_TRUE(s.CnValidation());
}

TEST(CfgReader, LastLineWithoutNewline) {
  CfgParse p = Parse("#!version:1.0.0.1\nstatic.security.ca_cert = 1");
  ASSERT_EQ(p.assignments.size(), 1u);
  EXPECT_EQ(p.counts.lines, 2u);
}

TEST(CfgReader, OldTlsVersionIsAppliedWithAWarning) {
  CfgParse p = Parse("#!version:1.0.0.1\nstatic.security.default_ssl_method = 0\n");
  ASSERT_EQ(CountCode(p, DiagnosticCode::kValueWarning), 1u);
  EXPECT_EQ(Apply(Settings::Defaults(), p).settings.DefaultSslMethod(), SslMethod::kTls10);
}

TEST(CfgReader, InvalidSecretIsNotEchoed) {
  CfgParse p = Parse("#!version:1.0.0.1\nstatic.security.user_password = hunter\x01two\n");
  ASSERT_EQ(p.diagnostics.size(), 1u);
  EXPECT_EQ(p.diagnostics[0].sentence.find("hunter"), std::string::npos);
}

TEST(CfgReader, DiagnosticsAreCappedButCounted) {
  std::string text = "#!version:1.0.0.1\n";
  for (int i = 0; i < 50; ++i) text += "account." + std::to_string(i) + ".enable = 1\n";
  CfgParse p = Parse(text, 10);
  EXPECT_EQ(p.diagnostics.size(), 10u);
  EXPECT_EQ(p.counts.unknown_keys, 50u);
  EXPECT_EQ(p.counts.diagnostics_dropped, 40u);
}

TEST(CfgReader, DiagnosticFormatNamesFileAndLine) {
  CfgParse p = Parse("#!version:1.0.0.1\n\nfoo.bar = 1\n");
  ASSERT_EQ(p.diagnostics.size(), 1u);
  EXPECT_EQ(p.diagnostics[0].ToString(),
            "test.cfg:3: warning: unknown key 'foo.bar' ignored [unknown_key]");
}

TEST(CfgReader, BinaryJunkAfterTheHeaderIsHarmless) {
  std::string junk = "#!version:1.0.0.1\n";
  for (int i = 0; i < 4096; ++i) junk += static_cast<char>((i * 7919) % 256);
  junk += "\nstatic.security.ca_cert = 1\n";
  CfgParse p = Parse(junk);
  EXPECT_EQ(Apply(Settings::Defaults(), p).settings.CaCert(), 1);
}

}  // namespace
}  // namespace phonecert
