#include "x509/load.h"

#include <openssl/pem.h>

#include <algorithm>
#include <cstring>

#include "ossl/bio.h"
#include "ossl/error.h"

namespace phonecert {
namespace {

constexpr std::string_view kBegin = "-----BEGIN ";
constexpr std::string_view kEnd = "-----END ";
constexpr std::string_view kDashes = "-----";

struct PemBlock {
  std::string label;
  std::string text;  // the whole block, BEGIN to END line, LF line ends
  bool encrypted_header = false;
};

bool IsBlank(std::string_view data) {
  return std::all_of(data.begin(), data.end(), [](char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\0';
  });
}

// Splits text into PEM blocks, ignoring everything outside them. A BEGIN without its END is a
// truncated file.
Result<std::vector<PemBlock>> SplitPem(std::string_view data) {
  std::vector<PemBlock> blocks;
  std::size_t pos = 0;
  while ((pos = data.find(kBegin, pos)) != std::string_view::npos) {
    std::size_t label_start = pos + kBegin.size();
    std::size_t label_end = data.find(kDashes, label_start);
    std::size_t eol = data.find('\n', label_start);
    if (label_end == std::string_view::npos || (eol != std::string_view::npos && label_end > eol)) {
      return Fail(Code::kBadPem, "malformed PEM BEGIN line");
    }
    PemBlock block;
    block.label = std::string(data.substr(label_start, label_end - label_start));
    std::string end_line = std::string(kEnd) + block.label + std::string(kDashes);
    std::size_t end = data.find(end_line, label_end);
    std::size_t next_begin = data.find(kBegin, label_end);
    if (end == std::string_view::npos || (next_begin != std::string_view::npos && next_begin < end)) {
      return Fail(Code::kTruncatedPem, "the PEM block \"" + block.label +
                                           "\" has no END line (the file is truncated)");
    }
    std::string_view raw = data.substr(pos, end + end_line.size() - pos);
    block.text.reserve(raw.size() + 1);
    for (char c : raw) {
      if (c != '\r') block.text += c;
    }
    block.text += '\n';
    block.encrypted_header = block.text.find("Proc-Type: 4,ENCRYPTED") != std::string::npos;
    blocks.push_back(std::move(block));
    pos = end + end_line.size();
  }
  return blocks;
}

bool IsCertificateLabel(std::string_view l) {
  return l == "CERTIFICATE" || l == "X509 CERTIFICATE" || l == "TRUSTED CERTIFICATE";
}
bool IsKeyLabel(std::string_view l) {
  return l == "PRIVATE KEY" || l == "ENCRYPTED PRIVATE KEY" || l == "RSA PRIVATE KEY" ||
         l == "EC PRIVATE KEY";
}

struct PassContext {
  const std::optional<std::string>* password;
  bool asked = false;
};

int PassCallback(char* buf, int size, int, void* u) {
  auto* ctx = static_cast<PassContext*>(u);
  ctx->asked = true;
  if (!ctx->password->has_value()) return -1;
  const std::string& p = **ctx->password;
  int n = std::min(size, static_cast<int>(p.size()));
  std::memcpy(buf, p.data(), static_cast<std::size_t>(n));
  return n;
}

Result<Certificate> ParsePemCertificate(const PemBlock& block, int index) {
  ossl::ClearErrors();
  ossl::BioPtr bio = ossl::ReadBio(block.text);
  ossl::X509Ptr x(block.label == "TRUSTED CERTIFICATE"
                      ? PEM_read_bio_X509_AUX(bio.get(), nullptr, nullptr, nullptr)
                      : PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
  if (!x) {
    auto err = ossl::FailWithQueue(Code::kBadPem, "PEM certificate " + std::to_string(index + 1) +
                                                      " is not a valid certificate");
    err.error().certificate_index = index;
    return err;
  }
  return Certificate::Adopt(std::move(x));
}

Result<PrivateKey> ParsePemKey(const PemBlock& block, const std::optional<std::string>& password) {
  bool encrypted = block.label == "ENCRYPTED PRIVATE KEY" || block.encrypted_header;
  if (encrypted && !password) {
    return Fail(Code::kPasswordRequired,
                "the private key is encrypted; a passphrase is needed to read it");
  }
  ossl::ClearErrors();
  ossl::BioPtr bio = ossl::ReadBio(block.text);
  PassContext ctx{&password};
  ossl::EvpPkeyPtr key(PEM_read_bio_PrivateKey(bio.get(), nullptr, PassCallback, &ctx));
  if (!key) {
    if (encrypted) {
      ossl::ClearErrors();
      return Fail(Code::kWrongPassword, "the passphrase does not decrypt the private key");
    }
    return ossl::FailWithQueue(Code::kBadPem, "the private key block is not a valid key");
  }
  return PrivateKey::Adopt(std::move(key));
}

std::string DescribeForeignLabel(std::string_view label) {
  if (label == "CERTIFICATE REQUEST" || label == "NEW CERTIFICATE REQUEST") {
    return "the file holds a certificate request (CSR), not a certificate";
  }
  if (label == "X509 CRL") return "the file holds a certificate revocation list, not a certificate";
  if (label == "PUBLIC KEY" || label == "RSA PUBLIC KEY") {
    return "the file holds a public key, not a certificate";
  }
  return "the file holds a PEM \"" + std::string(label) + "\" block, not a certificate";
}

Result<Loaded> LoadPem(std::string_view data, const LoadOptions& options) {
  auto blocks = SplitPem(data);
  if (!blocks) return std::unexpected(blocks.error());
  Loaded out;
  out.format = Format::kPem;
  std::string foreign;
  int cert_index = 0;
  for (const PemBlock& block : *blocks) {
    if (IsCertificateLabel(block.label)) {
      auto cert = ParsePemCertificate(block, cert_index++);
      if (!cert) return std::unexpected(cert.error());
      out.certificates.push_back(std::move(*cert));
    } else if (IsKeyLabel(block.label)) {
      if (out.key) return Fail(Code::kMultipleKeys, "the file holds more than one private key");
      auto key = ParsePemKey(block, options.password);
      if (!key) return std::unexpected(key.error());
      out.key = std::move(*key);
    } else if (block.label.find("PRIVATE KEY") != std::string::npos) {
      return Fail(Code::kUnsupportedKeyType,
                  "\"" + block.label + "\" keys are not supported (RSA, EC, Ed25519)");
    } else if (foreign.empty()) {
      foreign = DescribeForeignLabel(block.label);
    }
  }
  if (out.certificates.empty() && !out.key) {
    return Fail(Code::kNotCertificate, foreign.empty() ? "no certificate in the PEM text" : foreign);
  }
  return out;
}

Result<Loaded> LoadPkcs12(std::string_view data, const LoadOptions& options) {
  ossl::ClearErrors();
  const auto* p = reinterpret_cast<const unsigned char*>(data.data());
  ossl::Pkcs12Ptr p12(d2i_PKCS12(nullptr, &p, static_cast<long>(data.size())));
  if (!p12) return Fail(Code::kNotCertificate, "the DER data is neither a certificate nor PKCS#12");
  auto used = static_cast<std::size_t>(p - reinterpret_cast<const unsigned char*>(data.data()));
  if (used != data.size()) {
    return Fail(Code::kTrailingGarbage,
                std::to_string(data.size() - used) + " unexpected bytes after the PKCS#12 data");
  }
  // Without a password, try the two encodings of "no password".
  std::optional<std::string> pass = options.password;
  if (!pass) {
    if (PKCS12_verify_mac(p12.get(), "", 0) == 1) {
      pass = "";
    } else if (PKCS12_verify_mac(p12.get(), nullptr, 0) != 1) {
      ossl::ClearErrors();
      return Fail(Code::kPasswordRequired, "the PKCS#12 file is protected; a password is needed");
    }
  } else if (PKCS12_mac_present(p12.get()) &&
             PKCS12_verify_mac(p12.get(), pass->c_str(), static_cast<int>(pass->size())) != 1) {
    ossl::ClearErrors();
    return Fail(Code::kWrongPassword, "the password does not open the PKCS#12 file");
  }
  EVP_PKEY* raw_key = nullptr;
  X509* raw_cert = nullptr;
  STACK_OF(X509)* raw_ca = nullptr;
  if (PKCS12_parse(p12.get(), pass ? pass->c_str() : nullptr, &raw_key, &raw_cert, &raw_ca) != 1) {
    return ossl::FailWithQueue(Code::kMalformed,
                               "the PKCS#12 file could not be decoded (unsupported encryption?)");
  }
  ossl::EvpPkeyPtr key(raw_key);
  ossl::X509Ptr cert(raw_cert);
  ossl::X509StackPtr ca(raw_ca);
  Loaded out;
  out.format = Format::kPkcs12;
  if (cert) out.certificates.push_back(Certificate::Adopt(std::move(cert)));
  for (int i = 0; ca && i < sk_X509_num(ca.get()); ++i) {
    out.certificates.push_back(Certificate::Adopt(ossl::UpRef(sk_X509_value(ca.get(), i))));
  }
  if (key) {
    auto k = PrivateKey::Adopt(std::move(key));
    if (!k) return std::unexpected(k.error());
    out.key = std::move(*k);
  }
  if (out.certificates.empty() && !out.key) {
    return Fail(Code::kNotCertificate, "the PKCS#12 file holds no certificate");
  }
  return out;
}

Result<Loaded> LoadDer(std::string_view data, const LoadOptions& options) {
  auto cert = Certificate::FromDer(data);
  if (cert) {
    Loaded out;
    out.format = Format::kDer;
    out.certificates.push_back(std::move(*cert));
    return out;
  }
  if (cert.error().code == Code::kTrailingGarbage) return std::unexpected(cert.error());
  return LoadPkcs12(data, options);
}

}  // namespace

std::string_view FormatName(Format f) {
  switch (f) {
    case Format::kPem: return "PEM";
    case Format::kDer: return "DER";
    case Format::kPkcs12: return "PKCS#12";
  }
  return "?";
}

Result<Loaded> LoadBytes(std::string_view data, const LoadOptions& options) {
  if (data.size() > options.max_bytes) {
    return Fail(Code::kTooLarge, "the input is " + FormatSize(data.size()) + "; the limit is " +
                                     FormatSize(options.max_bytes));
  }
  if (IsBlank(data)) return Fail(Code::kEmptyInput, "the file is empty");
  Result<Loaded> out = Fail(Code::kInternal, "unreached");
  if (data.find(kBegin) != std::string_view::npos) {
    out = LoadPem(data, options);
  } else if (static_cast<unsigned char>(data[0]) == 0x30) {
    out = LoadDer(data, options);
  } else {
    return Fail(Code::kNotCertificate, "the file is neither PEM text nor DER data");
  }
  if (!out) return out;
  if (out->key) {
    for (std::size_t i = 0; i < out->certificates.size(); ++i) {
      if (out->key->Matches(out->certificates[i])) {
        out->key_certificate_index = i;
        break;
      }
    }
  }
  return out;
}

Result<Loaded> LoadFile(const std::filesystem::path& path, const LoadOptions& options) {
  auto data = ReadFileCapped(path, options.max_bytes);
  if (!data) return std::unexpected(data.error());
  return LoadBytes(*data, options);
}

Result<Loaded> LoadCertificates(std::string_view data, const LoadOptions& options) {
  auto out = LoadBytes(data, options);
  if (out && out->certificates.empty()) {
    return Fail(Code::kNotCertificate, "the file holds a private key but no certificate");
  }
  return out;
}

Result<Loaded> LoadCertificatesFile(const std::filesystem::path& path,
                                    const LoadOptions& options) {
  auto data = ReadFileCapped(path, options.max_bytes);
  if (!data) return std::unexpected(data.error());
  return LoadCertificates(*data, options);
}

std::string ToPem(const std::vector<Certificate>& certs) {
  std::string out;
  for (const auto& c : certs) out += c.Pem();
  return out;
}

}  // namespace phonecert
