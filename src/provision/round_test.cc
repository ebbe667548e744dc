// Whole rounds over file:// URLs with the real stores in a temporary state directory (the
// network schemes run against real servers in tests/integration/provision*.sh).
#include "provision/round.h"

#include <gtest/gtest.h>

#include <fstream>

#include "settings/keys.h"
#include "test_support.h"
#include "x509/load.h"

namespace phonecert::provision {
namespace {

using phonecert::testing::Data;
using phonecert::testing::ReadAll;
using phonecert::testing::TempDir;

const TimePoint kNow = *ParseIso8601("2030-01-01T00:00:00Z");

class RoundTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::filesystem::create_directories(srv());
    ASSERT_TRUE(EnsureStateLayout(paths));
    settings.Load();
    auto t = TrustStore::Open(paths, {.now = kNow, .builtin = std::vector<Anchor>{}});
    ASSERT_TRUE(t);
    trust = std::move(*t);
  }
  std::filesystem::path srv() const { return tmp.path() / "srv"; }
  std::string Url(const std::string& name = "") const { return "file://" + (srv() / name).string(); }
  void Put(const std::string& name, const std::string& data) {
    std::ofstream(srv() / name, std::ios::binary) << data;
  }
  void Cfg(const std::string& name, const std::string& body) { Put(name, "#!version:1.0.0.1\n" + body); }
  RoundReport Run() {
    RoundOptions o;
    o.url = Url();
    o.mac = "00:15:65:AA:BB:CC";
    o.now = kNow;
    return RunRound(RoundStores{settings, *trust, device}, o);
  }
  // Settings file, custom CA index and device certificate, to compare before/after.
  std::string Fingerprint() {
    std::string out = ReadIf(paths.settings_file()) + "|";
    for (const Anchor& a : trust->Snapshot()->custom()) out += a.certificate.Sha256() + ",";
    CustomState d = device.Load();
    out += "|" + (d.identity ? d.identity->leaf.Sha256() : std::string("none"));
    return out;
  }
  static std::string ReadIf(const std::filesystem::path& p) {
    return std::filesystem::exists(p) ? ReadAll(p) : std::string();
  }

  TempDir tmp;
  StatePaths paths{tmp.path() / "state"};
  SettingsStore settings{paths.settings_file()};
  std::unique_ptr<TrustStore> trust;
  CustomIdentityStore device{paths.custom_device()};
};

TEST_F(RoundTest, AppliesCommonThenMacThenCertificates) {
  Put("ca.pem", ReadAll(Data("bundle-roots.pem")));
  Put("dev.pem", ReadAll(Data("device-bundle.pem")));
  Cfg("y000000000000.cfg", "static.security.ca_cert = 1\n"
                           "static.security.cn_validation = 1\n"
                           "static.trusted_certificates.url = " + Url("ca.pem") + "\n"
                           "static.server_certificates.url = " + Url("dev.pem") + "\n");
  Cfg("001565aabbcc.cfg", "static.security.ca_cert = 0\n");
  RoundReport r = Run();
  ASSERT_TRUE(r.applied) << r.Summary();
  EXPECT_EQ(r.files.size(), 4u);
  EXPECT_EQ(*settings.Current()->Get(keys::kCaCert), "0");
  EXPECT_TRUE(settings.Current()->CnValidation());
  const auto bundle = LoadCertificatesFile(Data("bundle-roots.pem"))->certificates;
  ASSERT_EQ(trust->Snapshot()->custom().size(), bundle.size());
  ASSERT_TRUE(device.Load().identity);
  EXPECT_EQ(device.Load().identity->leaf, LoadCertificatesFile(Data("leaf-san.pem"))->certificates[0]);
  EXPECT_EQ(r.settings_changed, 4u);

  // The same files again: nothing changes, and the round still applies.
  const std::string before = Fingerprint();
  RoundReport again = Run();
  ASSERT_TRUE(again.applied) << again.Summary();
  EXPECT_EQ(again.settings_changed, 0u);
  EXPECT_EQ(Fingerprint(), before);
  for (const CertificateRecord& c : again.certificates) {
    EXPECT_TRUE(c.action == "already_present" || c.action == "unchanged") << c.action;
  }
}

TEST_F(RoundTest, MissingFilesAreFine) {
  RoundReport r = Run();
  EXPECT_TRUE(r.applied) << r.Summary();
  ASSERT_EQ(r.files.size(), 2u);
  EXPECT_EQ(r.files[0].status, "not_found");
  EXPECT_EQ(r.files[1].status, "not_found");
}

TEST_F(RoundTest, FileWithoutHeaderFailsTheRound) {
  Put("y000000000000.cfg", "static.security.ca_cert = 1\n");
  RoundReport r = Run();
  EXPECT_FALSE(r.applied);
  ASSERT_TRUE(r.failure);
  EXPECT_EQ(r.failure->code, Code::kBadConfigFile);
}

TEST_F(RoundTest, FailureHalfwayChangesNothing) {
  Put("ca.pem", ReadAll(Data("root-rsa.pem")));
  Cfg("y000000000000.cfg", "static.security.cn_validation = 1\n"
                           "static.trusted_certificates.url = " + Url("ca.pem") + "\n"
                           "static.server_certificates.url = " + Url("missing.pem") + "\n");
  const std::string before = Fingerprint();
  RoundReport r = Run();
  EXPECT_FALSE(r.applied);
  EXPECT_EQ(r.failed_step, "fetch server_certificate");
  EXPECT_EQ(Fingerprint(), before);
  EXPECT_TRUE(trust->Snapshot()->custom().empty());
  EXPECT_FALSE(settings.Current()->CnValidation());
}

TEST_F(RoundTest, RefusedCertificateChangesNothing) {
  Put("ca.pem", ReadAll(Data("root-rsa.pem")));
  Put("dev.pem", ReadAll(Data("leaf-san-chain.pem")));  // no key
  Cfg("y000000000000.cfg", "static.trusted_certificates.url = " + Url("ca.pem") + "\n"
                           "static.server_certificates.url = " + Url("dev.pem") + "\n");
  const std::string before = Fingerprint();
  RoundReport r = Run();
  EXPECT_FALSE(r.applied);
  ASSERT_TRUE(r.failure);
  EXPECT_EQ(r.failure->code, Code::kNoPrivateKey);
  EXPECT_EQ(Fingerprint(), before);
}

TEST_F(RoundTest, DeleteActionsRemoveBeforeDownloads) {
  ASSERT_TRUE(trust->Add(ReadAll(Data("root-ec.pem")), {.now = kNow, .password = {}}));
  ASSERT_TRUE(device.InstallBytes(ReadAll(Data("device-bundle.pem")),
                                  {.now = kNow, .password = std::nullopt, .allow_expired = false}));
  Put("ca.pem", ReadAll(Data("root-rsa.pem")));
  Cfg("y000000000000.cfg", "static.trusted_certificates.delete = http://localhost/all\n"
                           "static.server_certificates.delete = http://localhost/all\n"
                           "static.trusted_certificates.url = " + Url("ca.pem") + "\n");
  RoundReport r = Run();
  ASSERT_TRUE(r.applied) << r.Summary();
  ASSERT_EQ(trust->Snapshot()->custom().size(), 1u);
  EXPECT_EQ(trust->Snapshot()->custom()[0].certificate,
            LoadCertificatesFile(Data("root-rsa.pem"))->certificates[0]);
  EXPECT_FALSE(device.Load().identity);
  EXPECT_EQ(r.actions.size(), 2u);
  // Not stored: the next round (same files minus the delete lines) deletes nothing.
  EXPECT_EQ(*settings.Current()->Get(keys::kTrustedCertificatesDelete), "");
}

TEST_F(RoundTest, SettingsWriteFailureRollsBackCertificates) {
  ASSERT_TRUE(trust->Add(ReadAll(Data("root-ec.pem")), {.now = kNow, .password = {}}));
  Put("ca.pem", ReadAll(Data("root-rsa.pem")));
  Put("dev.pem", ReadAll(Data("device-bundle.pem")));
  Cfg("y000000000000.cfg", "static.trusted_certificates.delete = http://localhost/all\n"
                           "static.security.cn_validation = 1\n"
                           "static.trusted_certificates.url = " + Url("ca.pem") + "\n"
                           "static.server_certificates.url = " + Url("dev.pem") + "\n");
  // settings.cfg cannot be replaced: a non-empty directory stands in its place (root ignores
  // permissions, so this is the failure a test can cause).
  std::filesystem::create_directories(paths.settings_file() / "blocker");
  RoundReport r = Run();
  EXPECT_FALSE(r.applied);
  EXPECT_EQ(r.failed_step, "commit");
  ASSERT_EQ(trust->Snapshot()->custom().size(), 1u);
  EXPECT_EQ(trust->Snapshot()->custom()[0].certificate,
            LoadCertificatesFile(Data("root-ec.pem"))->certificates[0]);
  EXPECT_FALSE(device.Load().identity);
  bool noted = false;
  for (const std::string& n : r.notes) noted = noted || n.starts_with("rollback:");
  EXPECT_TRUE(noted);
}

TEST_F(RoundTest, ReportJsonHasTheFields) {
  Cfg("y000000000000.cfg", "static.security.cn_validation = 1\nfoo.bar = 1\n");
  RoundReport r = Run();
  nlohmann::json j = ToJson(r);
  ASSERT_TRUE(r.applied) << r.Summary();
  EXPECT_TRUE(j["applied"].get<bool>());
  EXPECT_EQ(j["files"][0]["status"], "ok");
  EXPECT_EQ(j["files"][1]["status"], "not_found");
  EXPECT_EQ(j["changes"][0]["key"], std::string(keys::kCnValidation));
  EXPECT_EQ(j["diagnostics"][0]["line"], 3);
  EXPECT_EQ(j["diagnostics"][0]["file"], "y000000000000.cfg");
  EXPECT_TRUE(j["failure"].is_null());
}

}  // namespace
}  // namespace phonecert::provision
