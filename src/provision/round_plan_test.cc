#include "provision/round_plan.h"

#include <gtest/gtest.h>

#include "settings/keys.h"
#include "test_support.h"
#include "trust/trust_store.h"
#include "x509/load.h"

namespace phonecert::provision {
namespace {

using phonecert::testing::Data;
using phonecert::testing::ReadAll;

const TimePoint kNow = *ParseIso8601("2030-01-01T00:00:00Z");

CfgParse Parse(const std::string& name, const std::string& body) {
  CfgReadOptions o;
  o.file_name = name;
  auto p = ParseCfg("#!version:1.0.0.1\n" + body, o);
  EXPECT_TRUE(p) << name;
  return *p;
}

std::string Value(const Settings& s, std::string_view key) { return *s.Get(key); }

Certificate Cert(const std::string& name) {
  return LoadCertificatesFile(Data(name))->certificates.at(0);
}

Anchor Custom(const std::string& name) {
  Certificate c = Cert(name);
  return Anchor{c, AnchorSource::kCustom, c.IssuedTo(), {}};
}

std::shared_ptr<const TrustSnapshot> Snapshot(std::vector<std::string> custom) {
  std::vector<Anchor> anchors;
  for (const auto& n : custom) anchors.push_back(Custom(n));
  return TrustSnapshot::Build({}, std::move(anchors));
}

// ---- settings ----------------------------------------------------------------------------------

TEST(PlanSettings, MacFileWinsOverCommonFile) {
  std::vector<CfgParse> files = {
      Parse("y000000000000.cfg", "static.security.ca_cert = 1\nstatic.security.cn_validation = 1\n"),
      Parse("001565aabbcc.cfg", "static.security.ca_cert = 0\n")};
  SettingsPlan plan = PlanSettings(Settings::Defaults(), files);
  EXPECT_EQ(Value(plan.next, keys::kCaCert), "0");
  EXPECT_EQ(Value(plan.next, keys::kCnValidation), "1");
  ASSERT_EQ(plan.changes.size(), 3u);
  EXPECT_EQ(plan.changes[2].file, "001565aabbcc.cfg");
  EXPECT_EQ(plan.changes[2].key, keys::kCaCert);
  EXPECT_EQ(plan.changes[2].line, 2u);
}

TEST(PlanSettings, DiagnosticsNameTheFileAndLine) {
  std::vector<CfgParse> files = {
      Parse("y000000000000.cfg", "account.1.label = x\n"),
      Parse("001565aabbcc.cfg", "\nstatic.security.ca_cert = 7\nstatic.security.cn_validation = 1\n")};
  SettingsPlan plan = PlanSettings(Settings::Defaults(), files);
  ASSERT_EQ(plan.diagnostics.size(), 2u);
  EXPECT_EQ(plan.diagnostics[0].file, "y000000000000.cfg");
  EXPECT_EQ(plan.diagnostics[0].line, 2u);
  EXPECT_EQ(plan.diagnostics[1].file, "001565aabbcc.cfg");
  EXPECT_EQ(plan.diagnostics[1].line, 3u);
  EXPECT_EQ(plan.diagnostics[1].code, DiagnosticCode::kInvalidValue);
  EXPECT_EQ(Value(plan.next, keys::kCnValidation), "1");  // the rest applied
}

TEST(PlanSettings, DeleteKeysAreActionsAndNeverStored) {
  std::vector<CfgParse> files = {Parse(
      "y000000000000.cfg", "static.trusted_certificates.delete = http://localhost/all\n"
                           "static.server_certificates.delete = http://localhost/all\n")};
  SettingsPlan plan = PlanSettings(Settings::Defaults(), files);
  EXPECT_TRUE(plan.delete_trusted);
  EXPECT_TRUE(plan.delete_device);
  EXPECT_EQ(Value(plan.next, keys::kTrustedCertificatesDelete), "");
  EXPECT_EQ(Value(plan.next, keys::kServerCertificatesDelete), "");
  EXPECT_TRUE(plan.changes.empty());
}

TEST(PlanSettings, StoredDeleteValueDoesNotActAgainAndIsCleared) {
  Settings base = *Settings::Defaults().With(keys::kTrustedCertificatesDelete, keys::kDeleteAllUrl);
  SettingsPlan plan = PlanSettings(base, {});
  EXPECT_FALSE(plan.delete_trusted);
  EXPECT_EQ(Value(plan.next, keys::kTrustedCertificatesDelete), "");
  ASSERT_EQ(plan.changes.size(), 1u);
  EXPECT_EQ(plan.changes[0].key, keys::kTrustedCertificatesDelete);
}

TEST(PlanSettings, LaterFileCanCancelADelete) {
  std::vector<CfgParse> files = {
      Parse("y000000000000.cfg", "static.trusted_certificates.delete = http://localhost/all\n"),
      Parse("001565aabbcc.cfg", "static.trusted_certificates.delete = %NULL%\n")};
  EXPECT_FALSE(PlanSettings(Settings::Defaults(), files).delete_trusted);
}

TEST(PlanSettings, UrlPasswordsAreRedactedInTheChanges) {
  std::vector<CfgParse> files = {Parse(
      "y000000000000.cfg", "static.trusted_certificates.url = https://u:hunter2@h/ca.pem\n")};
  SettingsPlan plan = PlanSettings(Settings::Defaults(), files);
  ASSERT_EQ(plan.changes.size(), 1u);
  EXPECT_EQ(plan.changes[0].new_value.find("hunter2"), std::string::npos);
  EXPECT_EQ(plan.next.TrustedCertificatesUrl(), "https://u:hunter2@h/ca.pem");  // stored as is
}

// ---- trusted certificates ----------------------------------------------------------------------

TEST(PlanTrust, BundleAddsEachNewCertificate) {
  auto plan = PlanTrust(*Snapshot({}), false, ReadAll(Data("bundle-roots.pem")), "ca.pem");
  ASSERT_TRUE(plan) << plan.error().detail;
  auto expected = LoadCertificatesFile(Data("bundle-roots.pem"))->certificates;
  EXPECT_EQ(plan->add, expected);
  EXPECT_GE(plan->add.size(), 2u);
  EXPECT_TRUE(plan->already_present.empty());
  EXPECT_TRUE(plan->changes());
}

TEST(PlanTrust, CertificatesAlreadyCustomAreKept) {
  auto plan = PlanTrust(*Snapshot({"root-rsa.pem"}), false,
                        ReadAll(Data("root-rsa.pem")) + ReadAll(Data("root-ec.pem")), "ca.pem");
  ASSERT_TRUE(plan);
  ASSERT_EQ(plan->already_present.size(), 1u);
  EXPECT_EQ(plan->already_present[0], Cert("root-rsa.pem"));
  ASSERT_EQ(plan->add.size(), 1u);
  EXPECT_EQ(plan->add[0], Cert("root-ec.pem"));
  EXPECT_EQ(plan->count_after, 2u);
}

TEST(PlanTrust, SameFileAgainChangesNothing) {
  auto plan = PlanTrust(*Snapshot({"root-rsa.pem"}), false, ReadAll(Data("root-rsa.pem")), "ca.pem");
  ASSERT_TRUE(plan);
  EXPECT_FALSE(plan->changes());
}

TEST(PlanTrust, DeleteComesFirst) {
  auto plan = PlanTrust(*Snapshot({"root-rsa.pem", "root-ec.pem"}), true,
                        ReadAll(Data("root-rsa.pem")), "ca.pem");
  ASSERT_TRUE(plan);
  EXPECT_EQ(plan->removed.size(), 2u);
  ASSERT_EQ(plan->add.size(), 1u);  // re-added after the deletion
  EXPECT_EQ(plan->count_after, 1u);
  auto only_delete = PlanTrust(*Snapshot({"root-rsa.pem"}), true, std::nullopt, "");
  ASSERT_TRUE(only_delete);
  EXPECT_TRUE(only_delete->changes());
  EXPECT_EQ(only_delete->count_after, 0u);
}

TEST(PlanTrust, EleventhCertificateRefusesTheWholeFile) {
  const std::vector<std::string> nine = {"root-rsa.pem", "root-ec.pem", "other-root.pem",
                                         "int-rsa.pem",  "int-ec.pem",  "int-expired.pem",
                                         "int-nc.pem",   "leaf-san.pem", "leaf-ip.pem"};
  const std::string two = ReadAll(Data("leaf-wild.pem")) + ReadAll(Data("leaf-nosan.pem"));
  auto plan = PlanTrust(*Snapshot(nine), false, two, "ca.pem");
  ASSERT_FALSE(plan);
  EXPECT_EQ(plan.error().code, Code::kTrustStoreFull);
  EXPECT_NE(plan.error().detail.find("11"), std::string::npos) << plan.error().detail;
  // Ten is fine.
  EXPECT_TRUE(PlanTrust(*Snapshot(nine), false, ReadAll(Data("leaf-wild.pem")), "ca.pem"));
  // And with the deletion first, eleven old ones do not count.
  EXPECT_TRUE(PlanTrust(*Snapshot(nine), true, two, "ca.pem"));
}

TEST(PlanTrust, RefusesKeysAndGarbage) {
  auto with_key = PlanTrust(*Snapshot({}), false, ReadAll(Data("device-bundle.pem")), "dev.pem");
  ASSERT_FALSE(with_key);
  EXPECT_EQ(with_key.error().code, Code::kInvalidValue);
  auto garbage = PlanTrust(*Snapshot({}), false, "this is not a certificate\n", "x.pem");
  ASSERT_FALSE(garbage);
  EXPECT_NE(garbage.error().detail.find("x.pem"), std::string::npos);
}

// ---- device certificate ------------------------------------------------------------------------

TEST(PlanDevice, ValidBundleIsInstalled) {
  auto plan = PlanDevice(CustomState{}, false, ReadAll(Data("device-bundle.pem")), kNow, "dev.pem");
  ASSERT_TRUE(plan) << plan.error().detail;
  ASSERT_TRUE(plan->install);
  ASSERT_TRUE(plan->incoming);
  EXPECT_EQ(plan->incoming->identity.leaf, Cert("leaf-san.pem"));
  auto records = DeviceRecords(*plan);
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].action, "installed");
}

TEST(PlanDevice, SameCertificateIsUnchanged) {
  auto first = PlanDevice(CustomState{}, false, ReadAll(Data("device-bundle.pem")), kNow, "d");
  ASSERT_TRUE(first);
  CustomState installed;
  installed.identity = std::make_shared<const Identity>(first->incoming->identity);
  auto again = PlanDevice(installed, false, ReadAll(Data("device-bundle.pem")), kNow, "d");
  ASSERT_TRUE(again);
  EXPECT_TRUE(again->unchanged);
  EXPECT_FALSE(again->changes());
  // With the delete action the same certificate is written again (replaced).
  auto deleted_first = PlanDevice(installed, true, ReadAll(Data("device-bundle.pem")), kNow, "d");
  ASSERT_TRUE(deleted_first);
  EXPECT_TRUE(deleted_first->install);
}

TEST(PlanDevice, RefusesWhatDeviceInstallRefuses) {
  auto no_key = PlanDevice(CustomState{}, false, ReadAll(Data("leaf-san-chain.pem")), kNow, "d");
  ASSERT_FALSE(no_key);
  EXPECT_EQ(no_key.error().code, Code::kNoPrivateKey);
  auto expired = PlanDevice(CustomState{}, false,
                            ReadAll(Data("leaf-expired-chain.pem")) + ReadAll(Data("leaf-expired.key")),
                            kNow, "d");
  ASSERT_FALSE(expired);
  EXPECT_EQ(expired.error().code, Code::kExpired);
  auto mismatch = PlanDevice(CustomState{}, false,
                             ReadAll(Data("leaf-san.pem")) + ReadAll(Data("leaf-ip.key")), kNow, "d");
  ASSERT_FALSE(mismatch);
  EXPECT_EQ(mismatch.error().code, Code::kKeyMismatch);
}

TEST(PlanDevice, DeleteWithoutUrlRemoves) {
  auto first = PlanDevice(CustomState{}, false, ReadAll(Data("device-bundle.pem")), kNow, "d");
  ASSERT_TRUE(first);
  CustomState installed;
  installed.identity = std::make_shared<const Identity>(first->incoming->identity);
  auto plan = PlanDevice(installed, true, std::nullopt, kNow, "");
  ASSERT_TRUE(plan);
  EXPECT_TRUE(plan->remove);
  EXPECT_EQ(DeviceRecords(*plan).at(0).action, "deleted");
  // Nothing installed: nothing to delete.
  EXPECT_FALSE(PlanDevice(CustomState{}, true, std::nullopt, kNow, "")->changes());
}

}  // namespace
}  // namespace phonecert::provision
