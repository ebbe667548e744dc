#include "identity/factory_reset.h"

#include <gtest/gtest.h>

#include "identity/factory.h"
#include "identity/identity_test_support.h"
#include "settings/keys.h"

namespace phonecert {
namespace {

using identity_testing::kNow;
using testing::Data;
using testing::ReadAll;
using testing::TempDir;

class FactoryResetTest : public ::testing::Test {
 protected:
  void SetUp() override {
    FactoryInitOptions init;
    init.mac = "001565aabbcc";
    init.now = kNow;
    ASSERT_TRUE(FactoryInit(paths, init));
    unique_before = ReadAll(FactoryPathsOf(paths).unique_chain());
    auto trust = TrustStore::Open(paths, {.now = kNow, .builtin = std::nullopt});
    ASSERT_TRUE(trust);
    AddOptions add;
    add.now = kNow;
    ASSERT_TRUE((*trust)->AddFile(Data("root-rsa.pem"), add));
    ASSERT_TRUE((*trust)->AddFile(Data("root-ec.pem"), add));
    CustomInstallOptions install;
    install.now = kNow;
    ASSERT_TRUE(CustomIdentityStore(paths.custom_device())
                    .InstallFile(Data("device-bundle.pem"), install));
  }

  void SetSetting(std::string_view key, std::string_view value) {
    SettingsStore store(paths.settings_file());
    store.Load();
    auto next = store.Current()->With(key, value);
    ASSERT_TRUE(next);
    ASSERT_TRUE(store.Replace(*next));
  }

  std::size_t CustomAnchors() {
    auto trust = TrustStore::Open(paths, {.now = kNow, .builtin = std::nullopt});
    return (*trust)->Snapshot()->custom().size();
  }

  std::shared_ptr<const Settings> StoredSettings() {
    SettingsStore store(paths.settings_file());
    store.Load();
    return store.Current();
  }

  TempDir tmp;
  StatePaths paths{tmp.path() / "state"};
  std::string unique_before;
};

TEST_F(FactoryResetTest, WithoutReserveDeletesCustomCertificatesAndSettings) {
  SetSetting(keys::kDevCert, "1");
  auto r = FactoryReset(paths, kNow);
  ASSERT_TRUE(r) << r.error().ToString();
  EXPECT_FALSE(r->reserved_certificates);
  EXPECT_EQ(r->trusted_removed, 2u);
  EXPECT_TRUE(r->device_certificate_removed);
  EXPECT_EQ(r->settings_changed, 1u);
  EXPECT_EQ(CustomAnchors(), 0u);
  EXPECT_EQ(CustomIdentityStore(paths.custom_device()).Load().identity, nullptr);
  EXPECT_EQ(*StoredSettings(), Settings::Defaults());
  // The factory part is untouched.
  EXPECT_EQ(ReadAll(FactoryPathsOf(paths).unique_chain()), unique_before);
  EXPECT_NE(LoadFactory(paths).unique, nullptr);
}

TEST_F(FactoryResetTest, WithReserveKeepsCustomCertificatesButResetsSettings) {
  SetSetting(keys::kDevCert, "1");
  SetSetting(keys::kReserveCertsEnable, "1");
  auto r = FactoryReset(paths, kNow);
  ASSERT_TRUE(r) << r.error().ToString();
  EXPECT_TRUE(r->reserved_certificates);
  EXPECT_EQ(r->trusted_removed, 0u);
  EXPECT_FALSE(r->device_certificate_removed);
  EXPECT_EQ(r->settings_changed, 2u);
  EXPECT_EQ(CustomAnchors(), 2u);
  EXPECT_NE(CustomIdentityStore(paths.custom_device()).Load().identity, nullptr);
  EXPECT_EQ(*StoredSettings(), Settings::Defaults());
  EXPECT_EQ(ReadAll(FactoryPathsOf(paths).unique_chain()), unique_before);

  // reserve_certs_enable went back to 0 with the settings: the next reset deletes them.
  auto second = FactoryReset(paths, kNow);
  ASSERT_TRUE(second);
  EXPECT_FALSE(second->reserved_certificates);
  EXPECT_EQ(CustomAnchors(), 0u);
}

TEST_F(FactoryResetTest, UnreadableSettingsKeepTheCertificates) {
  // Over 5 MB: the settings store refuses the whole file.
  identity_testing::WriteTestFile(paths.settings_file(), std::string(6 * 1024 * 1024, '#'));
  auto r = FactoryReset(paths, kNow);
  ASSERT_TRUE(r) << r.error().ToString();
  EXPECT_TRUE(r->settings_unreadable);
  EXPECT_TRUE(r->reserved_certificates);
  EXPECT_EQ(CustomAnchors(), 2u);
  EXPECT_NE(CustomIdentityStore(paths.custom_device()).Load().identity, nullptr);
  EXPECT_EQ(*StoredSettings(), Settings::Defaults());
  // Now readable (the defaults): the next reset deletes them.
  auto second = FactoryReset(paths, kNow);
  ASSERT_TRUE(second);
  EXPECT_FALSE(second->settings_unreadable);
  EXPECT_EQ(CustomAnchors(), 0u);
}

}  // namespace
}  // namespace phonecert
