#include "ca/keygen.h"

#include <gtest/gtest.h>

#include "ca/ca_test_support.h"

namespace phonecert::ca {
namespace {

using phonecert::testing::RunCommand;
using phonecert::testing::TempDir;

TEST(KeyType, NamesRoundTrip) {
  for (KeyType t : AllKeyTypes()) {
    auto parsed = ParseKeyType(KeyTypeName(t));
    ASSERT_TRUE(parsed) << KeyTypeName(t);
    EXPECT_EQ(*parsed, t);
  }
  EXPECT_EQ(*ParseKeyType("EC-P384"), KeyType::kEcP384);
  EXPECT_EQ(KeyTypeChoices(), "ec-p256, ec-p384, rsa-2048, rsa-3072, rsa-4096");
}

TEST(KeyType, RefusesOthersNamingTheChoices) {
  for (const char* bad : {"", "ec-p521", "rsa-1024", "ed25519", "rsa2048", "ec"}) {
    auto parsed = ParseKeyType(bad);
    ASSERT_FALSE(parsed) << bad;
    EXPECT_EQ(parsed.error().code, Code::kInvalidArgument);
    EXPECT_NE(parsed.error().detail.find("ec-p256, ec-p384, rsa-2048"), std::string::npos);
  }
}

// Each generated key, as the OpenSSL CLI sees it.
TEST(GenerateKey, EveryTypeIsWhatOpensslReports) {
  struct Case {
    KeyType type;
    const char* describe;
    const char* openssl_says;
  };
  TempDir dir;
  for (const Case& c : {Case{KeyType::kEcP256, "EC P-256", "NIST CURVE: P-256"},
                        Case{KeyType::kEcP384, "EC P-384", "NIST CURVE: P-384"},
                        Case{KeyType::kRsa2048, "RSA 2048", "Private-Key: (2048 bit, 2 primes)"},
                        Case{KeyType::kRsa3072, "RSA 3072", "Private-Key: (3072 bit, 2 primes)"},
                        Case{KeyType::kRsa4096, "RSA 4096", "Private-Key: (4096 bit, 2 primes)"}}) {
    auto key = GenerateKey(c.type);
    ASSERT_TRUE(key) << key.error().ToString();
    EXPECT_EQ(key->Describe(), c.describe);
    auto path = testing::WriteFile(dir.path() / "k.pem", key->ToPkcs8PemForStorage());
    auto r = RunCommand("openssl pkey -in '" + path.string() + "' -noout -text -check");
    EXPECT_EQ(r.exit_code, 0) << r.out;
    EXPECT_NE(r.out.find(c.openssl_says), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("Key is valid"), std::string::npos) << r.out;
  }
}

TEST(GenerateKey, KeysDiffer) {
  auto a = GenerateKey(KeyType::kEcP256);
  auto b = GenerateKey(KeyType::kEcP256);
  ASSERT_TRUE(a && b);
  EXPECT_NE(EVP_PKEY_eq(a->native(), b->native()), 1);
}

}  // namespace
}  // namespace phonecert::ca
