#include "ca/csr.h"

#include <gtest/gtest.h>

#include "ca/ca_test_support.h"
#include "ca/keygen.h"

namespace phonecert::ca {
namespace {

using phonecert::testing::Data;
using phonecert::testing::ReadAll;
using phonecert::testing::RunCommand;
using phonecert::testing::TempDir;
using testing::FixedStart;
using testing::LoadTestCert;
using testing::LoadTestKey;
using testing::OpensslText;
using testing::VerifyAt;
using testing::WriteFile;
using testing::Has;

bool AnyHas(const std::vector<std::string>& list, const std::string& part) {
  for (const auto& s : list) {
    if (Has(s, part)) return true;
  }
  return false;
}

class CsrTest : public ::testing::Test {
 protected:
  // A request made by the OpenSSL CLI.
  std::string OpensslCsr(const std::string& subj, const std::string& addext,
                         const std::string& outform = "PEM") {
    std::string out = (dir_.path() / ("req." + outform)).string();
    std::string cmd = "openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout '" +
                      (dir_.path() / "req.key").string() + "' -subj '" + subj + "' -outform " +
                      outform + " -out '" + out + "'";
    for (const std::string& e : Split(addext)) cmd += " -addext '" + e + "'";
    auto r = RunCommand(cmd);
    EXPECT_EQ(r.exit_code, 0) << r.out;
    return ReadAll(out);
  }
  static std::vector<std::string> Split(const std::string& s) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start < s.size()) {
      std::size_t bar = s.find('|', start);
      if (bar == std::string::npos) bar = s.size();
      out.push_back(s.substr(start, bar - start));
      start = bar + 1;
    }
    return out;
  }
  CertificateProfile Profile(CertificateKind kind) {
    CertificateProfile p;
    p.kind = kind;
    return p;
  }

  TempDir dir_;
  Certificate int_ec_ = LoadTestCert("int-ec.pem");
  PrivateKey int_ec_key_ = LoadTestKey("int-ec.key");
};

TEST_F(CsrTest, ServerCopiesOnlyHostNames) {
  std::string csr = OpensslCsr("/C=US/O=Evil Corp/CN=sfb.corp.test",
                               "subjectAltName=DNS:sfb.corp.test,IP:192.0.2.9,email:a@b.test,"
                               "DNS:bad_name.test|basicConstraints=critical,CA:TRUE");
  auto signed_csr = SignCsr(csr, Profile(CertificateKind::kServer), FixedStart(), int_ec_, int_ec_key_);
  ASSERT_TRUE(signed_csr) << signed_csr.error().ToString();
  const Certificate& cert = signed_csr->certificate;
  EXPECT_EQ(cert.Subject(), "CN = sfb.corp.test");
  EXPECT_EQ(cert.DnsNames(), std::vector<std::string>{"sfb.corp.test"});
  EXPECT_EQ(cert.IpAddresses(), std::vector<std::string>{"192.0.2.9"});
  EXPECT_FALSE(cert.IsCa());
  const auto& d = signed_csr->dropped;
  EXPECT_TRUE(AnyHas(d, "O = Evil Corp"));
  EXPECT_TRUE(AnyHas(d, "C = US"));
  EXPECT_TRUE(AnyHas(d, "email"));
  EXPECT_TRUE(AnyHas(d, "bad_name.test"));
  EXPECT_TRUE(AnyHas(d, "Basic Constraints"));

  std::string text = OpensslText(dir_.path(), cert);
  EXPECT_TRUE(Has(text, "CA:FALSE")) << text;
  EXPECT_FALSE(Has(text, "email")) << text;
  auto leaf = WriteFile(dir_.path() / "leaf.pem", cert.Pem());
  auto v = RunCommand("openssl verify -attime " + VerifyAt() + " -purpose sslserver -CAfile '" +
                      Data("root-ec.pem").string() + "' -untrusted '" + Data("int-ec.pem").string() +
                      "' '" + leaf.string() + "'");
  EXPECT_EQ(v.exit_code, 0) << v.out;
  // The certificate carries the request's key.
  auto csr_pub = RunCommand("openssl req -in '" + (dir_.path() / "req.PEM").string() + "' -noout -pubkey");
  auto cert_pub = RunCommand("openssl x509 -in '" + leaf.string() + "' -noout -pubkey");
  EXPECT_EQ(csr_pub.out, cert_pub.out);
}

TEST_F(CsrTest, DeviceNeedsMacCommonNameAndAcceptsDer) {
  std::string csr = OpensslCsr("/CN=00-15-65-AA-BB-CC", "", "DER");
  auto signed_csr = SignCsr(csr, Profile(CertificateKind::kDevice), FixedStart(), int_ec_, int_ec_key_);
  ASSERT_TRUE(signed_csr) << signed_csr.error().ToString();
  EXPECT_EQ(signed_csr->certificate.SubjectCommonName(), "001565aabbcc");
  std::string text = OpensslText(dir_.path(), signed_csr->certificate);
  EXPECT_TRUE(Has(text, "TLS Web Server Authentication, TLS Web Client Authentication")) << text;

  std::string not_mac = OpensslCsr("/CN=phone.corp.test", "");
  auto refused = SignCsr(not_mac, Profile(CertificateKind::kDevice), FixedStart(), int_ec_, int_ec_key_);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, Code::kInvalidMac);
  EXPECT_TRUE(Has(refused.error().detail, "phone.corp.test")) << refused.error().detail;
}

TEST_F(CsrTest, RefusesBadRequests) {
  // A server request without any host name.
  std::string no_name = OpensslCsr("/O=Nobody/CN=Front End Pool", "");
  auto r1 = SignCsr(no_name, Profile(CertificateKind::kServer), FixedStart(), int_ec_, int_ec_key_);
  ASSERT_FALSE(r1);
  EXPECT_EQ(r1.error().code, Code::kInvalidArgument);

  // A request whose signature does not verify: flip a byte of the signature (the DER's end).
  std::string der = OpensslCsr("/CN=sfb.corp.test", "", "DER");
  der.back() = static_cast<char>(der.back() ^ 0x01);
  auto r2 = SignCsr(der, Profile(CertificateKind::kServer), FixedStart(), int_ec_, int_ec_key_);
  ASSERT_FALSE(r2);
  EXPECT_EQ(r2.error().code, Code::kMalformed);
  EXPECT_TRUE(Has(r2.error().detail, "signature")) << r2.error().detail;

  // Not a request at all; a CA profile.
  auto r3 = SignCsr(ReadAll(Data("leaf-san.pem")), Profile(CertificateKind::kServer), FixedStart(),
                    int_ec_, int_ec_key_);
  ASSERT_FALSE(r3);
  EXPECT_EQ(r3.error().code, Code::kMalformed);
  auto r4 = SignCsr(ReadAll(Data("csr.pem")), Profile(CertificateKind::kIntermediateCa),
                    FixedStart(), int_ec_, int_ec_key_);
  ASSERT_FALSE(r4);
  EXPECT_EQ(r4.error().code, Code::kInvalidArgument);
}

TEST_F(CsrTest, GeneratedDataCsrSignsAsServer) {
  auto r = SignCsr(ReadAll(Data("csr.pem")), Profile(CertificateKind::kServer), FixedStart(),
                   int_ec_, int_ec_key_);
  ASSERT_TRUE(r) << r.error().ToString();
  EXPECT_EQ(r->certificate.DnsNames(), std::vector<std::string>{"csr.test"});
}

TEST_F(CsrTest, MakeCsrIsReadByOpenssl) {
  auto key = GenerateKey(KeyType::kEcP256);
  ASSERT_TRUE(key);
  CsrRequest req;
  req.subject.common_name = "001565aabbcc";
  req.subject.organization = "Example";
  req.alt_names = {"phone-1.corp.test", "192.0.2.50"};
  auto pem = MakeCsr(req, *key);
  ASSERT_TRUE(pem) << pem.error().ToString();
  auto path = WriteFile(dir_.path() / "mine.csr", *pem);
  auto r = RunCommand("openssl req -in '" + path.string() + "' -noout -text -verify");
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_TRUE(Has(r.out, "verify OK")) << r.out;
  EXPECT_TRUE(Has(r.out, "Subject: O = Example, CN = 001565aabbcc")) << r.out;
  EXPECT_TRUE(Has(r.out, "DNS:phone-1.corp.test, IP Address:192.0.2.50")) << r.out;
  EXPECT_FALSE(Has(*pem, "PRIVATE KEY"));

  auto signed_csr = SignCsr(*pem, Profile(CertificateKind::kDevice), FixedStart(), int_ec_, int_ec_key_);
  ASSERT_TRUE(signed_csr) << signed_csr.error().ToString();
  EXPECT_TRUE(key->Matches(signed_csr->certificate));
  EXPECT_EQ(signed_csr->certificate.IpAddresses(), std::vector<std::string>{"192.0.2.50"});
}

}  // namespace
}  // namespace phonecert::ca
