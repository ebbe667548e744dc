#include "ca/pkcs12.h"

#include <gtest/gtest.h>

#include "ca/ca_test_support.h"
#include "ca/issue.h"
#include "ca/keygen.h"

namespace phonecert::ca {
namespace {

using phonecert::testing::RunCommand;
using phonecert::testing::TempDir;
using testing::LoadTestCert;
using testing::LoadTestKey;
using testing::WriteFile;
using testing::Has;

TEST(Pkcs12, OpensslReadsItWithAes256AndSha256Mac) {
  TempDir dir;
  // Leaf, key and chain made by the OpenSSL CLI.
  auto leaf = LoadTestCert("leaf-ec256.pem");
  auto key = LoadTestKey("leaf-ec256.key");
  auto chain = std::vector<Certificate>{LoadTestCert("int-ec.pem"), LoadTestCert("root-ec.pem")};
  auto p12 = ToPkcs12(leaf, key, chain, Pkcs12Options{"s3cret pass", "phone"});
  ASSERT_TRUE(p12) << p12.error().ToString();
  auto path = WriteFile(dir.path() / "x.p12", *p12);

  auto info = RunCommand("openssl pkcs12 -in '" + path.string() +
                         "' -info -noout -passin 'pass:s3cret pass'");
  EXPECT_EQ(info.exit_code, 0) << info.out;
  EXPECT_TRUE(Has(info.out, "MAC: sha256")) << info.out;
  EXPECT_TRUE(Has(info.out, "PBES2, PBKDF2, AES-256-CBC")) << info.out;
  EXPECT_FALSE(Has(info.out, "RC2")) << info.out;
  EXPECT_FALSE(Has(info.out, "3DES")) << info.out;

  auto certs = RunCommand("openssl pkcs12 -in '" + path.string() +
                          "' -nokeys -passin 'pass:s3cret pass' | grep -c 'BEGIN CERTIFICATE'");
  EXPECT_EQ(certs.out, "3\n");
  auto keys = RunCommand("openssl pkcs12 -in '" + path.string() +
                         "' -nocerts -nodes -passin 'pass:s3cret pass' | openssl pkey -pubout");
  auto expect_pub = RunCommand("openssl x509 -noout -pubkey -in '" +
                               phonecert::testing::Data("leaf-ec256.pem").string() + "'");
  EXPECT_EQ(keys.out, expect_pub.out);
  EXPECT_TRUE(Has(RunCommand("openssl pkcs12 -in '" + path.string() +
                             "' -nokeys -passin 'pass:s3cret pass'").out,
                  "friendlyName: phone"));

  auto wrong = RunCommand("openssl pkcs12 -in '" + path.string() + "' -noout -passin pass:wrong");
  EXPECT_NE(wrong.exit_code, 0);

  // Our own loader reads it back with the key matching the leaf.
  auto loaded = LoadFile(path, LoadOptions{std::string("s3cret pass")});
  ASSERT_TRUE(loaded) << loaded.error().ToString();
  EXPECT_EQ(loaded->certificates.size(), 3u);
  EXPECT_EQ(loaded->certificates[0], leaf);
  ASSERT_TRUE(loaded->key_certificate_index);
}

TEST(Pkcs12, RefusesAKeyOfAnotherCertificate) {
  auto leaf = LoadTestCert("leaf-ec256.pem");
  auto other = GenerateKey(KeyType::kEcP256);
  ASSERT_TRUE(other);
  auto p12 = ToPkcs12(leaf, *other, {}, Pkcs12Options{"x", ""});
  ASSERT_FALSE(p12);
  EXPECT_EQ(p12.error().code, Code::kKeyMismatch);
}

}  // namespace
}  // namespace phonecert::ca
