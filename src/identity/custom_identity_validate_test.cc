#include "identity/custom_identity_validate.h"

#include <gtest/gtest.h>

#include "identity/identity_test_support.h"

namespace phonecert {
namespace {

using identity_testing::At;
using identity_testing::Concat;
using identity_testing::kNow;

LoadOptions PasswordOptions(std::string password) {
  LoadOptions o;
  o.password = std::move(password);
  return o;
}

Loaded LoadText(const std::string& text, std::optional<std::string> password = std::nullopt) {
  LoadOptions o;
  o.password = std::move(password);
  auto loaded = LoadBytes(text, o);
  EXPECT_TRUE(loaded) << (loaded ? "" : loaded.error().ToString());
  return *loaded;
}

CustomValidateOptions Opts(TimePoint now, bool allow_expired = false) {
  CustomValidateOptions o;
  o.now = now;
  o.allow_expired = allow_expired;
  return o;
}

Result<ValidatedCustomIdentity> Validate(const std::string& text,
                                         CustomValidateOptions options = Opts(kNow)) {
  return ValidateCustomIdentity(LoadText(text), options);
}

PrivateKey Key(const std::string& name) {
  auto k = LoadFile(testing::Data(name));
  EXPECT_TRUE(k && k->key);
  return *k->key;
}

std::string Sha(const std::string& name) {
  return LoadCertificatesFile(testing::Data(name))->certificates.at(0).Sha256();
}

TEST(ValidateCustomTest, BundleWithTheKeyFirstIsAccepted) {
  auto v = Validate(Concat({"device-bundle.pem"}));
  ASSERT_TRUE(v) << v.error().ToString();
  EXPECT_EQ(v->identity.kind, IdentityKind::kCustom);
  EXPECT_EQ(v->identity.leaf.Sha256(), Sha("leaf-san.pem"));
  ASSERT_EQ(v->identity.chain.size(), 1u);
  EXPECT_EQ(v->identity.chain[0].Sha256(), Sha("int-rsa.pem"));
  EXPECT_FALSE(v->used_pending_key);
}

TEST(ValidateCustomTest, CrlfAndPkcs12AreAccepted) {
  EXPECT_TRUE(Validate(Concat({"device-bundle-crlf.pem"})));
  auto loaded = LoadFile(testing::Data("leaf-san.p12"), PasswordOptions("secret"));
  ASSERT_TRUE(loaded);
  auto v = ValidateCustomIdentity(*loaded, Opts(kNow));
  ASSERT_TRUE(v) << v.error().ToString();
  EXPECT_EQ(v->identity.leaf.Sha256(), Sha("leaf-san.pem"));
  ASSERT_EQ(v->identity.chain.size(), 2u);  // int-rsa then root-rsa
  EXPECT_EQ(v->identity.chain[0].Sha256(), Sha("int-rsa.pem"));
  EXPECT_EQ(v->identity.chain[1].Sha256(), Sha("root-rsa.pem"));
}

TEST(ValidateCustomTest, ChainIsOrderedFromTheLeafWhateverTheFileOrder) {
  auto v = Validate(Concat({"root-rsa.pem", "leaf-san.key", "int-rsa.pem", "leaf-san.pem"}));
  ASSERT_TRUE(v) << v.error().ToString();
  ASSERT_EQ(v->identity.chain.size(), 2u);
  EXPECT_EQ(v->identity.chain[0].Sha256(), Sha("int-rsa.pem"));
  EXPECT_EQ(v->identity.chain[1].Sha256(), Sha("root-rsa.pem"));
  EXPECT_TRUE(v->notes.empty());
}

TEST(ValidateCustomTest, UnrelatedCertificatesAreLeftOutWithANote) {
  auto v = Validate(Concat({"leaf-san.pem", "leaf-san.key", "int-rsa.pem", "root-ec.pem"}));
  ASSERT_TRUE(v);
  EXPECT_EQ(v->identity.chain.size(), 1u);
  ASSERT_EQ(v->notes.size(), 1u);
  EXPECT_NE(v->notes[0].find("1 certificate"), std::string::npos) << v->notes[0];
}

TEST(ValidateCustomTest, NoKeyAnywhere) {
  auto v = Validate(Concat({"leaf-san-chain.pem"}));
  ASSERT_FALSE(v);
  EXPECT_EQ(v.error().code, Code::kNoPrivateKey);
}

TEST(ValidateCustomTest, KeyOfAnotherCertificate) {
  auto v = Validate(Concat({"leaf-san-chain.pem", "leaf-wild.key"}));
  ASSERT_FALSE(v);
  EXPECT_EQ(v.error().code, Code::kKeyMismatch);
}

TEST(ValidateCustomTest, CaCertificateAsLeaf) {
  auto v = Validate(Concat({"int-rsa.pem", "int-rsa.key"}));
  ASSERT_FALSE(v);
  EXPECT_EQ(v.error().code, Code::kCaAsLeaf);
  EXPECT_NE(v.error().detail.find("Phonecert Test Issuing CA"), std::string::npos);
}

TEST(ValidateCustomTest, ExpiredUnlessAllowed) {
  std::string text = Concat({"leaf-expired-chain.pem", "leaf-expired.key"});
  auto v = Validate(text);
  ASSERT_FALSE(v);
  EXPECT_EQ(v.error().code, Code::kExpired);
  EXPECT_NE(v.error().detail.find("2002-01-01"), std::string::npos);
  auto allowed = Validate(text, Opts(kNow, true));
  ASSERT_TRUE(allowed);
  EXPECT_FALSE(allowed->notes.empty());
  // The same certificate is fine at a time inside its validity.
  EXPECT_TRUE(Validate(text, Opts(At("2001-06-01T00:00:00Z"))));
}

TEST(ValidateCustomTest, NotYetValidUnlessAllowed) {
  std::string text = Concat({"leaf-notyet-chain.pem", "leaf-notyet.key"});
  auto v = Validate(text);
  ASSERT_FALSE(v);
  EXPECT_EQ(v.error().code, Code::kNotYetValid);
  EXPECT_TRUE(Validate(text, Opts(kNow, true)));
  EXPECT_TRUE(Validate(text, Opts(At("2095-01-01T00:00:00Z"))));
}

TEST(ValidateCustomTest, EncryptedKeyWithoutPassphraseIsRefusedByTheLoader) {
  auto loaded = LoadBytes(Concat({"leaf-san-chain.pem", "key-rsa-pkcs8-enc.pem"}));
  ASSERT_FALSE(loaded);
  EXPECT_EQ(loaded.error().code, Code::kPasswordRequired);
  auto with = LoadBytes(Concat({"leaf-san-chain.pem", "key-rsa-pkcs8-enc.pem"}),
                        PasswordOptions("secret"));
  ASSERT_TRUE(with);
  EXPECT_TRUE(ValidateCustomIdentity(*with, Opts(kNow)));
}

TEST(ValidateCustomTest, CertificateWithoutKeyMatchesThePendingKey) {
  CustomValidateOptions o = Opts(kNow);
  o.pending_key = Key("leaf-san.key");
  auto v = Validate(Concat({"leaf-san-chain.pem"}), o);
  ASSERT_TRUE(v) << v.error().ToString();
  EXPECT_TRUE(v->used_pending_key);
  EXPECT_EQ(v->identity.leaf.Sha256(), Sha("leaf-san.pem"));

  o.pending_key = Key("leaf-wild.key");
  auto bad = Validate(Concat({"leaf-san-chain.pem"}), o);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, Code::kKeyMismatch);
}

TEST(ValidateCustomTest, CertificateWithoutKeyMatchesTheInstalledKey) {
  CustomValidateOptions o = Opts(kNow);
  o.pending_key = Key("leaf-wild.key");
  o.installed_key = Key("leaf-san.key");
  auto v = Validate(Concat({"leaf-san-chain.pem"}), o);
  ASSERT_TRUE(v) << v.error().ToString();
  EXPECT_FALSE(v->used_pending_key);

  // Another certificate without a key: no key for it on the device.
  o.pending_key.reset();
  auto other = Validate(Concat({"leaf-ec256-chain.pem"}), o);
  ASSERT_FALSE(other);
  EXPECT_EQ(other.error().code, Code::kNoPrivateKey);
}

TEST(ValidateCustomTest, KeyOnlyIsNotACertificate) {
  auto v = Validate(Concat({"leaf-san.key"}));
  ASSERT_FALSE(v);
  EXPECT_EQ(v.error().code, Code::kNotCertificate);
}

TEST(ValidateCustomTest, ClientOnlyCertificateIsAcceptedWithANote) {
  auto v = Validate(Concat({"leaf-clientonly-chain.pem", "leaf-clientonly.key"}));
  ASSERT_TRUE(v);
  ASSERT_FALSE(v->notes.empty());
  EXPECT_NE(v->notes.back().find("serverAuth"), std::string::npos);
}

}  // namespace
}  // namespace phonecert
