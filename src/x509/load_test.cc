// LoadFile/LoadBytes against the files tests/data/gen-certs.sh made with the OpenSSL CLI: every
// accepted format and every refusal. Expected certificates are identified by the fingerprints
// `openssl x509` prints for the same files, never by bytes written into this test.
#include "x509/load.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "test_support.h"

namespace phonecert {
namespace {

namespace fs = std::filesystem;
using phonecert::testing::Data;
using phonecert::testing::ReadAll;
using phonecert::testing::RunCommand;
using phonecert::testing::TempDir;

// SHA-256 fingerprint as `openssl x509 -fingerprint -sha256` prints it ("AB:CD:...").
std::string OpensslFingerprint(const fs::path& file, const std::string& inform = "PEM") {
  auto r = RunCommand("openssl x509 -inform " + inform + " -in '" + file.string() +
                      "' -noout -fingerprint -sha256");
  EXPECT_EQ(r.exit_code, 0) << r.out;
  auto eq = r.out.find('=');
  if (eq == std::string::npos) return {};
  std::string fp = r.out.substr(eq + 1);
  while (!fp.empty() && (fp.back() == '\n' || fp.back() == '\r')) fp.pop_back();
  return fp;
}

void WriteFile(const fs::path& p, const std::string& data) {
  std::ofstream out(p, std::ios::binary);
  out << data;
}

// A refusal carries one human sentence naming the reason.
void ExpectSentence(const Error& e) {
  EXPECT_FALSE(e.detail.empty()) << CodeName(e.code);
  EXPECT_NE(e.detail.find(' '), std::string::npos) << e.detail;
  EXPECT_EQ(e.detail.find('\n'), std::string::npos) << e.detail;
}

void ExpectRefused(const Result<Loaded>& r, Code code) {
  ASSERT_FALSE(r.has_value()) << "expected " << CodeName(code);
  EXPECT_EQ(r.error().code, code) << r.error().ToString();
  ExpectSentence(r.error());
}

Result<Loaded> LoadWithPassword(const std::string& name, const std::string& password) {
  LoadOptions o;
  o.password = password;
  return LoadFile(Data(name), o);
}

// ---- PEM --------------------------------------------------------------------------------------

TEST(X509LoadTest, PemSingleCertificate) {
  auto r = LoadFile(Data("leaf-san.pem"));
  ASSERT_TRUE(r) << r.error().ToString();
  EXPECT_EQ(r->format, Format::kPem);
  ASSERT_EQ(r->certificates.size(), 1u);
  EXPECT_EQ(r->certificates[0].Sha256Fingerprint(), OpensslFingerprint(Data("leaf-san.pem")));
  EXPECT_FALSE(r->key);
  EXPECT_FALSE(r->key_certificate_index);
}

TEST(X509LoadTest, PemChainKeepsFileOrder) {
  auto r = LoadFile(Data("leaf-san-chain.pem"));
  ASSERT_TRUE(r) << r.error().ToString();
  ASSERT_EQ(r->certificates.size(), 2u);
  EXPECT_EQ(r->certificates[0].Sha256Fingerprint(), OpensslFingerprint(Data("leaf-san.pem")));
  EXPECT_EQ(r->certificates[1].Sha256Fingerprint(), OpensslFingerprint(Data("int-rsa.pem")));
}

TEST(X509LoadTest, PemBundleWithTextAroundBlocks) {
  ASSERT_NE(ReadAll(Data("bundle-roots.pem")).find("This is a comment"), std::string::npos);
  auto r = LoadFile(Data("bundle-roots.pem"));
  ASSERT_TRUE(r) << r.error().ToString();
  ASSERT_EQ(r->certificates.size(), 3u);
  EXPECT_EQ(r->certificates[0].Sha256Fingerprint(), OpensslFingerprint(Data("root-rsa.pem")));
  EXPECT_EQ(r->certificates[1].Sha256Fingerprint(), OpensslFingerprint(Data("root-ec.pem")));
  EXPECT_EQ(r->certificates[2].Sha256Fingerprint(), OpensslFingerprint(Data("other-root.pem")));
}

TEST(X509LoadTest, PemWithCrlfLineEnds) {
  ASSERT_NE(ReadAll(Data("leaf-san-crlf.pem")).find("\r\n"), std::string::npos);
  auto r = LoadFile(Data("leaf-san-crlf.pem"));
  ASSERT_TRUE(r) << r.error().ToString();
  ASSERT_EQ(r->certificates.size(), 1u);
  EXPECT_EQ(r->certificates[0].Sha256Fingerprint(), OpensslFingerprint(Data("leaf-san.pem")));
}

TEST(X509LoadTest, DeviceBundleWithCrlf) {
  auto r = LoadFile(Data("device-bundle-crlf.pem"));
  ASSERT_TRUE(r) << r.error().ToString();
  ASSERT_EQ(r->certificates.size(), 2u);
  ASSERT_TRUE(r->key);
  EXPECT_EQ(r->key_certificate_index, 0u);
  EXPECT_EQ(r->certificates[0].Sha256Fingerprint(), OpensslFingerprint(Data("leaf-san.pem")));
}

TEST(X509LoadTest, BagAttributesDump) {
  auto r = LoadFile(Data("bag-attributes.pem"));
  ASSERT_TRUE(r) << r.error().ToString();
  EXPECT_EQ(r->format, Format::kPem);
  ASSERT_EQ(r->certificates.size(), 3u);
  ASSERT_TRUE(r->key);
  ASSERT_TRUE(r->key_certificate_index);
  EXPECT_EQ(r->certificates[*r->key_certificate_index].Sha256Fingerprint(),
            OpensslFingerprint(Data("leaf-san.pem")));
}

// ---- DER: detected by content, never by name ---------------------------------------------------

TEST(X509LoadTest, DerAndCer) {
  for (const char* name : {"leaf-san.der", "root-rsa.der", "root-rsa.cer"}) {
    auto r = LoadFile(Data(name));
    ASSERT_TRUE(r) << name << ": " << r.error().ToString();
    EXPECT_EQ(r->format, Format::kDer) << name;
    ASSERT_EQ(r->certificates.size(), 1u) << name;
    EXPECT_EQ(r->certificates[0].Sha256Fingerprint(), OpensslFingerprint(Data(name), "DER"))
        << name;
  }
  auto crt = LoadFile(Data("root-ec.crt"));  // PEM despite the name
  ASSERT_TRUE(crt) << crt.error().ToString();
  EXPECT_EQ(crt->format, Format::kPem);
}

TEST(X509LoadTest, FormatComesFromContentNotName) {
  TempDir dir;
  fs::copy_file(Data("leaf-san.pem"), dir.path() / "pem-named.der");
  fs::copy_file(Data("leaf-san.der"), dir.path() / "der-named.pem");
  auto a = LoadFile(dir.path() / "pem-named.der");
  auto b = LoadFile(dir.path() / "der-named.pem");
  ASSERT_TRUE(a) << a.error().ToString();
  ASSERT_TRUE(b) << b.error().ToString();
  EXPECT_EQ(a->format, Format::kPem);
  EXPECT_EQ(b->format, Format::kDer);
  ASSERT_EQ(a->certificates.size(), 1u);
  ASSERT_EQ(b->certificates.size(), 1u);
  EXPECT_EQ(a->certificates[0], b->certificates[0]);
  EXPECT_EQ(b->certificates[0].Sha256Fingerprint(), OpensslFingerprint(Data("leaf-san.pem")));
}

// ---- PKCS#12 -----------------------------------------------------------------------------------

TEST(X509LoadTest, Pkcs12WithPassword) {
  auto r = LoadWithPassword("leaf-san.p12", "secret");
  ASSERT_TRUE(r) << r.error().ToString();
  EXPECT_EQ(r->format, Format::kPkcs12);
  ASSERT_EQ(r->certificates.size(), 3u);
  EXPECT_EQ(r->certificates[0].Sha256Fingerprint(), OpensslFingerprint(Data("leaf-san.pem")));
  std::vector<std::string> chain = {r->certificates[1].Sha256Fingerprint(),
                                    r->certificates[2].Sha256Fingerprint()};
  for (const char* ca : {"int-rsa.pem", "root-rsa.pem"}) {
    EXPECT_NE(std::find(chain.begin(), chain.end(), OpensslFingerprint(Data(ca))), chain.end())
        << ca;
  }
  ASSERT_TRUE(r->key);
  EXPECT_EQ(r->key->Describe(), "RSA 2048");
  EXPECT_EQ(r->key_certificate_index, 0u);
}

TEST(X509LoadTest, Pkcs12WrongPassword) {
  ExpectRefused(LoadWithPassword("leaf-san.p12", "not-the-password"), Code::kWrongPassword);
}

TEST(X509LoadTest, Pkcs12MissingPassword) {
  ExpectRefused(LoadFile(Data("leaf-san.p12")), Code::kPasswordRequired);
}

TEST(X509LoadTest, Pkcs12EmptyPasswordOpensWithoutOne) {
  auto r = LoadFile(Data("leaf-san-nopass.p12"));
  ASSERT_TRUE(r) << r.error().ToString();
  EXPECT_EQ(r->format, Format::kPkcs12);
  ASSERT_EQ(r->certificates.size(), 3u);
  EXPECT_EQ(r->certificates[0].Sha256Fingerprint(), OpensslFingerprint(Data("leaf-san.pem")));
  ASSERT_TRUE(r->key);
  EXPECT_EQ(r->key_certificate_index, 0u);
}

// ---- keys --------------------------------------------------------------------------------------

Certificate LeafSan() {
  auto r = LoadFile(Data("leaf-san.pem"));
  EXPECT_TRUE(r) << r.error().ToString();
  return r->certificates.at(0);
}

TEST(X509LoadTest, PlainKeysInEveryPemForm) {
  struct Case {
    const char* file;
    const char* description;
    const char* cert;  // the certificate this key belongs to
  };
  for (const Case& c : {Case{"key-rsa-pkcs8.pem", "RSA 2048", "leaf-san.pem"},
                        Case{"key-rsa-trad.pem", "RSA 2048", "leaf-san.pem"},
                        Case{"key-ec-trad.pem", "EC P-256", "leaf-ec256.pem"},
                        Case{"key-ed25519.pem", "Ed25519", "leaf-ed25519.pem"},
                        Case{"leaf-ec384.key", "EC P-384", "leaf-ec384.pem"},
                        Case{"leaf-rsa4096.key", "RSA 4096", "leaf-rsa4096.pem"}}) {
    auto r = LoadFile(Data(c.file));
    ASSERT_TRUE(r) << c.file << ": " << r.error().ToString();
    EXPECT_TRUE(r->certificates.empty()) << c.file;
    ASSERT_TRUE(r->key) << c.file;
    EXPECT_EQ(r->key->Describe(), c.description) << c.file;
    auto cert = LoadFile(Data(c.cert));
    ASSERT_TRUE(cert);
    EXPECT_TRUE(r->key->Matches(cert->certificates.at(0))) << c.file;
    if (std::string(c.cert) != "leaf-san.pem") {
      EXPECT_FALSE(r->key->Matches(LeafSan())) << c.file;
    }
  }
}

TEST(X509LoadTest, EncryptedKeys) {
  for (const char* file : {"key-rsa-pkcs8-enc.pem", "key-rsa-trad-enc.pem"}) {
    SCOPED_TRACE(file);
    ExpectRefused(LoadFile(Data(file)), Code::kPasswordRequired);
    ExpectRefused(LoadWithPassword(file, "wrong"), Code::kWrongPassword);
    auto r = LoadWithPassword(file, "secret");
    ASSERT_TRUE(r) << r.error().ToString();
    ASSERT_TRUE(r->key);
    EXPECT_EQ(r->key->Describe(), "RSA 2048");
    EXPECT_TRUE(r->key->Matches(LeafSan()));
  }
}

TEST(X509LoadTest, UnsupportedKeyTypes) {
  for (const char* file : {"key-dsa.pem", "key-x25519.pem"}) {
    SCOPED_TRACE(file);
    ExpectRefused(LoadFile(Data(file)), Code::kUnsupportedKeyType);
  }
}

TEST(X509LoadTest, DeviceBundleKeyFirstMatchesCertificateZero) {
  std::string text = ReadAll(Data("device-bundle.pem"));
  ASSERT_LT(text.find("PRIVATE KEY"), text.find("BEGIN CERTIFICATE"));
  auto r = LoadFile(Data("device-bundle.pem"));
  ASSERT_TRUE(r) << r.error().ToString();
  ASSERT_EQ(r->certificates.size(), 2u);
  ASSERT_TRUE(r->key);
  EXPECT_EQ(r->key->Describe(), "RSA 2048");
  EXPECT_EQ(r->key_certificate_index, 0u);
  EXPECT_EQ(r->certificates[0].Sha256Fingerprint(), OpensslFingerprint(Data("leaf-san.pem")));
  EXPECT_EQ(r->certificates[1].Sha256Fingerprint(), OpensslFingerprint(Data("int-rsa.pem")));
}

TEST(X509LoadTest, KeyMatchingNoCertificate) {
  std::string mixed = ReadAll(Data("leaf-ec256.key")) + ReadAll(Data("leaf-san-chain.pem"));
  auto r = LoadBytes(mixed);
  ASSERT_TRUE(r) << r.error().ToString();
  ASSERT_EQ(r->certificates.size(), 2u);
  ASSERT_TRUE(r->key);
  EXPECT_FALSE(r->key_certificate_index);
}

TEST(X509LoadTest, KeyMatchingTheSecondCertificate) {
  std::string text = ReadAll(Data("int-rsa.pem")) + ReadAll(Data("leaf-san.pem")) +
                     ReadAll(Data("leaf-san.key"));
  auto r = LoadBytes(text);
  ASSERT_TRUE(r) << r.error().ToString();
  EXPECT_EQ(r->key_certificate_index, 1u);
}

TEST(X509LoadTest, TwoKeysRefused) {
  std::string text = ReadAll(Data("leaf-san.key")) + ReadAll(Data("leaf-ec256.key"));
  ExpectRefused(LoadBytes(text), Code::kMultipleKeys);
}

// ---- refusals ----------------------------------------------------------------------------------

TEST(X509LoadTest, RefusesEmpty) {
  ExpectRefused(LoadFile(Data("empty.pem")), Code::kEmptyInput);
  ExpectRefused(LoadBytes(" \r\n\t\n"), Code::kEmptyInput);
}

TEST(X509LoadTest, RefusesGarbageAndPlainText) {
  ExpectRefused(LoadFile(Data("garbage.bin")), Code::kNotCertificate);
  ExpectRefused(LoadFile(Data("not-a-cert.txt")), Code::kNotCertificate);
}

TEST(X509LoadTest, RefusesTruncatedPem) {
  ExpectRefused(LoadFile(Data("truncated.pem")), Code::kTruncatedPem);
  // A block whose END line is missing before the next BEGIN is truncated too.
  std::string pem = ReadAll(Data("leaf-san.pem"));
  std::string cut = pem.substr(0, pem.find("-----END")) + ReadAll(Data("int-rsa.pem"));
  ExpectRefused(LoadBytes(cut), Code::kTruncatedPem);
}

TEST(X509LoadTest, RefusesDerWithTrailingGarbage) {
  ExpectRefused(LoadFile(Data("der-trailing-garbage.der")), Code::kTrailingGarbage);
}

TEST(X509LoadTest, RefusesBadBase64) {
  ExpectRefused(LoadFile(Data("pem-bad-base64.pem")), Code::kBadPem);
}

TEST(X509LoadTest, RefusesCsrNamingTheRequest) {
  auto r = LoadFile(Data("csr.pem"));
  ExpectRefused(r, Code::kNotCertificate);
  EXPECT_NE(r.error().detail.find("request"), std::string::npos) << r.error().detail;
}

TEST(X509LoadTest, RefusesCrlNamingIt) {
  ASSERT_EQ(RunCommand("openssl crl -in '" + Data("int-rsa.crl").string() + "' -noout").exit_code,
            0);
  auto r = LoadFile(Data("int-rsa.crl"));
  ExpectRefused(r, Code::kNotCertificate);
  EXPECT_NE(r.error().detail.find("revocation"), std::string::npos) << r.error().detail;
}

TEST(X509LoadTest, MissingFile) {
  TempDir dir;
  auto r = LoadFile(dir.path() / "nope.pem");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, Code::kNotFound);
  ExpectSentence(r.error());
}

// A PEM certificate followed by filler up to `size` bytes: valid input whatever its size.
std::string PaddedPem(std::size_t size) {
  std::string data = ReadAll(Data("leaf-san.pem"));
  std::string line(63, 'x');
  line += '\n';
  while (data.size() + line.size() <= size) data += line;
  data.append(size - data.size(), '\n');
  return data;
}

TEST(X509LoadTest, ExactlyTheSizeLimitIsAccepted) {
  TempDir dir;
  fs::path file = dir.path() / "five-mb.pem";
  WriteFile(file, PaddedPem(kMaxUploadBytes));
  ASSERT_EQ(fs::file_size(file), 5u * 1024u * 1024u);
  auto r = LoadFile(file);
  ASSERT_TRUE(r) << r.error().ToString();
  EXPECT_EQ(r->certificates.size(), 1u);
}

TEST(X509LoadTest, OneByteOverTheLimitIsRefusedBeforeParsing) {
  TempDir dir;
  fs::path file = dir.path() / "too-big.pem";
  WriteFile(file, PaddedPem(kMaxUploadBytes + 1));
  ASSERT_EQ(fs::file_size(file), 5u * 1024u * 1024u + 1u);
  ExpectRefused(LoadFile(file), Code::kTooLarge);
  ExpectRefused(LoadCertificatesFile(file), Code::kTooLarge);
  // Content that parsing would refuse for another reason still reports the size.
  fs::path junk = dir.path() / "too-big-truncated.pem";
  WriteFile(junk, "-----BEGIN CERTIFICATE-----\n" + std::string(kMaxUploadBytes, 'A'));
  ExpectRefused(LoadFile(junk), Code::kTooLarge);
  // LoadBytes applies the same cap.
  ExpectRefused(LoadBytes(PaddedPem(kMaxUploadBytes + 1)), Code::kTooLarge);
}

TEST(X509LoadTest, SmallerCapIsHonoured) {
  LoadOptions o;
  o.max_bytes = 100;
  ExpectRefused(LoadFile(Data("leaf-san.pem"), o), Code::kTooLarge);
}

TEST(X509LoadTest, CertificatesRequiredRefusesKeyOnlyFile) {
  ExpectRefused(LoadCertificatesFile(Data("key-rsa-pkcs8.pem")), Code::kNotCertificate);
  auto ok = LoadCertificatesFile(Data("device-bundle.pem"));
  ASSERT_TRUE(ok) << ok.error().ToString();
  EXPECT_EQ(ok->certificates.size(), 2u);
}

TEST(X509LoadTest, ToPemRoundTrips) {
  auto r = LoadFile(Data("bundle-roots.pem"));
  ASSERT_TRUE(r);
  auto again = LoadBytes(ToPem(r->certificates));
  ASSERT_TRUE(again) << again.error().ToString();
  EXPECT_EQ(again->certificates, r->certificates);
}

}  // namespace
}  // namespace phonecert
