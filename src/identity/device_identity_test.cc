#include "identity/device_identity.h"

#include <gtest/gtest.h>

#include "identity/identity_test_support.h"

namespace phonecert {
namespace {

using identity_testing::TestIdentity;

struct Ids {
  std::shared_ptr<const Identity> unique =
      TestIdentity(IdentityKind::kUnique, "leaf-ec256-chain.pem", "leaf-ec256.key");
  std::shared_ptr<const Identity> generic =
      TestIdentity(IdentityKind::kGeneric, "leaf-ec384-chain.pem", "leaf-ec384.key");
  std::shared_ptr<const Identity> custom =
      TestIdentity(IdentityKind::kCustom, "leaf-san-chain.pem", "leaf-san.key");
};

IdentitySnapshot Snap(const Ids& ids, bool unique, bool generic, bool custom) {
  IdentitySnapshot s;
  if (unique) s.unique = ids.unique;
  if (generic) s.generic = ids.generic;
  if (custom) s.custom = ids.custom;
  return s;
}

TEST(SelectTest, DefaultPrefersUniqueEvenWhenCustomIsInstalled) {
  Ids ids;
  ActiveIdentity a = Select(Snap(ids, true, true, true), DevCertChoice::kDefault);
  EXPECT_EQ(a.identity, ids.unique);
  EXPECT_FALSE(a.fell_back);
  EXPECT_NE(a.reason.find("unique"), std::string::npos) << a.reason;
}

TEST(SelectTest, DefaultFallsBackToGenericAndSaysTheKeyIsShared) {
  Ids ids;
  ActiveIdentity a = Select(Snap(ids, false, true, true), DevCertChoice::kDefault);
  EXPECT_EQ(a.identity, ids.generic);
  EXPECT_NE(a.reason.find("no unique certificate"), std::string::npos) << a.reason;
  EXPECT_NE(a.reason.find(kSharedKeyWarning), std::string::npos) << a.reason;
}

TEST(SelectTest, CustomWhenInstalled) {
  Ids ids;
  ActiveIdentity a = Select(Snap(ids, true, true, true), DevCertChoice::kCustom);
  EXPECT_EQ(a.identity, ids.custom);
  EXPECT_FALSE(a.fell_back);
}

TEST(SelectTest, CustomSelectedButNoneInstalledFallsBackAndSaysSo) {
  Ids ids;
  ActiveIdentity a = Select(Snap(ids, true, true, false), DevCertChoice::kCustom);
  EXPECT_EQ(a.identity, ids.unique);
  EXPECT_TRUE(a.fell_back);
  EXPECT_EQ(a.reason, "custom selected but none installed: using the unique certificate");

  ActiveIdentity g = Select(Snap(ids, false, true, false), DevCertChoice::kCustom);
  EXPECT_EQ(g.identity, ids.generic);
  EXPECT_TRUE(g.fell_back);
  EXPECT_NE(g.reason.find("custom selected but none installed"), std::string::npos);
  EXPECT_NE(g.reason.find("generic"), std::string::npos);
}

TEST(SelectTest, NothingAtAll) {
  Ids ids;
  for (auto choice : {DevCertChoice::kDefault, DevCertChoice::kCustom}) {
    ActiveIdentity a = Select(Snap(ids, false, false, false), choice);
    EXPECT_EQ(a.identity, nullptr);
    EXPECT_NE(a.reason.find("factory init"), std::string::npos) << a.reason;
  }
}

TEST(MakeIdentityTest, RefusesAKeyOfAnotherCertificate) {
  auto certs = LoadCertificatesFile(testing::Data("leaf-san-chain.pem"));
  auto other = LoadFile(testing::Data("leaf-wild.key"));
  ASSERT_TRUE(certs && other && other->key);
  auto id = MakeIdentity(IdentityKind::kCustom, certs->certificates[0], {}, *other->key);
  ASSERT_FALSE(id);
  EXPECT_EQ(id.error().code, Code::kKeyMismatch);
}

TEST(MakeIdentityTest, GenericCarriesTheSharedKeyWarningOthersDoNot) {
  Ids ids;
  EXPECT_EQ(ids.generic->shared_key_warning, kSharedKeyWarning);
  EXPECT_TRUE(ids.unique->shared_key_warning.empty());
  EXPECT_TRUE(ids.custom->shared_key_warning.empty());
  EXPECT_EQ(IdentityKindName(IdentityKind::kGeneric), "generic");
}

}  // namespace
}  // namespace phonecert
