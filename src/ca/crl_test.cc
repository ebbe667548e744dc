#include "ca/crl.h"

#include <gtest/gtest.h>

#include "ca/ca_test_support.h"
#include "ca/issue.h"
#include "ca/keygen.h"
#include "ca/serial.h"

namespace phonecert::ca {
namespace {

using phonecert::testing::Data;
using phonecert::testing::RunCommand;
using phonecert::testing::TempDir;
using testing::FixedStart;
using testing::LoadTestCert;
using testing::LoadTestKey;
using testing::VerifyAt;
using testing::WriteFile;
using testing::Has;

TEST(Crl, RevokedLeafIsRefusedByOpensslVerify) {
  TempDir dir;
  auto ca = LoadTestCert("int-ec.pem");  // made by the OpenSSL CLI
  auto ca_key = LoadTestKey("int-ec.key");
  auto key = GenerateKey(KeyType::kEcP256);
  ASSERT_TRUE(key);
  IssueRequest r;
  r.profile.kind = CertificateKind::kServer;
  r.alt_names = {"a.corp.test"};
  r.not_before = FixedStart();
  auto revoked = Issue(r, *key, &ca, ca_key);
  auto good = Issue(r, *key, &ca, ca_key);
  ASSERT_TRUE(revoked && good);

  CrlRequest req;
  req.revoked = {{SerialHex(*revoked), FixedStart()}, {"0A1B", FixedStart()}};
  req.this_update = FixedStart();
  req.crl_number = 7;
  auto pem = MakeCrl(req, ca, ca_key);
  ASSERT_TRUE(pem) << pem.error().ToString();
  auto crl = WriteFile(dir.path() / "crl.pem", *pem);

  auto text = RunCommand("openssl crl -in '" + crl.string() + "' -noout -text");
  EXPECT_EQ(text.exit_code, 0) << text.out;
  EXPECT_TRUE(Has(text.out, "Version 2 (0x1)")) << text.out;
  EXPECT_TRUE(Has(text.out, "Serial Number: " + SerialHex(*revoked))) << text.out;
  EXPECT_TRUE(Has(text.out, "Serial Number: 0A1B")) << text.out;
  EXPECT_FALSE(Has(text.out, SerialHex(*good))) << text.out;
  EXPECT_TRUE(Has(text.out, "X509v3 CRL Number: \n                7")) << text.out;
  EXPECT_TRUE(Has(text.out, "Next Update: Jan 31 00:00:00 2030 GMT")) << text.out;
  EXPECT_TRUE(Has(text.out, "X509v3 Authority Key Identifier")) << text.out;

  auto sig = RunCommand("openssl crl -in '" + crl.string() + "' -noout -CAfile '" +
                        Data("int-ec.pem").string() + "'");
  EXPECT_TRUE(Has(sig.out, "verify OK")) << sig.out;

  auto verify = [&](const Certificate& leaf) {
    auto p = WriteFile(dir.path() / "leaf.pem", leaf.Pem());
    return RunCommand("openssl verify -attime " + VerifyAt() + " -crl_check -CRLfile '" +
                      crl.string() + "' -CAfile '" + Data("root-ec.pem").string() +
                      "' -untrusted '" + Data("int-ec.pem").string() + "' '" + p.string() + "'");
  };
  auto bad = verify(*revoked);
  EXPECT_NE(bad.exit_code, 0);
  EXPECT_TRUE(Has(bad.out, "certificate revoked")) << bad.out;
  auto ok = verify(*good);
  EXPECT_EQ(ok.exit_code, 0) << ok.out;
}

TEST(Crl, RefusesNonCaAndWrongKey) {
  auto leaf = LoadTestCert("leaf-ec256.pem");
  auto leaf_key = LoadTestKey("leaf-ec256.key");
  CrlRequest req;
  req.this_update = FixedStart();
  auto r1 = MakeCrl(req, leaf, leaf_key);
  ASSERT_FALSE(r1);
  EXPECT_EQ(r1.error().code, Code::kInvalidArgument);
  auto r2 = MakeCrl(req, LoadTestCert("int-ec.pem"), leaf_key);
  ASSERT_FALSE(r2);
  EXPECT_EQ(r2.error().code, Code::kKeyMismatch);
}

TEST(Serial, NormalizeAcceptsUsualForms) {
  EXPECT_EQ(*NormalizeSerial("0a:1b:2c"), "A1B2C");
  EXPECT_EQ(*NormalizeSerial("0x00FF"), "FF");
  EXPECT_EQ(*NormalizeSerial("00"), "0");
  EXPECT_FALSE(NormalizeSerial(""));
  EXPECT_FALSE(NormalizeSerial("xyz"));
  EXPECT_FALSE(NormalizeSerial(std::string(41, 'A')));
}

}  // namespace
}  // namespace phonecert::ca
