#pragma once
// Loading certificates and keys. The format is detected from the content, never from the file
// name: PEM (any number of blocks, CRLF, text around them), DER, PKCS#12; private keys in PEM
// (PKCS#8, traditional RSA/EC, encrypted). Inputs over the size cap are refused before parsing.
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"
#include "base/file_io.h"
#include "x509/certificate.h"
#include "x509/private_key.h"

namespace phonecert {

enum class Format { kPem, kDer, kPkcs12 };
std::string_view FormatName(Format f);

struct LoadOptions {
  std::optional<std::string> password;  // PKCS#12 password or PEM key passphrase
  std::size_t max_bytes = kMaxUploadBytes;
};

struct Loaded {
  Format format = Format::kPem;
  std::vector<Certificate> certificates;  // in file order (PKCS#12: leaf first, then its chain)
  std::optional<PrivateKey> key;
  // Index of the certificate the key belongs to, when there is a key and it matches one.
  std::optional<std::size_t> key_certificate_index;
};

// Parses bytes. A file holding only a private key loads with no certificates; callers that need
// a certificate check for it (RequireCertificates).
Result<Loaded> LoadBytes(std::string_view data, const LoadOptions& options = {});
// Reads at most options.max_bytes (refusing larger files unread), then LoadBytes.
Result<Loaded> LoadFile(const std::filesystem::path& path, const LoadOptions& options = {});

// The same, refusing input that holds no certificate (Code::kNotCertificate).
Result<Loaded> LoadCertificates(std::string_view data, const LoadOptions& options = {});
Result<Loaded> LoadCertificatesFile(const std::filesystem::path& path,
                                    const LoadOptions& options = {});

// Concatenated PEM of the certificates.
std::string ToPem(const std::vector<Certificate>& certs);

}  // namespace phonecert
