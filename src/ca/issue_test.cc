#include "ca/issue.h"

#include <gtest/gtest.h>

#include <regex>
#include <set>

#include "ca/ca_test_support.h"
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
using testing::OpensslText;
using testing::VerifyAt;
using testing::WriteFile;
using testing::Has;

// The text of the extension block that follows `header` in `openssl x509 -text` output.
std::string ExtensionValue(const std::string& text, const std::string& header) {
  std::size_t at = text.find(header);
  if (at == std::string::npos) return {};
  std::size_t line = text.find('\n', at);
  std::size_t end = text.find('\n', line + 1);
  return text.substr(line + 1, end - line - 1);
}

class IssueTest : public ::testing::Test {
 protected:
  // Verifies `leaf` with the OpenSSL CLI against root (and intermediate) files.
  phonecert::testing::CommandResult Verify(const Certificate& leaf, const std::string& purpose,
                                     const std::filesystem::path& root,
                                     const std::filesystem::path* untrusted = nullptr) {
    auto p = WriteFile(dir_.path() / "leaf.pem", leaf.Pem());
    std::string cmd = "openssl verify -attime " + VerifyAt() + " -purpose " + purpose +
                      " -CAfile '" + root.string() + "'";
    if (untrusted) cmd += " -untrusted '" + untrusted->string() + "'";
    return RunCommand(cmd + " '" + p.string() + "'");
  }

  IssueRequest Server(std::vector<std::string> names) {
    IssueRequest r;
    r.profile.kind = CertificateKind::kServer;
    r.alt_names = std::move(names);
    r.not_before = FixedStart();
    return r;
  }

  TempDir dir_;
  // An issuing CA made by the OpenSSL CLI (tests/data/gen-certs.sh), not by us.
  Certificate int_ec_ = LoadTestCert("int-ec.pem");
  PrivateKey int_ec_key_ = LoadTestKey("int-ec.key");
};

TEST_F(IssueTest, RootCaIsWhatOpensslExpects) {
  auto key = GenerateKey(KeyType::kEcP256);
  ASSERT_TRUE(key);
  IssueRequest r;
  r.profile.kind = CertificateKind::kRootCa;
  r.subject.common_name = "Example Root CA";
  r.subject.organization = "Example";
  r.not_before = FixedStart();
  auto root = Issue(r, *key, nullptr, *key);
  ASSERT_TRUE(root) << root.error().ToString();
  EXPECT_EQ(root->NotAfter() - root->NotBefore(), std::chrono::days(3650));

  std::string text = OpensslText(dir_.path(), *root);
  EXPECT_TRUE(Has(text, "Version: 3 (0x2)")) << text;
  EXPECT_TRUE(Has(text, "X509v3 Basic Constraints: critical")) << text;
  EXPECT_EQ(ExtensionValue(text, "X509v3 Basic Constraints"), "                CA:TRUE");
  EXPECT_TRUE(Has(text, "X509v3 Key Usage: critical")) << text;
  EXPECT_EQ(ExtensionValue(text, "X509v3 Key Usage"), "                Certificate Sign, CRL Sign");
  EXPECT_FALSE(Has(text, "Extended Key Usage")) << text;
  EXPECT_FALSE(Has(text, "Subject Alternative Name")) << text;
  EXPECT_TRUE(Has(text, "Subject: O = Example, CN = Example Root CA")) << text;
  std::string ski = ExtensionValue(text, "X509v3 Subject Key Identifier");
  ASSERT_FALSE(ski.empty());
  EXPECT_TRUE(Has(ExtensionValue(text, "X509v3 Authority Key Identifier"),
                  ski.substr(ski.find_first_not_of(' '))))
      << text;

  auto root_path = WriteFile(dir_.path() / "root.pem", root->Pem());
  auto r2 = Verify(*root, "any", root_path);
  EXPECT_EQ(r2.exit_code, 0) << r2.out;
}

TEST_F(IssueTest, ServerUnderOpensslMadeCaVerifiesForServersOnly) {
  auto key = GenerateKey(KeyType::kEcP256);
  ASSERT_TRUE(key);
  auto cert = Issue(Server({"sfb.corp.test", "192.0.2.7", "Lync.Corp.Test"}), *key, &int_ec_,
                    int_ec_key_);
  ASSERT_TRUE(cert) << cert.error().ToString();

  auto chain = Data("int-ec.pem");
  auto ok = Verify(*cert, "sslserver", Data("root-ec.pem"), &chain);
  EXPECT_EQ(ok.exit_code, 0) << ok.out;
  auto client = Verify(*cert, "sslclient", Data("root-ec.pem"), &chain);
  EXPECT_NE(client.exit_code, 0) << client.out;
  EXPECT_TRUE(Has(client.out, "unsuitable certificate purpose")) << client.out;

  std::string text = OpensslText(dir_.path(), *cert);
  EXPECT_TRUE(Has(text, "X509v3 Basic Constraints: critical")) << text;
  EXPECT_EQ(ExtensionValue(text, "X509v3 Basic Constraints"), "                CA:FALSE");
  EXPECT_EQ(ExtensionValue(text, "X509v3 Key Usage"), "                Digital Signature");
  EXPECT_EQ(ExtensionValue(text, "X509v3 Extended Key Usage"),
            "                TLS Web Server Authentication");
  EXPECT_EQ(ExtensionValue(text, "X509v3 Subject Alternative Name"),
            "                DNS:sfb.corp.test, IP Address:192.0.2.7, DNS:lync.corp.test");
  EXPECT_TRUE(Has(text, "Subject: CN = sfb.corp.test")) << text;
  EXPECT_TRUE(Has(text, "Signature Algorithm: ecdsa-with-SHA256")) << text;
  EXPECT_EQ(cert->NotAfter() - cert->NotBefore(), std::chrono::days(397));
  EXPECT_EQ(cert->NotBefore(), FixedStart());

  // AKI keyid is the OpenSSL-made issuer's SKI.
  std::string issuer_text = OpensslText(dir_.path(), int_ec_);
  std::string issuer_ski = ExtensionValue(issuer_text, "X509v3 Subject Key Identifier");
  ASSERT_FALSE(issuer_ski.empty());
  EXPECT_TRUE(Has(ExtensionValue(text, "X509v3 Authority Key Identifier"),
                  issuer_ski.substr(issuer_ski.find_first_not_of(' '))));
  EXPECT_FALSE(ExtensionValue(text, "X509v3 Subject Key Identifier").empty());
}

TEST_F(IssueTest, RsaServerKeyUsageHasKeyEncipherment) {
  auto key = GenerateKey(KeyType::kRsa2048);
  ASSERT_TRUE(key);
  auto req = Server({"rsa.corp.test"});
  req.profile.days = 30;
  auto cert = Issue(req, *key, &int_ec_, int_ec_key_);
  ASSERT_TRUE(cert) << cert.error().ToString();
  std::string text = OpensslText(dir_.path(), *cert);
  EXPECT_EQ(ExtensionValue(text, "X509v3 Key Usage"),
            "                Digital Signature, Key Encipherment");
  EXPECT_EQ(cert->NotAfter() - cert->NotBefore(), std::chrono::days(30));
}

TEST_F(IssueTest, CommonNameIsAddedToTheNames) {
  auto key = GenerateKey(KeyType::kEcP256);
  ASSERT_TRUE(key);
  auto req = Server({"b.corp.test"});
  req.subject.common_name = "A.corp.test";
  auto cert = Issue(req, *key, &int_ec_, int_ec_key_);
  ASSERT_TRUE(cert) << cert.error().ToString();
  EXPECT_EQ(cert->SubjectCommonName(), "a.corp.test");
  EXPECT_EQ(cert->DnsNames(), (std::vector<std::string>{"a.corp.test", "b.corp.test"}));
}

TEST_F(IssueTest, SerialsAreRandomPositive128Bit) {
  auto key = GenerateKey(KeyType::kEcP256);
  ASSERT_TRUE(key);
  std::set<std::string> seen;
  for (int i = 0; i < 5; ++i) {
    auto cert = Issue(Server({"s.corp.test"}), *key, &int_ec_, int_ec_key_);
    ASSERT_TRUE(cert);
    auto p = WriteFile(dir_.path() / "s.pem", cert->Pem());
    auto r = RunCommand("openssl x509 -noout -serial -in '" + p.string() + "'");
    ASSERT_EQ(r.exit_code, 0);
    std::smatch m;
    std::string out = r.out;
    ASSERT_TRUE(std::regex_search(out, m, std::regex("serial=([0-9A-F]+)"))) << out;
    EXPECT_EQ(m[1].str().size(), 32u) << out;
    EXPECT_GE(m[1].str()[0], '8') << "top bit set: exactly 128 bits";
    EXPECT_EQ(m[1].str(), SerialHex(*cert));
    EXPECT_FALSE(Has(OpensslText(dir_.path(), *cert), "(Negative)"));
    seen.insert(m[1].str());
  }
  EXPECT_EQ(seen.size(), 5u);
}

TEST_F(IssueTest, DeviceIsServerAndClient) {
  auto key = GenerateKey(KeyType::kEcP384);
  ASSERT_TRUE(key);
  IssueRequest r;
  r.profile.kind = CertificateKind::kDevice;
  r.subject.common_name = "001565aabbcc";
  r.not_before = FixedStart();
  auto cert = Issue(r, *key, &int_ec_, int_ec_key_);
  ASSERT_TRUE(cert) << cert.error().ToString();
  auto chain = Data("int-ec.pem");
  for (const char* purpose : {"sslserver", "sslclient"}) {
    auto v = Verify(*cert, purpose, Data("root-ec.pem"), &chain);
    EXPECT_EQ(v.exit_code, 0) << purpose << ": " << v.out;
  }
  std::string text = OpensslText(dir_.path(), *cert);
  EXPECT_EQ(ExtensionValue(text, "X509v3 Extended Key Usage"),
            "                TLS Web Server Authentication, TLS Web Client Authentication");
  EXPECT_FALSE(Has(text, "Subject Alternative Name")) << text;
  EXPECT_EQ(cert->NotAfter() - cert->NotBefore(), std::chrono::days(397));
}

TEST_F(IssueTest, ClientIsClientOnly) {
  auto key = GenerateKey(KeyType::kEcP256);
  ASSERT_TRUE(key);
  IssueRequest r;
  r.profile.kind = CertificateKind::kClient;
  r.subject.common_name = "Provisioning Agent";
  r.not_before = FixedStart();
  auto cert = Issue(r, *key, &int_ec_, int_ec_key_);
  ASSERT_TRUE(cert) << cert.error().ToString();
  auto chain = Data("int-ec.pem");
  EXPECT_EQ(Verify(*cert, "sslclient", Data("root-ec.pem"), &chain).exit_code, 0);
  EXPECT_NE(Verify(*cert, "sslserver", Data("root-ec.pem"), &chain).exit_code, 0);
}

TEST_F(IssueTest, IntermediateWithPathLengthAndEd25519Root) {
  auto root_key = LoadTestKey("key-ed25519.pem");  // made by the OpenSSL CLI
  IssueRequest rr;
  rr.profile.kind = CertificateKind::kRootCa;
  rr.subject.common_name = "Ed Root";
  rr.not_before = FixedStart();
  auto root = Issue(rr, root_key, nullptr, root_key);
  ASSERT_TRUE(root) << root.error().ToString();

  auto int_key = GenerateKey(KeyType::kEcP256);
  ASSERT_TRUE(int_key);
  IssueRequest ir;
  ir.profile.kind = CertificateKind::kIntermediateCa;
  ir.profile.path_length = 0;
  ir.subject.common_name = "Issuing CA";
  ir.not_before = FixedStart();
  auto inter = Issue(ir, *int_key, &*root, root_key);
  ASSERT_TRUE(inter) << inter.error().ToString();
  std::string root_text = OpensslText(dir_.path(), *root);
  EXPECT_TRUE(Has(root_text, "Signature Algorithm: ED25519")) << root_text;
  std::string text = OpensslText(dir_.path(), *inter);
  EXPECT_EQ(ExtensionValue(text, "X509v3 Basic Constraints"), "                CA:TRUE, pathlen:0");

  auto leaf_key = GenerateKey(KeyType::kEcP256);
  ASSERT_TRUE(leaf_key);
  auto leaf = Issue(Server({"x.corp.test"}), *leaf_key, &*inter, *int_key);
  ASSERT_TRUE(leaf) << leaf.error().ToString();
  auto root_path = WriteFile(dir_.path() / "root.pem", root->Pem());
  auto int_path = WriteFile(dir_.path() / "int.pem", inter->Pem());
  auto v = Verify(*leaf, "sslserver", root_path, &int_path);
  EXPECT_EQ(v.exit_code, 0) << v.out;

  // pathlen 0 forbids another CA below it.
  auto sub = Issue(ir, *leaf_key, &*inter, *int_key);
  ASSERT_FALSE(sub);
  EXPECT_TRUE(Has(sub.error().detail, "pathlen 0")) << sub.error().detail;
}

TEST_F(IssueTest, ValidityIsCappedByTheIssuerUnlessExplicit) {
  auto key = GenerateKey(KeyType::kEcP256);
  ASSERT_TRUE(key);
  IssueRequest rr;
  rr.profile.kind = CertificateKind::kRootCa;
  rr.profile.days = 100;
  rr.subject.common_name = "Short Root";
  rr.not_before = FixedStart();
  auto root = Issue(rr, *key, nullptr, *key);
  ASSERT_TRUE(root);
  auto leaf = Issue(Server({"a.test"}), *key, &*root, *key);
  ASSERT_TRUE(leaf) << leaf.error().ToString();
  EXPECT_EQ(leaf->NotAfter(), root->NotAfter());
  auto explicit_req = Server({"a.test"});
  explicit_req.profile.days = 200;
  auto refused = Issue(explicit_req, *key, &*root, *key);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, Code::kInvalidArgument);
  EXPECT_TRUE(Has(refused.error().detail, "choose fewer days")) << refused.error().detail;
}

TEST_F(IssueTest, Refusals) {
  auto key = GenerateKey(KeyType::kEcP256);
  ASSERT_TRUE(key);
  struct Case {
    const char* what;
    Result<Certificate> result;
    Code code;
    const char* detail_part;
  };
  auto leaf_issuer = LoadTestCert("leaf-ec256.pem");
  auto leaf_issuer_key = LoadTestKey("leaf-ec256.key");
  auto expired = LoadTestCert("int-expired.pem");
  auto expired_key = LoadTestKey("int-expired.key");
  IssueRequest ca_no_cn;
  ca_no_cn.profile.kind = CertificateKind::kRootCa;
  auto with_days = [&](int d) {
    auto r = Server({"a.test"});
    r.profile.days = d;
    return r;
  };
  IssueRequest lone_intermediate;
  lone_intermediate.profile.kind = CertificateKind::kIntermediateCa;
  lone_intermediate.subject.common_name = "Lone";
  lone_intermediate.not_before = FixedStart();
  auto leaf_pathlen = Server({"a.test"});
  leaf_pathlen.profile.path_length = 1;
  auto bad_cn = Server({});
  bad_cn.subject.common_name = "Front End Pool";
  Case cases[] = {
      {"bad name", Issue(Server({"bad_name.test"}), *key, &int_ec_, int_ec_key_),
       Code::kInvalidArgument, "not a DNS name"},
      {"no names", Issue(Server({}), *key, &int_ec_, int_ec_key_), Code::kInvalidArgument,
       "at least one DNS name"},
      {"CN not a host", Issue(bad_cn, *key, &int_ec_, int_ec_key_), Code::kInvalidArgument,
       "Common Name of a server certificate"},
      {"leaf as issuer", Issue(Server({"a.test"}), *key, &leaf_issuer, leaf_issuer_key),
       Code::kInvalidArgument, "not a CA certificate"},
      {"wrong issuer key", Issue(Server({"a.test"}), *key, &int_ec_, *key), Code::kKeyMismatch,
       "issuer key"},
      {"self-signed with another key", Issue(Server({"a.test"}), *key, nullptr, int_ec_key_),
       Code::kKeyMismatch, "own key"},
      {"CA without CN", Issue(ca_no_cn, *key, nullptr, *key), Code::kInvalidArgument,
       "Common Name"},
      {"zero days", Issue(with_days(0), *key, &int_ec_, int_ec_key_), Code::kInvalidArgument,
       "1 to 36525 days"},
      {"path length on a leaf", Issue(leaf_pathlen, *key, &int_ec_, int_ec_key_),
       Code::kInvalidArgument, "only to CA"},
      {"intermediate without issuer", Issue(lone_intermediate, *key, nullptr, *key),
       Code::kInvalidArgument, "needs an issuer"},
      {"expired issuer", Issue(Server({"a.test"}), *key, &expired, expired_key),
       Code::kInvalidArgument, "expires before"},
  };
  for (auto& c : cases) {
    ASSERT_FALSE(c.result) << c.what;
    EXPECT_EQ(c.result.error().code, c.code) << c.what << ": " << c.result.error().ToString();
    EXPECT_TRUE(Has(c.result.error().detail, c.detail_part))
        << c.what << ": " << c.result.error().detail;
  }
}

}  // namespace
}  // namespace phonecert::ca
