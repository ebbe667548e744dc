#include "identity/custom_identity_store.h"

#include <gtest/gtest.h>

#include <set>

#include "identity/identity_test_support.h"

namespace phonecert {
namespace {

using identity_testing::Concat;
using identity_testing::kNow;
using identity_testing::Mode;
using identity_testing::WriteTestFile;
using testing::Data;
using testing::ReadAll;
using testing::RunCommand;
using testing::TempDir;

std::string Sha(const std::string& name) {
  return LoadCertificatesFile(Data(name))->certificates.at(0).Sha256();
}

std::set<std::string> Listing(const std::filesystem::path& dir) {
  std::set<std::string> out;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    out.insert(e.path().filename().string());
  }
  return out;
}

CustomInstallOptions InstallAt(TimePoint now) {
  CustomInstallOptions o;
  o.now = now;
  return o;
}

DeviceCsrRequest Csr(std::string cn, std::vector<std::string> sans = {},
                     ca::KeyType key_type = ca::KeyType::kEcP256) {
  DeviceCsrRequest r;
  r.common_name = std::move(cn);
  r.alt_names = std::move(sans);
  r.key_type = key_type;
  return r;
}

class CustomStoreTest : public ::testing::Test {
 protected:
  TempDir tmp;
  std::filesystem::path dir = tmp.path() / "custom" / "device";
  CustomIdentityStore store{dir};
  CustomInstallOptions options = InstallAt(kNow);
};

TEST_F(CustomStoreTest, EmptyStoreHasNothing) {
  CustomState s = store.Load();
  EXPECT_EQ(s.identity, nullptr);
  EXPECT_FALSE(s.pending_key);
  EXPECT_TRUE(s.problems.empty());
  auto removed = store.Remove();
  ASSERT_TRUE(removed);
  EXPECT_FALSE(*removed);
}

TEST_F(CustomStoreTest, InstallWritesChainAndA0600KeyAndLoadsBack) {
  auto r = store.InstallFile(Data("device-bundle.pem"), options);
  ASSERT_TRUE(r) << r.error().ToString();
  EXPECT_FALSE(r->replaced);
  std::string stem = ReadAll(dir / "current");
  ASSERT_FALSE(stem.empty());
  stem.pop_back();  // "\n"
  EXPECT_EQ(Mode(dir / (stem + ".key")), 0600u);
  // The chain file is leaf + issuer as the OpenSSL CLI sees it.
  auto out = RunCommand("openssl crl2pkcs7 -nocrl -certfile '" + (dir / (stem + ".pem")).string() +
                        "' | openssl pkcs7 -print_certs -noout");
  EXPECT_NE(out.out.find("subject=CN = server.test"), std::string::npos) << out.out;
  EXPECT_NE(out.out.find("CN = Phonecert Test Issuing CA"), std::string::npos) << out.out;
  // The stored key is the certificate's key (checked by the OpenSSL CLI).
  auto cert_pub = RunCommand("openssl x509 -noout -pubkey -in '" + Data("leaf-san.pem").string() + "'");
  auto key_pub = RunCommand("openssl pkey -pubout -in '" + (dir / (stem + ".key")).string() + "'");
  EXPECT_EQ(cert_pub.out, key_pub.out);

  CustomState s = store.Load();
  ASSERT_NE(s.identity, nullptr);
  EXPECT_EQ(s.identity->leaf.Sha256(), Sha("leaf-san.pem"));
  EXPECT_EQ(s.identity->chain.size(), 1u);
}

TEST_F(CustomStoreTest, ReplaceSwitchesAndRemovesTheOldPair) {
  ASSERT_TRUE(store.InstallFile(Data("device-bundle.pem"), options));
  std::string text = Concat({"leaf-ec256-chain.pem", "leaf-ec256.key"});
  auto r = store.InstallBytes(text, options);
  ASSERT_TRUE(r) << r.error().ToString();
  EXPECT_TRUE(r->replaced);
  EXPECT_EQ(store.Load().identity->leaf.Sha256(), Sha("leaf-ec256.pem"));
  EXPECT_EQ(Listing(dir).size(), 3u);  // current + one pair
}

TEST_F(CustomStoreTest, EveryRefusalLeavesThePreviousCertificateInForce) {
  ASSERT_TRUE(store.InstallFile(Data("device-bundle.pem"), options));
  auto before = Listing(dir);
  std::string current = ReadAll(dir / "current");
  struct Case {
    std::string text;
    Code code;
  };
  std::vector<Case> cases = {
      {Concat({"leaf-ec256-chain.pem"}), Code::kNoPrivateKey},
      {Concat({"leaf-ec256-chain.pem", "leaf-wild.key"}), Code::kKeyMismatch},
      {Concat({"leaf-san-chain.pem", "key-rsa-pkcs8-enc.pem"}), Code::kPasswordRequired},
      {std::string(kMaxUploadBytes + 1, 'A'), Code::kTooLarge},
      {Concat({"int-rsa.pem", "int-rsa.key"}), Code::kCaAsLeaf},
      {Concat({"leaf-expired-chain.pem", "leaf-expired.key"}), Code::kExpired},
      {Concat({"leaf-notyet-chain.pem", "leaf-notyet.key"}), Code::kNotYetValid},
      {Concat({"leaf-san.p12"}), Code::kPasswordRequired},
      {Concat({"garbage.bin"}), Code::kNotCertificate},
  };
  for (const auto& c : cases) {
    auto r = store.InstallBytes(c.text, options);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, c.code) << r.error().ToString();
    EXPECT_EQ(Listing(dir), before);
    EXPECT_EQ(ReadAll(dir / "current"), current);
    EXPECT_EQ(store.Load().identity->leaf.Sha256(), Sha("leaf-san.pem"));
  }
}

TEST_F(CustomStoreTest, Pkcs12WithPassword) {
  options.password = "wrong";
  auto bad = store.InstallFile(Data("leaf-san.p12"), options);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, Code::kWrongPassword);
  options.password = "secret";
  auto r = store.InstallFile(Data("leaf-san.p12"), options);
  ASSERT_TRUE(r) << r.error().ToString();
  EXPECT_EQ(r->identity->chain.size(), 2u);
}

TEST_F(CustomStoreTest, FileOverTheLimitIsRefusedUnread) {
  auto big = WriteTestFile(tmp.path() / "big.pem", std::string(kMaxUploadBytes + 1, '-'));
  auto r = store.InstallFile(big, options);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, Code::kTooLarge);
}

TEST_F(CustomStoreTest, RemoveDeletesEverythingButThePendingKey) {
  ASSERT_TRUE(store.InstallFile(Data("device-bundle.pem"), options));
  ASSERT_TRUE(store.CreatePendingCsr(Csr("phone.test")));
  auto removed = store.Remove();
  ASSERT_TRUE(removed);
  EXPECT_TRUE(*removed);
  EXPECT_EQ(store.Load().identity, nullptr);
  EXPECT_EQ(Listing(dir), (std::set<std::string>{"pending.csr", "pending.key"}));
  ASSERT_TRUE(store.RemoveAll());
  EXPECT_TRUE(Listing(dir).empty());
}

TEST_F(CustomStoreTest, CsrRoundTripWithTheOpensslCli) {
  auto csr = store.CreatePendingCsr(Csr("phone.corp.test", {"phone.corp.test", "192.0.2.7"}));
  ASSERT_TRUE(csr) << csr.error().ToString();
  EXPECT_EQ(csr->key_description, "EC P-256");
  EXPECT_EQ(Mode(dir / "pending.key"), 0600u);
  EXPECT_TRUE(store.Load().pending_key);
  EXPECT_EQ(store.PendingCsrPem(), csr->pem);
  EXPECT_EQ(csr->pem.find("PRIVATE KEY"), std::string::npos);

  // An administrator's CA (the OpenSSL CLI with the test intermediate) signs the request.
  auto req = WriteTestFile(tmp.path() / "req.csr", csr->pem);
  auto ext = WriteTestFile(tmp.path() / "ext.cnf",
                           "basicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n"
                           "subjectAltName=DNS:phone.corp.test\n");
  auto cert = tmp.path() / "cert.pem";
  auto signed_ = RunCommand("openssl req -in '" + req.string() + "' -verify -noout && " +
                            "openssl x509 -req -in '" + req.string() + "' -CA '" +
                            Data("int-rsa.pem").string() + "' -CAkey '" +
                            Data("int-rsa.key").string() + "' -set_serial 7 -days 30 -extfile '" +
                            ext.string() + "' -out '" + cert.string() + "'");
  ASSERT_EQ(signed_.exit_code, 0) << signed_.out;

  auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  auto r = store.InstallFile(cert, InstallAt(now));
  ASSERT_TRUE(r) << r.error().ToString();
  EXPECT_TRUE(r->used_pending_key);
  EXPECT_EQ(r->identity->leaf.SubjectCommonName(), "phone.corp.test");
  CustomState s = store.Load();
  EXPECT_FALSE(s.pending_key);  // the pending key became the installed key
  EXPECT_FALSE(store.PendingCsrPem());
  ASSERT_NE(s.identity, nullptr);

  // The same certificate again, with its chain: matches the installed key.
  std::string with_chain = ReadAll(cert) + ReadAll(Data("int-rsa.pem"));
  auto again = store.InstallBytes(with_chain, InstallAt(now));
  ASSERT_TRUE(again) << again.error().ToString();
  EXPECT_EQ(again->identity->chain.size(), 1u);
}

TEST_F(CustomStoreTest, ANewRequestReplacesThePendingKey) {
  auto first = store.CreatePendingCsr(Csr("a.test"));
  auto second = store.CreatePendingCsr(Csr("b.test", {}, ca::KeyType::kRsa2048));
  ASSERT_TRUE(first && second);
  EXPECT_FALSE(first->replaced_pending);
  EXPECT_TRUE(second->replaced_pending);
  EXPECT_EQ(second->key_description, "RSA 2048");
  auto bad = store.CreatePendingCsr(Csr(""));
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, Code::kInvalidArgument);
}

TEST_F(CustomStoreTest, DamagedFilesAreReportedNotFatal) {
  ASSERT_TRUE(store.InstallFile(Data("device-bundle.pem"), options));
  std::string stem = ReadAll(dir / "current");
  stem.pop_back();
  WriteTestFile(dir / (stem + ".key"), ReadAll(Data("leaf-wild.key")));
  CustomState s = store.Load();
  EXPECT_EQ(s.identity, nullptr);
  ASSERT_EQ(s.problems.size(), 1u);
  EXPECT_NE(s.problems[0].find("does not belong"), std::string::npos) << s.problems[0];

  WriteTestFile(dir / "current", "../../etc/passwd\n");
  s = store.Load();
  EXPECT_EQ(s.identity, nullptr);
  EXPECT_EQ(s.problems.size(), 1u);
}

}  // namespace
}  // namespace phonecert
