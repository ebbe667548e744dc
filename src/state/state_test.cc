#include "state/state.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <mutex>

#include "settings/keys.h"
#include "state/admin_password.h"
#include "test_support.h"

namespace phonecert {
namespace {

using testing::Data;
using testing::ReadAll;
using testing::TempDir;

const FixedClock kClock(*ParseIso8601("2030-01-01T00:00:00Z"));

struct Logged {
  std::mutex mu;
  std::vector<std::string> lines;
  LogSink Sink() {
    return [this](LogLevel level, std::string_view line) {
      std::lock_guard lock(mu);
      lines.push_back(std::string(LogLevelName(level)) + " " + std::string(line));
    };
  }
  bool Has(std::string_view needle) {
    std::lock_guard lock(mu);
    for (const auto& l : lines) {
      if (l.find(needle) != std::string::npos) return true;
    }
    return false;
  }
};

std::unique_ptr<State> Open(const std::filesystem::path& root, Logged* log = nullptr) {
  StateOptions o;
  o.root = root;
  o.clock = &kClock;
  o.password_iterations = 1000;  // fast tests; the stored form records the count
  o.factory_mac = "00:15:65:aa:bb:cc";
  if (log) o.log = log->Sink();
  auto s = State::Open(o);
  EXPECT_TRUE(s) << s.error().ToString();
  return s ? std::move(*s) : nullptr;
}

unsigned Mode(const std::filesystem::path& p) {
  struct stat st {};
  ::stat(p.c_str(), &st);
  return st.st_mode & 0777;
}

TEST(State, FirstStartInitialisesFactoryAndPassword) {
  TempDir dir;
  Logged log;
  auto s = Open(dir.path(), &log);
  ASSERT_TRUE(s);
  EXPECT_TRUE(s->first_start().factory_initialised);
  EXPECT_EQ(s->first_start().mac, "001565aabbcc");
  ASSERT_TRUE(s->first_start().generated_password);
  const std::string password = *s->first_start().generated_password;
  auto file = dir.path() / kAdminPasswordFile;
  EXPECT_EQ(Mode(file), 0600u);
  EXPECT_EQ(ReadAll(file).find(password), std::string::npos);
  EXPECT_TRUE(*s->CheckAdminPassword(password));
  EXPECT_FALSE(*s->CheckAdminPassword(password + "x"));
  DeviceView d = s->device();
  ASSERT_TRUE(d.active.identity);
  EXPECT_EQ(d.active.identity->kind, IdentityKind::kUnique);
  EXPECT_EQ(d.active.identity->leaf.IssuedTo(), "001565aabbcc");
  EXPECT_EQ(s->identity_provider()->Get(), d.active.identity);
  EXPECT_TRUE(log.Has("first start: factory identity created for MAC 001565aabbcc"));
  for (const auto& l : log.lines) EXPECT_EQ(l.find(password), std::string::npos) << l;
}

TEST(State, SecondStartKeepsEverythingAndPrintsNoPassword) {
  TempDir dir;
  std::string password;
  {
    auto s = Open(dir.path());
    ASSERT_TRUE(s);
    password = *s->first_start().generated_password;
  }
  auto s = Open(dir.path());
  ASSERT_TRUE(s);
  EXPECT_FALSE(s->first_start().factory_initialised);
  EXPECT_FALSE(s->first_start().generated_password);
  EXPECT_TRUE(*s->CheckAdminPassword(password));
}

TEST(State, HoldsTheDirectoryLock) {
  TempDir dir;
  auto s = Open(dir.path());
  ASSERT_TRUE(s);
  StateOptions o;
  o.root = dir.path();
  o.clock = &kClock;
  o.password_iterations = 1000;  // fast tests; the stored form records the count
  auto second = State::Open(o);
  ASSERT_FALSE(second);
  EXPECT_EQ(second.error().code, Code::kLocked);
}

TEST(State, SettingsAreAllOrNothing) {
  TempDir dir;
  auto s = Open(dir.path());
  ASSERT_TRUE(s);
  auto bad = s->UpdateSettings({{std::string(keys::kCnValidation), "1"}, {std::string(keys::kCaCert), "9"}});
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, Code::kInvalidValue);
  EXPECT_FALSE(s->settings()->CnValidation());
  auto unknown = s->UpdateSettings({{"static.nope", "1"}});
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, Code::kUnknownKey);
  auto ok = s->UpdateSettings({{std::string(keys::kCnValidation), "1"}, {"security.ca_cert", "1"}});
  ASSERT_TRUE(ok) << ok.error().ToString();
  EXPECT_EQ(ok->size(), 2u);
  EXPECT_TRUE(s->settings()->CnValidation());
  EXPECT_EQ(s->settings()->CaCert(), 1);
  EXPECT_NE(ReadAll(dir.path() / "settings.cfg").find("static.security.ca_cert = 1"), std::string::npos);
}

TEST(State, TrustedCertificatesAddAndRemove) {
  TempDir dir;
  auto s = Open(dir.path());
  ASSERT_TRUE(s);
  auto added = s->AddTrusted(ReadAll(Data("root-rsa.pem")), std::nullopt);
  ASSERT_TRUE(added) << added.error().ToString();
  ASSERT_EQ(s->trust()->custom().size(), 1u);
  auto dup = s->AddTrusted(ReadAll(Data("root-rsa.der")), std::nullopt);
  ASSERT_FALSE(dup);
  EXPECT_EQ(dup.error().code, Code::kDuplicate);
  ASSERT_TRUE(s->AddTrusted(ReadAll(Data("root-ec.pem")), std::nullopt));
  auto removed = s->RemoveTrusted("1");
  ASSERT_TRUE(removed);
  EXPECT_EQ(removed->certificate.IssuedTo(), "Phonecert Test Root RSA");
  EXPECT_EQ(*s->RemoveAllTrusted(), 1u);
  EXPECT_TRUE(s->trust()->custom().empty());
}

TEST(State, DeviceInstallSelectAndRemoveSwapTheServedIdentity) {
  TempDir dir;
  Logged log;
  auto s = Open(dir.path(), &log);
  ASSERT_TRUE(s);
  auto provider = s->identity_provider();
  auto unique = provider->Get();
  auto gen0 = provider->generation();
  auto installed = s->InstallDevice(ReadAll(Data("device-bundle.pem")), std::nullopt);
  ASSERT_TRUE(installed) << installed.error().ToString();
  EXPECT_EQ(provider->Get(), unique) << "installed but not selected";
  ASSERT_TRUE(s->SelectDevice(DevCertChoice::kCustom));
  ASSERT_TRUE(provider->Get());
  EXPECT_EQ(provider->Get()->kind, IdentityKind::kCustom);
  EXPECT_EQ(provider->Get()->leaf.IssuedTo(), "server.test");
  EXPECT_GT(provider->generation(), gen0);
  EXPECT_TRUE(log.Has("now presenting the custom certificate \"server.test\""));
  // A refused install changes nothing.
  auto refused = s->InstallDevice(ReadAll(Data("leaf-ec256.pem")), std::nullopt);
  ASSERT_FALSE(refused);
  EXPECT_EQ(provider->Get()->leaf.IssuedTo(), "server.test");
  ASSERT_TRUE(*s->RemoveDevice());
  EXPECT_EQ(provider->Get()->kind, IdentityKind::kUnique);
  EXPECT_TRUE(s->device().active.fell_back);
  EXPECT_FALSE(*s->RemoveDevice());
  for (const auto& l : log.lines) EXPECT_EQ(l.find("PRIVATE KEY"), std::string::npos) << l;
}

TEST(State, UserPasswordSettingIsConsumedAndHashed) {
  TempDir dir;
  auto s = Open(dir.path());
  ASSERT_TRUE(s);
  auto before = s->password_generation();
  ASSERT_TRUE(s->UpdateSettings({{std::string(keys::kUserPassword), "admin:Provisioned-1"}}));
  EXPECT_TRUE(*s->CheckAdminPassword("Provisioned-1"));
  EXPECT_GT(s->password_generation(), before);
  EXPECT_EQ(s->settings()->UserPassword(), "");
  EXPECT_EQ(ReadAll(dir.path() / "settings.cfg").find("Provisioned-1"), std::string::npos);
  // The same password again does not count as a change (sessions survive).
  auto g = s->password_generation();
  ASSERT_TRUE(s->UpdateSettings({{std::string(keys::kUserPassword), "Provisioned-1"}}));
  EXPECT_EQ(s->password_generation(), g);
}

TEST(State, ProvisionedPasswordReplacesTheGeneratedOneAtFirstStart) {
  TempDir dir;
  std::filesystem::create_directories(dir.path());
  {
    SettingsStore store(dir.path() / "settings.cfg");
    auto with = store.Current()->With(keys::kUserPassword, "From-Provisioning-7");
    ASSERT_TRUE(with);
    ASSERT_TRUE(store.Replace(*with));
  }
  auto s = Open(dir.path());
  ASSERT_TRUE(s);
  EXPECT_FALSE(s->first_start().generated_password);
  EXPECT_TRUE(s->first_start().password_from_settings);
  EXPECT_TRUE(*s->CheckAdminPassword("From-Provisioning-7"));
}

TEST(State, ResetAdminPassword) {
  TempDir dir;
  auto s = Open(dir.path());
  ASSERT_TRUE(s);
  std::string old = *s->first_start().generated_password;
  auto fresh = s->ResetAdminPassword();
  ASSERT_TRUE(fresh);
  EXPECT_NE(*fresh, old);
  EXPECT_TRUE(*s->CheckAdminPassword(*fresh));
  EXPECT_FALSE(*s->CheckAdminPassword(old));
}

}  // namespace
}  // namespace phonecert
