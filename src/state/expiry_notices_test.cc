#include "state/expiry_notices.h"

#include <gtest/gtest.h>

#include "identity/identity_test_support.h"

namespace phonecert {
namespace {

using identity_testing::At;
using identity_testing::TestIdentity;

// The "valid" test certificates (gen-certs.sh, OpenSSL CLI) all end 2099-12-31T23:59:59Z; the
// expired ones end 2002-01-01T00:00:00Z.
Certificate Cert(const std::string& name) {
  auto loaded = LoadCertificatesFile(phonecert::testing::Data(name));
  if (!loaded) throw std::runtime_error(loaded.error().ToString());
  return loaded->certificates.front();
}

DeviceView View(std::shared_ptr<const Identity> unique, std::shared_ptr<const Identity> custom,
                DevCertChoice choice) {
  auto snap = std::make_shared<IdentitySnapshot>();
  snap->unique = std::move(unique);
  snap->custom = std::move(custom);
  DeviceView v;
  v.selected = choice;
  v.active = Select(*snap, choice);
  v.snapshot = snap;
  return v;
}

std::shared_ptr<const TrustSnapshot> Trust(std::vector<std::string> custom_files) {
  std::vector<Anchor> custom;
  for (const auto& f : custom_files) custom.push_back({Cert(f), AnchorSource::kCustom, f, {}});
  // A built-in anchor that expired long ago: never reported.
  std::vector<Anchor> builtin{{Cert("int-expired.pem"), AnchorSource::kBuiltin, "old root", {}}};
  return TrustSnapshot::Build(builtin, custom);
}

bool Has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

TEST(ExpiryNotices, NothingWhenEverythingIsFarFromExpiry) {
  auto unique = TestIdentity(IdentityKind::kUnique, "leaf-ec256-chain.pem", "leaf-ec256.key");
  auto notices = ExpiryNotices(*Trust({"root-rsa.pem"}), View(unique, nullptr, DevCertChoice::kDefault),
                               At("2030-01-01T00:00:00Z"));
  EXPECT_TRUE(notices.empty()) << notices.front().sentence;
}

TEST(ExpiryNotices, WarnsThirtyDaysAheadForTheCertificateInUseItsIssuerAndTheCustomCas) {
  auto unique = TestIdentity(IdentityKind::kUnique, "leaf-ec256-chain.pem", "leaf-ec256.key");
  auto notices = ExpiryNotices(*Trust({"root-rsa.pem"}), View(unique, nullptr, DevCertChoice::kDefault),
                               At("2099-12-15T00:00:00Z"));
  ASSERT_EQ(notices.size(), 3u);
  EXPECT_EQ(notices[0].level, LogLevel::kWarning);
  EXPECT_TRUE(Has(notices[0].sentence, "the device certificate in use (unique)")) << notices[0].sentence;
  EXPECT_TRUE(Has(notices[0].sentence, "expires in 16 days (2099-12-31)")) << notices[0].sentence;
  EXPECT_TRUE(Has(notices[1].sentence, "the issuer sent with the device certificate")) << notices[1].sentence;
  EXPECT_TRUE(Has(notices[2].sentence, "the custom CA certificate \"" + Cert("root-rsa.pem").IssuedTo() + "\""))
      << notices[2].sentence;
}

TEST(ExpiryNotices, TheWarningStartsExactlyThirtyDaysAhead) {
  auto unique = TestIdentity(IdentityKind::kUnique, "leaf-ec256-chain.pem", "leaf-ec256.key");
  TimePoint end = unique->leaf.NotAfter();
  DeviceView view = View(unique, nullptr, DevCertChoice::kDefault);
  auto before = ExpiryNotices(*Trust({}), view, end - std::chrono::days(30) - std::chrono::seconds(1));
  auto at = ExpiryNotices(*Trust({}), view, end - std::chrono::days(30));
  EXPECT_TRUE(before.empty());
  ASSERT_FALSE(at.empty());
  EXPECT_TRUE(Has(at[0].sentence, "expires in 30 days")) << at[0].sentence;
}

TEST(ExpiryNotices, AnExpiredCertificateInUseIsAnError) {
  auto expired = TestIdentity(IdentityKind::kCustom, "leaf-expired.pem", "leaf-expired.key");
  auto notices = ExpiryNotices(*Trust({}), View(nullptr, expired, DevCertChoice::kCustom),
                               At("2030-01-01T00:00:00Z"));
  ASSERT_EQ(notices.size(), 1u);
  EXPECT_EQ(notices[0].level, LogLevel::kError);
  EXPECT_TRUE(Has(notices[0].sentence, "the device certificate in use (custom)")) << notices[0].sentence;
  EXPECT_TRUE(Has(notices[0].sentence, "expired on 2002-01-01")) << notices[0].sentence;
  EXPECT_TRUE(Has(notices[0].sentence, "install a renewed one")) << notices[0].sentence;
}

TEST(ExpiryNotices, AnInstalledCustomCertificateNotInUseIsAWarning) {
  auto unique = TestIdentity(IdentityKind::kUnique, "leaf-ec256-chain.pem", "leaf-ec256.key");
  auto expired = TestIdentity(IdentityKind::kCustom, "leaf-expired.pem", "leaf-expired.key");
  auto notices = ExpiryNotices(*Trust({}), View(unique, expired, DevCertChoice::kDefault),
                               At("2030-01-01T00:00:00Z"));
  ASSERT_EQ(notices.size(), 1u);
  EXPECT_EQ(notices[0].level, LogLevel::kWarning);
  EXPECT_TRUE(Has(notices[0].sentence, "the installed custom device certificate (not in use)"))
      << notices[0].sentence;
}

TEST(ExpiryNotices, AnExpiredCustomCaIsAWarningAndTheBuiltInOnesAreLeftOut) {
  auto unique = TestIdentity(IdentityKind::kUnique, "leaf-ec256-chain.pem", "leaf-ec256.key");
  auto notices = ExpiryNotices(*Trust({"root-ec.pem", "int-expired.pem"}),
                               View(unique, nullptr, DevCertChoice::kDefault), At("2030-01-01T00:00:00Z"));
  ASSERT_EQ(notices.size(), 1u);
  EXPECT_EQ(notices[0].level, LogLevel::kWarning);
  EXPECT_TRUE(Has(notices[0].sentence, "the custom CA certificate \"" + Cert("int-expired.pem").IssuedTo() +
                                           "\" expired on 2002-01-01"))
      << notices[0].sentence;
}

}  // namespace
}  // namespace phonecert
