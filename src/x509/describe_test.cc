// Describe() field by field against what the OpenSSL CLI reports for the same file
// (`openssl x509 -text`, -serial, -fingerprint, -subject/-issuer -nameopt oneline, -dates).
// Nothing here is keyed to one run's bytes: keys and serials are new at every generation.
#include "x509/describe.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <openssl/objects.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "base/bytes.h"
#include "base/time.h"
#include "test_support.h"
#include "x509/load.h"

namespace phonecert {
namespace {

using phonecert::testing::Data;
using phonecert::testing::RunCommand;
using phonecert::testing::TempDir;

// ---- what the OpenSSL CLI says about a certificate file ----------------------------------------

struct OpensslExtension {
  std::string name;  // as `-text` heads it: the long name, or the OID when OpenSSL has none
  bool critical = false;
  std::vector<std::string> lines;  // value lines, trimmed
};

struct OpensslFacts {
  std::string text;  // `-text -certopt ext_dump`
  int version = 0;
  std::string serial, signature_algorithm, subject, issuer, not_before, not_after, sha256, sha1;
  std::string key_algorithm, nist_curve;
  int key_bits = 0;
  std::string issuer_uid, subject_uid, signature_hex;  // lower-case hex without separators
  std::vector<OpensslExtension> extensions;
};

std::string Trim(const std::string& s) {
  auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return {};
  auto e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

std::size_t Indent(const std::string& line) {
  auto b = line.find_first_not_of(' ');
  return b == std::string::npos ? line.size() : b;
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string l; std::getline(in, l);) out.push_back(l);
  return out;
}

std::vector<std::string> Split(const std::string& s, const std::string& sep) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (std::size_t p; (p = s.find(sep, start)) != std::string::npos; start = p + sep.size()) {
    out.push_back(s.substr(start, p - start));
  }
  out.push_back(s.substr(start));
  return out;
}

// The rest of the first line (trimmed) that starts with `prefix` once trimmed.
std::string After(const std::string& text, const std::string& prefix) {
  for (const auto& l : Lines(text)) {
    std::string t = Trim(l);
    if (t.rfind(prefix, 0) == 0) return Trim(t.substr(prefix.size()));
  }
  return {};
}

bool IsHexLine(const std::string& t) {
  return !t.empty() && t.find_first_not_of("0123456789abcdef:") == std::string::npos;
}

// Hex printed after `label` and on the continuation lines below it, without separators.
std::string HexAfter(const std::vector<std::string>& lines, const std::string& label) {
  std::string hex;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    std::string t = Trim(lines[i]);
    if (t.rfind(label, 0) != 0) continue;
    hex = Trim(t.substr(label.size()));
    for (std::size_t j = i + 1; j < lines.size() && IsHexLine(Trim(lines[j])); ++j) {
      hex += Trim(lines[j]);
    }
  }
  return NormalizeHex(hex);
}

std::vector<OpensslExtension> ParseExtensions(const std::vector<std::string>& lines) {
  std::vector<OpensslExtension> out;
  std::size_t i = 0;
  while (i < lines.size() && Trim(lines[i]) != "X509v3 extensions:") ++i;
  for (++i; i < lines.size() && (Trim(lines[i]).empty() || Indent(lines[i]) >= 12); ++i) {
    if (Trim(lines[i]).empty()) continue;  // ext_dump ends each dump with a blank line
    if (Indent(lines[i]) == 12) {
      std::string head = Trim(lines[i]);
      OpensslExtension e;
      e.critical = head.size() > 10 && head.substr(head.size() - 10) == ": critical";
      e.name = e.critical ? head.substr(0, head.size() - 10) : head.substr(0, head.size() - 1);
      out.push_back(e);
    } else if (!out.empty()) {
      out.back().lines.push_back(Trim(lines[i]));
    }
  }
  return out;
}

OpensslFacts ReadOpensslFacts(const std::filesystem::path& file, const std::string& inform = "PEM") {
  std::string cmd = "openssl x509 -inform " + inform + " -in '" + file.string() + "' -noout ";
  auto a = RunCommand(cmd + "-serial -fingerprint -sha256 -subject -issuer -nameopt oneline "
                            "-dates -dateopt iso_8601");
  auto b = RunCommand(cmd + "-fingerprint -sha1");
  auto c = RunCommand(cmd + "-text -certopt ext_dump");
  EXPECT_EQ(a.exit_code, 0) << a.out;
  EXPECT_EQ(b.exit_code, 0) << b.out;
  EXPECT_EQ(c.exit_code, 0) << c.out;
  OpensslFacts o;
  o.serial = After(a.out, "serial=");
  o.sha256 = After(a.out, "sha256 Fingerprint=");
  o.subject = After(a.out, "subject=");
  o.issuer = After(a.out, "issuer=");
  o.not_before = After(a.out, "notBefore=");
  o.not_after = After(a.out, "notAfter=");
  o.sha1 = After(b.out, "sha1 Fingerprint=");
  o.text = c.out;
  auto lines = Lines(c.out);
  o.version = std::atoi(After(c.out, "Version:").c_str());
  o.signature_algorithm = After(c.out, "Signature Algorithm:");
  o.key_algorithm = After(c.out, "Public Key Algorithm:");
  o.key_bits = std::atoi(After(c.out, "Public-Key: (").c_str());
  o.nist_curve = After(c.out, "NIST CURVE:");
  o.issuer_uid = HexAfter(lines, "Issuer Unique ID:");
  o.subject_uid = HexAfter(lines, "Subject Unique ID:");
  o.signature_hex = HexAfter(lines, "Signature Value:");
  o.extensions = ParseExtensions(lines);
  return o;
}

// "O = X, CN = y" -> "y"; empty without a CN.
std::string OnelineCn(const std::string& name) {
  auto p = name.rfind("CN = ");
  if (p == std::string::npos || (p != 0 && name.compare(p - 2, 2, ", ") != 0)) return {};
  return name.substr(p + 5, name.find(", ", p) - (p + 5));
}

std::string AlgorithmFromOpenssl(const std::string& a) {
  if (a == "rsaEncryption") return "RSA";
  if (a == "id-ecPublicKey") return "EC";
  if (a == "ED25519") return "Ed25519";
  return a;
}

std::string CanonicalIp(const std::string& ip) {
  unsigned char buf[16];
  char out[INET6_ADDRSTRLEN] = {};
  int family = ip.find(':') != std::string::npos ? AF_INET6 : AF_INET;
  if (inet_pton(family, ip.c_str(), buf) != 1) return "bad IP " + ip;
  inet_ntop(family, buf, out, sizeof out);
  return out;
}

std::string GeneralName(const std::string& s) {
  if (s.rfind("IP Address:", 0) == 0) return "IP:" + CanonicalIp(s.substr(11));
  return s;
}

// Our value list for an extension, derived from OpenSSL's printed lines.
std::vector<std::string> ExpectedValues(const std::string& oid, const std::string& name,
                                        const std::vector<std::string>& lines) {
  static const std::map<std::string, std::string> kKeyUsage = {
      {"Digital Signature", "digitalSignature"}, {"Non Repudiation", "nonRepudiation"},
      {"Key Encipherment", "keyEncipherment"},   {"Data Encipherment", "dataEncipherment"},
      {"Key Agreement", "keyAgreement"},         {"Certificate Sign", "keyCertSign"},
      {"CRL Sign", "cRLSign"},                   {"Encipher Only", "encipherOnly"},
      {"Decipher Only", "decipherOnly"}};
  std::vector<std::string> out;
  std::string section;  // name constraints: "Permitted:" or "Excluded:"
  if (name == oid) {  // unknown to OpenSSL: ext_dump prints "0000 - 0c 05 68 ..  ..hello"
    std::string hex;  // the bytes end at the two spaces before the ASCII column
    for (const auto& l : lines) {
      std::string region = l.size() > 7 ? l.substr(7, l.find("  ", 7) - 7) : "";
      for (char& ch : region) ch = ch == '-' ? ' ' : ch;
      hex += NormalizeHex(region);
    }
    return {"DER:" + hex};
  }
  for (const auto& l : lines) {
    if (oid == "2.5.29.19" || oid == "2.5.29.17" || oid == "2.5.29.18") {
      for (const auto& v : Split(l, ", ")) out.push_back(GeneralName(v));
    } else if (oid == "2.5.29.15") {
      for (const auto& v : Split(l, ", ")) {
        auto it = kKeyUsage.find(v);
        out.push_back(it == kKeyUsage.end() ? "?" + v : it->second);
      }
    } else if (oid == "2.5.29.37") {
      for (const auto& v : Split(l, ", ")) {
        int nid = OBJ_ln2nid(v.c_str());
        out.push_back(nid != NID_undef ? OBJ_nid2sn(nid) : v);
      }
    } else if (oid == "2.5.29.35") {
      out.push_back(l.rfind("keyid:", 0) == 0 ? l : "keyid:" + l);
    } else if (oid == "2.5.29.31") {
      if (l != "Full Name:") out.push_back(GeneralName(l));
    } else if (oid == "2.5.29.32") {
      if (l.rfind("Policy:", 0) == 0) out.push_back(l);
    } else if (oid == "2.5.29.30") {
      if (l == "Permitted:" || l == "Excluded:") {
        section = l;
      } else {
        out.push_back(section + " " + GeneralName(l));
      }
    } else {
      out.push_back(l);
    }
  }
  return out;
}

void ExpectExtensionMatches(const ExtensionDescription& e, const OpensslExtension& o) {
  SCOPED_TRACE(e.oid);
  EXPECT_EQ(e.name, o.name);
  EXPECT_EQ(e.critical, o.critical);
  EXPECT_EQ(e.known, o.name != e.oid);
  EXPECT_EQ(e.values, ExpectedValues(e.oid, o.name, o.lines));
}

// `openssl asn1parse -genconf` input for a version-2 certificate with both unique IDs.
std::string UniqueIdGenconf(const std::string& ed25519_public_hex) {
  return "asn1=SEQUENCE:cert\n"
         "[cert]\ntbs=SEQUENCE:tbs\nalg=SEQUENCE:sigalg\n"
         "sig=FORMAT:HEX,BITSTRING:" + std::string(128, '5') + "\n"
         "[tbs]\nver=EXPLICIT:0,INTEGER:1\nserial=INTEGER:0x01F2\nsigalg=SEQUENCE:sigalg\n"
         "issuer=SEQUENCE:iname\nvalidity=SEQUENCE:validity\nsubject=SEQUENCE:sname\n"
         "spki=SEQUENCE:spki\niuid=IMPLICIT:1,FORMAT:HEX,BITSTRING:0102AB\n"
         "suid=IMPLICIT:2,FORMAT:HEX,BITSTRING:CDEF99\n"
         "[sigalg]\noid=OID:ED25519\n"
         "[iname]\nrdn=SET:irdn\n[irdn]\ncn=SEQUENCE:icn\n[icn]\noid=OID:commonName\n"
         "val=UTF8:UID Issuer\n"
         "[sname]\nrdn=SET:srdn\n[srdn]\ncn=SEQUENCE:scn\n[scn]\noid=OID:commonName\n"
         "val=UTF8:uid.test\n"
         "[validity]\nnb=UTCTIME:200101000000Z\nna=GENERALIZEDTIME:20991231235959Z\n"
         "[spki]\nalg=SEQUENCE:edalg\npub=FORMAT:HEX,BITSTRING:" + ed25519_public_hex + "\n"
         "[edalg]\noid=OID:ED25519\n";
}

// ---- tests -------------------------------------------------------------------------------------

Certificate LoadOne(const std::filesystem::path& p) {
  auto r = LoadFile(p);
  EXPECT_TRUE(r) << p << ": " << r.error().ToString();
  EXPECT_EQ(r->certificates.size(), 1u) << p;
  return r->certificates.at(0);
}

// The fields every certificate shares, compared with the OpenSSL CLI's view of the same file.
void ExpectCoreFieldsMatch(const std::filesystem::path& file, const std::string& inform = "PEM") {
  SCOPED_TRACE(file.filename().string());
  OpensslFacts o = ReadOpensslFacts(file, inform);
  CertificateDescription d = Describe(LoadOne(file));

  EXPECT_EQ(d.version, o.version);
  EXPECT_EQ(NormalizeHex(d.serial), NormalizeHex(o.serial)) << d.serial << " vs " << o.serial;
  EXPECT_EQ(d.serial.find_first_of("abcdef"), std::string::npos) << d.serial;  // upper case
  EXPECT_EQ(d.signature_algorithm, o.signature_algorithm);
  EXPECT_EQ(d.subject, o.subject);
  EXPECT_EQ(d.issuer, o.issuer);
  EXPECT_EQ(ParseIso8601(d.not_before), ParseIso8601(o.not_before)) << o.not_before;
  EXPECT_EQ(ParseIso8601(d.not_after), ParseIso8601(o.not_after)) << o.not_after;
  EXPECT_EQ(d.not_before.back(), 'Z');
  EXPECT_EQ(d.sha256_fingerprint, o.sha256);
  EXPECT_EQ(d.sha1_fingerprint, o.sha1);
  EXPECT_EQ(d.signature, o.signature_hex);
  EXPECT_FALSE(d.signature.empty());
  // The summary: CN when there is one, else the whole name; expiry day of notAfter.
  std::string cn = OnelineCn(o.subject);
  EXPECT_EQ(d.issued_to, cn.empty() ? o.subject : cn);
  std::string issuer_cn = OnelineCn(o.issuer);
  EXPECT_EQ(d.issued_by, issuer_cn.empty() ? o.issuer : issuer_cn);
  EXPECT_EQ(d.expiration, o.not_after.substr(0, 10));
  // Unique IDs: present exactly when OpenSSL prints them.
  EXPECT_EQ(d.issuer_unique_id.has_value(), !o.issuer_uid.empty());
  EXPECT_EQ(d.subject_unique_id.has_value(), !o.subject_uid.empty());
  if (d.issuer_unique_id) {
    EXPECT_EQ(NormalizeHex(*d.issuer_unique_id), o.issuer_uid);
  }
  if (d.subject_unique_id) {
    EXPECT_EQ(NormalizeHex(*d.subject_unique_id), o.subject_uid);
  }
  // Extensions: same order, names, criticality and values.
  ASSERT_EQ(d.extensions.size(), o.extensions.size());
  for (std::size_t i = 0; i < d.extensions.size(); ++i) {
    ExpectExtensionMatches(d.extensions[i], o.extensions[i]);
  }
}

void ExpectPublicKeyMatches(const std::string& file, const std::string& summary) {
  SCOPED_TRACE(file);
  OpensslFacts o = ReadOpensslFacts(Data(file));
  PublicKeyDescription k = Describe(LoadOne(Data(file))).public_key;
  EXPECT_EQ(k.summary, summary);
  EXPECT_EQ(k.algorithm, AlgorithmFromOpenssl(o.key_algorithm)) << o.key_algorithm;
  if (o.key_bits > 0) {
    EXPECT_EQ(k.bits, o.key_bits);
  }
  EXPECT_EQ(k.curve, o.nist_curve);
}

TEST(X509DescribeTest, RichLeafAgainstOpenssl) {
  ExpectCoreFieldsMatch(Data("leaf-rich.pem"));
  // What the generator put in, as the phone shows it.
  CertificateDescription d = Describe(LoadOne(Data("leaf-rich.pem")));
  auto find = [&](const std::string& oid) -> const ExtensionDescription* {
    for (const auto& e : d.extensions) {
      if (e.oid == oid) return &e;
    }
    return nullptr;
  };
  const auto* san = find("2.5.29.17");
  ASSERT_TRUE(san);
  auto has = [](const ExtensionDescription* e, const std::string& prefix) {
    for (const auto& v : e->values) {
      if (v.rfind(prefix, 0) == 0) return true;
    }
    return false;
  };
  for (const char* kind : {"DNS:", "IP:", "email:", "URI:"}) EXPECT_TRUE(has(san, kind)) << kind;
  for (const char* oid : {"2.5.29.14", "2.5.29.35", "2.5.29.31", "1.3.6.1.5.5.7.1.1",
                          "2.5.29.32", "2.5.29.37", "2.5.29.15", "2.5.29.19"}) {
    const auto* e = find(oid);
    ASSERT_TRUE(e) << oid;
    EXPECT_TRUE(e->known) << oid;
    EXPECT_FALSE(e->values.empty()) << oid;
  }
  const auto* unknown = find("1.3.6.1.4.1.99999.2.1");
  const auto* unknown_critical = find("1.3.6.1.4.1.99999.2.2");
  ASSERT_TRUE(unknown);
  ASSERT_TRUE(unknown_critical);
  EXPECT_EQ(unknown->name, unknown->oid);
  EXPECT_FALSE(unknown->known);
  EXPECT_FALSE(unknown->critical);
  EXPECT_FALSE(unknown_critical->known);
  EXPECT_TRUE(unknown_critical->critical);
}

TEST(X509DescribeTest, SanWithIpv6AgainstOpenssl) { ExpectCoreFieldsMatch(Data("leaf-san.pem")); }

TEST(X509DescribeTest, NameConstrainedIntermediateAgainstOpenssl) {
  ExpectCoreFieldsMatch(Data("int-nc.pem"));
  CertificateDescription d = Describe(LoadOne(Data("int-nc.pem")));
  bool saw_nc = false, saw_bc = false;
  for (const auto& e : d.extensions) {
    if (e.oid == "2.5.29.30") {
      saw_nc = true;
      EXPECT_TRUE(e.critical);
    }
    if (e.oid == "2.5.29.19") {
      saw_bc = true;
      EXPECT_NE(std::find(e.values.begin(), e.values.end(), "pathlen:0"), e.values.end());
    }
  }
  EXPECT_TRUE(saw_nc);
  EXPECT_TRUE(saw_bc);
}

TEST(X509DescribeTest, RootsAndIntermediatesAgainstOpenssl) {
  for (const char* f : {"root-rsa.pem", "root-ec.pem", "int-ec.pem", "selfsigned.pem",
                        "leaf-clientonly.pem", "leaf-expired.pem"}) {
    ExpectCoreFieldsMatch(Data(f));
  }
  ExpectCoreFieldsMatch(Data("root-rsa.der"), "DER");
}

TEST(X509DescribeTest, Version1WithoutExtensions) {
  ExpectCoreFieldsMatch(Data("leaf-v1.pem"));
  CertificateDescription d = Describe(LoadOne(Data("leaf-v1.pem")));
  EXPECT_EQ(d.version, 1);
  EXPECT_TRUE(d.extensions.empty());
}

TEST(X509DescribeTest, PublicKeySummaries) {
  ExpectPublicKeyMatches("leaf-san.pem", "RSA 2048");
  ExpectPublicKeyMatches("leaf-rsa4096.pem", "RSA 4096");
  ExpectPublicKeyMatches("leaf-ec256.pem", "EC P-256");
  ExpectPublicKeyMatches("leaf-ec384.pem", "EC P-384");
  ExpectPublicKeyMatches("leaf-ed25519.pem", "Ed25519");
  for (const char* f : {"leaf-ec256.pem", "leaf-ec384.pem", "leaf-ed25519.pem"}) {
    ExpectCoreFieldsMatch(Data(f));
  }
}

TEST(X509DescribeTest, SummaryWithoutCommonName) {
  TempDir dir;
  auto r = RunCommand("cd '" + dir.path().string() +
                      "' && openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes "
                      "-subj '/O=NoCN Org' -keyout k.pem -out c.pem -days 30");
  ASSERT_EQ(r.exit_code, 0) << r.out;
  ExpectCoreFieldsMatch(dir.path() / "c.pem");
  CertificateDescription d = Describe(LoadOne(dir.path() / "c.pem"));
  EXPECT_EQ(d.issued_to, "O = NoCN Org");
  EXPECT_EQ(d.issued_by, "O = NoCN Org");
  EXPECT_EQ(d.issued_to, ReadOpensslFacts(dir.path() / "c.pem").subject);
}

TEST(X509DescribeTest, SelfSignedEd25519FromOpensslReq) {
  TempDir dir;
  auto r = RunCommand("cd '" + dir.path().string() +
                      "' && openssl req -x509 -newkey ed25519 -nodes -subj '/CN=ed.test/O=Ed Org' "
                      "-addext 'subjectAltName=DNS:ed.test,IP:::1' "
                      // an unknown critical extension long enough for a multi-line dump
                      "-addext '1.3.6.1.4.1.99999.3=critical,DER:0420" + std::string(64, 'a') +
                      "' -keyout k.pem -out c.pem -days 3");
  ASSERT_EQ(r.exit_code, 0) << r.out;
  ExpectCoreFieldsMatch(dir.path() / "c.pem");
  CertificateDescription d = Describe(LoadOne(dir.path() / "c.pem"));
  EXPECT_EQ(d.issued_to, "ed.test");
  EXPECT_EQ(d.signature_algorithm, "ED25519");
  ASSERT_FALSE(d.extensions.empty());
  EXPECT_EQ(d.extensions.back().values,
            std::vector<std::string>{"DER:0420" + std::string(64, 'a')});
}

// Names are attacker-controlled bytes: a SAN dNSName with a Latin-1 byte and a terminal escape
// must come out as clean text (and JSON that serialises), valid UTF-8 must stay as it is.
TEST(X509DescribeTest, HostileTextIsEscaped) {
  TempDir dir;
  auto r = RunCommand("cd '" + dir.path().string() +
                      "' && openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes "
                      "-utf8 -subj '/CN=\u00DCn\u00EFcode Phone' "
                      "-addext \"$(printf 'subjectAltName=DNS:caf\351.test,DNS:esc\033[31m.test')\" "
                      "-keyout k.pem -out c.pem -days 3");
  ASSERT_EQ(r.exit_code, 0) << r.out;
  CertificateDescription d = Describe(LoadOne(dir.path() / "c.pem"));
  EXPECT_EQ(d.issued_to, "\u00DCn\u00EFcode Phone");
  auto san = std::find_if(d.extensions.begin(), d.extensions.end(),
                          [](const auto& e) { return e.oid == "2.5.29.17"; });
  ASSERT_NE(san, d.extensions.end());
  std::vector<std::string> want = {"DNS:caf\\xE9.test", "DNS:esc\\x1B[31m.test"};
  EXPECT_EQ(san->values, want);
  std::string json;
  EXPECT_NO_THROW(json = ToJson(d).dump());
  EXPECT_EQ(nlohmann::json::parse(json)["summary"]["issued_to"], d.issued_to);
  EXPECT_EQ(ToText(d).find('\x1b'), std::string::npos);
}

// Issuer and subject unique IDs: `openssl req`/`x509`/`ca` cannot create them, so the
// certificate is assembled field by field with `openssl asn1parse -genconf` (version 2, both
// IDs). Its signature is random bytes: Describe never verifies signatures.
TEST(X509DescribeTest, UniqueIdsFromAsn1Genconf) {
  TempDir dir;
  std::string d = dir.path().string();
  auto key = RunCommand("cd '" + d + "' && openssl genpkey -algorithm ed25519 -out k.pem && "
                        "openssl pkey -in k.pem -pubout -outform DER -out pub.der");
  ASSERT_EQ(key.exit_code, 0) << key.out;
  std::string pub = phonecert::testing::ReadAll(dir.path() / "pub.der");
  ASSERT_GE(pub.size(), 32u);
  std::string conf = UniqueIdGenconf(ToHex(AsBytes(pub.substr(pub.size() - 32))));
  {
    std::ofstream out(dir.path() / "c.cnf");
    out << conf;
  }
  auto gen = RunCommand("cd '" + d + "' && openssl asn1parse -genconf c.cnf -out c.der -noout");
  ASSERT_EQ(gen.exit_code, 0) << gen.out;
  OpensslFacts o = ReadOpensslFacts(dir.path() / "c.der", "DER");
  ASSERT_FALSE(o.issuer_uid.empty()) << o.text;
  ASSERT_FALSE(o.subject_uid.empty()) << o.text;
  ExpectCoreFieldsMatch(dir.path() / "c.der", "DER");
  CertificateDescription desc = Describe(LoadOne(dir.path() / "c.der"));
  EXPECT_EQ(desc.version, 2);
  ASSERT_TRUE(desc.issuer_unique_id);
  EXPECT_NE(ToText(desc).find("Subject UID:"), std::string::npos);
  EXPECT_TRUE(ToJson(desc)["issuer_unique_id"].is_string());
}

TEST(X509DescribeTest, JsonHasStableTopLevelKeys) {
  CertificateDescription d = Describe(LoadOne(Data("leaf-rich.pem")));
  nlohmann::json j = nlohmann::json::parse(ToJson(d).dump());
  for (const char* key : {"version", "serial", "signature_algorithm", "issuer", "validity",
                          "subject", "public_key", "issuer_unique_id", "subject_unique_id",
                          "extensions", "signature", "fingerprints", "summary"}) {
    EXPECT_TRUE(j.contains(key)) << key;
  }
  EXPECT_EQ(j["summary"]["issued_to"], d.issued_to);
  EXPECT_EQ(j["summary"]["issued_by"], d.issued_by);
  EXPECT_EQ(j["summary"]["expiration"], d.expiration);
  EXPECT_EQ(j["validity"]["not_after"], d.not_after);
  EXPECT_EQ(j["fingerprints"]["sha256"], d.sha256_fingerprint);
  EXPECT_EQ(j["public_key"]["summary"], "RSA 2048");
  EXPECT_TRUE(j["issuer_unique_id"].is_null());
  ASSERT_EQ(j["extensions"].size(), d.extensions.size());
  for (const auto& e : j["extensions"]) {
    for (const char* key : {"oid", "name", "critical", "known", "values"}) {
      EXPECT_TRUE(e.contains(key)) << key;
    }
  }
}

TEST(X509DescribeTest, TextCarriesTheSummaryAndFields) {
  CertificateDescription d = Describe(LoadOne(Data("leaf-rich.pem")));
  std::string t = ToText(d);
  for (const std::string& s :
       {std::string("Issued To:"), std::string("Issued By:"), std::string("Expiration:"),
        d.issued_to, d.issued_by, d.expiration, d.serial, d.subject, d.issuer,
        d.sha256_fingerprint, d.sha1_fingerprint, std::string("[critical]"),
        std::string("1.3.6.1.4.1.99999.2.2")}) {
    EXPECT_NE(t.find(s), std::string::npos) << s;
  }
  EXPECT_LT(t.find("Issued To:"), t.find("Serial:"));  // summary first
}

}  // namespace
}  // namespace phonecert
