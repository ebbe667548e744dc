#include "settings/cfg_apply.h"

#include <gtest/gtest.h>

#include "settings/keys.h"

namespace phonecert {
namespace {

CfgParse Parse(std::string_view text, std::string name) {
  auto r = ParseCfg(text, {.file_name = std::move(name)});
  EXPECT_TRUE(r) << r.error().detail;
  return r ? *r : CfgParse{};
}

TEST(CfgApply, ChangesNameTheWinningLine) {
  ApplyResult r = Apply(Settings::Defaults(),
                        Parse("#!version:1.0.0.1\nstatic.security.ca_cert = 0\n"
                              "static.security.cn_validation = 0\nstatic.security.ca_cert = 1\n",
                              "a.cfg"));
  ASSERT_EQ(r.changes.size(), 1u);  // cn_validation was already 0
  EXPECT_EQ(r.changes[0].key, keys::kCaCert);
  EXPECT_EQ(r.changes[0].line, 4u);
  EXPECT_EQ(r.changes[0].old_value, "2 (All Certificates)");
  EXPECT_EQ(r.changes[0].new_value, "1 (Custom Certificates)");
  EXPECT_EQ(r.diagnostics.size(), 1u);  // the duplicate note
}

TEST(CfgApply, MacFileAppliedAfterCommonFileWins) {
  CfgParse common = Parse("#!version:1.0.0.1\nstatic.security.ca_cert = 0\n"
                          "static.security.cn_validation = 1\n", "y000000000000.cfg");
  CfgParse mac = Parse("#!version:1.0.0.1\nstatic.security.ca_cert = 1\n"
                       "static.security.cn_validation =\n", "001565aabbcc.cfg");
  Settings s = Apply(Apply(Settings::Defaults(), common).settings, mac).settings;
  EXPECT_EQ(s.CaCert(), 1);
  EXPECT_TRUE(s.CnValidation());  // empty value in the MAC file keeps the common file's
}

TEST(CfgApply, KeepAfterSetKeepsTheEarlierLine) {
  ApplyResult r = Apply(Settings::Defaults(),
                        Parse("#!version:1.0.0.1\nstatic.security.dev_cert = 1\n"
                              "static.security.dev_cert =\n", "a.cfg"));
  EXPECT_EQ(r.settings.DevCert(), 1);
}

TEST(CfgApply, NothingChangesTheBaseValue) {
  Settings base = Settings::Defaults();
  ApplyResult r = Apply(base, Parse("#!version:1.0.0.1\nstatic.security.ca_cert = 0\n", "a"));
  EXPECT_EQ(base.CaCert(), 2);
  EXPECT_EQ(r.settings.CaCert(), 0);
}

}  // namespace
}  // namespace phonecert
