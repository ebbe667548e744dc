#include "ca/ca_dir.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include "ca/ca_test_support.h"
#include "ca/serial.h"

namespace phonecert::ca {
namespace {

namespace fs = std::filesystem;
using phonecert::testing::Data;
using phonecert::testing::ReadAll;
using phonecert::testing::RunCommand;
using phonecert::testing::TempDir;
using testing::FixedStart;
using testing::VerifyAt;
using testing::Has;

unsigned Mode(const fs::path& p) {
  struct stat st {};
  ::stat(p.c_str(), &st);
  return st.st_mode & 0777;
}

class CaDirTest : public ::testing::Test {
 protected:
  fs::path Dir() const { return tmp_.path() / "ca"; }
  CaDirectory InitAndOpen(bool intermediate) {
    InitOptions o;
    o.name = "Example Root CA";
    o.intermediate = intermediate;
    auto files = CaDirectory::Init(Dir(), o, FixedStart());
    EXPECT_TRUE(files) << files.error().ToString();
    auto dir = CaDirectory::Open(Dir());
    EXPECT_TRUE(dir) << dir.error().ToString();
    return *dir;
  }
  phonecert::testing::CommandResult Verify(const std::string& purpose, const fs::path& leaf) {
    std::string cmd = "openssl verify -attime " + VerifyAt() + " -purpose " + purpose +
                      " -CAfile '" + (Dir() / "ca.pem").string() + "'";
    if (fs::exists(Dir() / "intermediate.pem")) {
      cmd += " -untrusted '" + (Dir() / "intermediate.pem").string() + "'";
    }
    return RunCommand(cmd + " '" + leaf.string() + "'");
  }
  TempDir tmp_;
};

TEST_F(CaDirTest, InitWritesCaFilesWithKeyModes) {
  CaDirectory dir = InitAndOpen(/*intermediate=*/true);
  EXPECT_EQ(Mode(Dir()), 0700u);
  EXPECT_EQ(Mode(Dir() / "ca.key"), 0600u);
  EXPECT_EQ(Mode(Dir() / "intermediate.key"), 0600u);
  EXPECT_EQ(Mode(Dir() / "ca.pem"), 0644u);
  EXPECT_TRUE(dir.has_intermediate());
  EXPECT_EQ(dir.root().IssuedTo(), "Example Root CA");
  EXPECT_EQ(dir.issuer().IssuedTo(), "Example Issuing CA");
  auto v = Verify("any", Dir() / "intermediate.pem");
  EXPECT_EQ(v.exit_code, 0) << v.out;
  auto index = ReadIndex(Dir() / "index.tsv");
  ASSERT_TRUE(index);
  ASSERT_EQ(index->size(), 2u);
  EXPECT_EQ((*index)[1].serial, SerialHex(dir.issuer()));
}

TEST_F(CaDirTest, ServerFilesAndChain) {
  CaDirectory dir = InitAndOpen(true);
  auto issued = dir.IssueServer({"sfb.corp.test", {"192.0.2.7"}, KeyType::kRsa2048, std::nullopt, false},
                                FixedStart());
  ASSERT_TRUE(issued) << issued.error().ToString();
  EXPECT_EQ(issued->files.size(), 3u);
  EXPECT_EQ(Mode(Dir() / "sfb.corp.test.key"), 0600u);
  auto full = LoadFile(Dir() / "sfb.corp.test-fullchain.pem");
  ASSERT_TRUE(full);
  ASSERT_EQ(full->certificates.size(), 2u);
  EXPECT_EQ(full->certificates[0], issued->certificate);
  EXPECT_EQ(full->certificates[1], dir.issuer());
  EXPECT_FALSE(full->key);
  auto key = LoadFile(Dir() / "sfb.corp.test.key");
  ASSERT_TRUE(key && key->key);
  EXPECT_TRUE(key->key->Matches(issued->certificate));
  EXPECT_EQ(issued->certificate.NotBefore(), FixedStart() - kBackdate);
  auto v = Verify("sslserver", Dir() / "sfb.corp.test.pem");
  EXPECT_EQ(v.exit_code, 0) << v.out;

  // Existing files are kept unless forced.
  std::string before = ReadAll(Dir() / "sfb.corp.test.pem");
  auto again = dir.IssueServer({"sfb.corp.test", {}, KeyType::kEcP256, std::nullopt, false}, FixedStart());
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, Code::kExists);
  EXPECT_TRUE(Has(again.error().detail, "--force")) << again.error().detail;
  EXPECT_EQ(ReadAll(Dir() / "sfb.corp.test.pem"), before);
  auto forced = dir.IssueServer({"sfb.corp.test", {}, KeyType::kEcP256, std::nullopt, true}, FixedStart());
  ASSERT_TRUE(forced) << forced.error().ToString();
  EXPECT_NE(ReadAll(Dir() / "sfb.corp.test.pem"), before);
}

TEST_F(CaDirTest, DeviceBundleHoldsChainAndKey) {
  CaDirectory dir = InitAndOpen(false);
  auto issued = dir.IssueDevice({"00-15-65-AA-BB-CC", {}, KeyType::kEcP256, std::nullopt,
                                 std::string("pw"), false},
                                FixedStart());
  ASSERT_TRUE(issued) << issued.error().ToString();
  for (const char* name : {"001565aabbcc.key", "001565aabbcc-bundle.pem", "001565aabbcc.p12"}) {
    EXPECT_EQ(Mode(Dir() / name), 0600u) << name;
  }
  auto bundle = LoadFile(Dir() / "001565aabbcc-bundle.pem");
  ASSERT_TRUE(bundle) << bundle.error().ToString();
  ASSERT_EQ(bundle->certificates.size(), 1u);  // no intermediate: the leaf alone, then the key
  EXPECT_EQ(bundle->key_certificate_index, 0u);
  EXPECT_EQ(bundle->certificates[0].SubjectCommonName(), "001565aabbcc");
  auto p12 = LoadFile(Dir() / "001565aabbcc.p12", LoadOptions{std::string("pw")});
  ASSERT_TRUE(p12) << p12.error().ToString();
  EXPECT_EQ(p12->certificates[0], issued->certificate);
  for (const char* purpose : {"sslserver", "sslclient"}) {
    auto v = Verify(purpose, Dir() / "001565aabbcc.pem");
    EXPECT_EQ(v.exit_code, 0) << purpose << ": " << v.out;
  }
  auto bad = dir.IssueDevice({"phone-1", {}, KeyType::kEcP256, std::nullopt, std::nullopt, false},
                             FixedStart());
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, Code::kInvalidMac);
}

TEST_F(CaDirTest, SignRequestWritesCertificateAndChain) {
  CaDirectory dir = InitAndOpen(true);
  auto r = RunCommand("openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout '" +
                      (tmp_.path() / "req.key").string() + "' -subj '/O=X/CN=app.corp.test' -out '" +
                      (tmp_.path() / "req.csr").string() + "'");
  ASSERT_EQ(r.exit_code, 0) << r.out;
  SignOptions o;
  o.csr = ReadAll(tmp_.path() / "req.csr");
  auto issued = dir.SignRequest(o, FixedStart());
  ASSERT_TRUE(issued) << issued.error().ToString();
  EXPECT_TRUE(fs::exists(Dir() / "app.corp.test.pem"));
  EXPECT_TRUE(fs::exists(Dir() / "app.corp.test-fullchain.pem"));
  EXPECT_FALSE(fs::exists(Dir() / "app.corp.test.key"));
  ASSERT_EQ(issued->dropped.size(), 1u);
  EXPECT_EQ(issued->dropped[0], "subject O = X");
  auto v = Verify("sslserver", Dir() / "app.corp.test.pem");
  EXPECT_EQ(v.exit_code, 0) << v.out;
}

TEST_F(CaDirTest, RevokeAndCrl) {
  CaDirectory dir = InitAndOpen(true);
  auto a = dir.IssueServer({"a.corp.test", {}, KeyType::kEcP256, std::nullopt, false}, FixedStart());
  auto b = dir.IssueServer({"b.corp.test", {}, KeyType::kEcP256, std::nullopt, false}, FixedStart());
  ASSERT_TRUE(a && b);
  std::string serial = SerialHex(a->certificate);
  std::string lower;
  for (char c : serial) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));

  auto unknown = dir.Revoke("0A1B", FixedStart());
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, Code::kNotFound);
  auto root = dir.Revoke(SerialHex(dir.root()), FixedStart());
  ASSERT_FALSE(root);
  EXPECT_EQ(root.error().code, Code::kInvalidArgument);
  auto revoked = dir.Revoke(lower, FixedStart());
  ASSERT_TRUE(revoked) << revoked.error().ToString();
  EXPECT_EQ(revoked->entry.name, "a.corp.test");
  auto twice = dir.Revoke(serial, FixedStart());
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().code, Code::kDuplicate);

  auto files = dir.WriteCrl(FixedStart(), 30);
  ASSERT_TRUE(files) << files.error().ToString();
  ASSERT_EQ(files->size(), 2u);  // crl.pem and root-crl.pem
  auto text = RunCommand("openssl crl -noout -text -in '" + (Dir() / "crl.pem").string() + "'");
  EXPECT_TRUE(Has(text.out, "Serial Number: " + serial)) << text.out;
  EXPECT_FALSE(Has(text.out, SerialHex(b->certificate))) << text.out;
  EXPECT_TRUE(Has(text.out, "Issuer: CN = Example Issuing CA")) << text.out;
  EXPECT_TRUE(Has(text.out, "X509v3 CRL Number: \n                1")) << text.out;
  auto second = dir.WriteCrl(FixedStart(), 30);
  ASSERT_TRUE(second);
  text = RunCommand("openssl crl -noout -text -in '" + (Dir() / "crl.pem").string() + "'");
  EXPECT_TRUE(Has(text.out, "X509v3 CRL Number: \n                2")) << text.out;
  auto root_text = RunCommand("openssl crl -noout -text -in '" + (Dir() / "root-crl.pem").string() + "'");
  EXPECT_TRUE(Has(root_text.out, "No Revoked Certificates")) << root_text.out;
}

TEST_F(CaDirTest, InitRefusesExistingCaUnlessForced) {
  CaDirectory first = InitAndOpen(true);
  InitOptions o;
  auto again = CaDirectory::Init(Dir(), o, FixedStart());
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, Code::kExists);
  o.force = true;
  o.name = "Second Root CA";
  auto forced = CaDirectory::Init(Dir(), o, FixedStart());
  ASSERT_TRUE(forced) << forced.error().ToString();
  auto reopened = CaDirectory::Open(Dir());
  ASSERT_TRUE(reopened);
  EXPECT_EQ(reopened->root().IssuedTo(), "Second Root CA");
  EXPECT_FALSE(reopened->has_intermediate());  // the old issuing CA belonged to the old root
  EXPECT_EQ(ReadIndex(Dir() / "index.tsv")->size(), 1u);
}

TEST_F(CaDirTest, OpenRefusesMissingOrMismatchedCa) {
  auto none = CaDirectory::Open(tmp_.path());
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error().code, Code::kNotFound);
  EXPECT_TRUE(Has(none.error().detail, "phonecert ca init")) << none.error().detail;
  InitAndOpen(false);
  fs::copy_file(Data("root-ec.key"), Dir() / "ca.key", fs::copy_options::overwrite_existing);
  auto mismatched = CaDirectory::Open(Dir());
  ASSERT_FALSE(mismatched);
  EXPECT_EQ(mismatched.error().code, Code::kKeyMismatch);
}

}  // namespace
}  // namespace phonecert::ca
