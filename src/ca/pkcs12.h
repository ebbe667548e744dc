#pragma once
// PKCS#12 (.p12/.pfx) files for Windows and for devices that take one file with a password:
// certificate + key + chain, keys and certificates encrypted with AES-256-CBC (PBES2,
// PBKDF2-HMAC-SHA256, 2048 iterations), integrity by an HMAC-SHA-256 MAC. OpenSSL 3 and
// current Windows read these; legacy RC2/3DES files are not written.
#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"
#include "x509/certificate.h"
#include "x509/private_key.h"

namespace phonecert::ca {

struct Pkcs12Options {
  std::string password;       // may be empty, but callers should ask for one
  std::string friendly_name;  // the bag's name shown by key stores; empty: none
};

// DER bytes of the PKCS#12. `key` must match `cert` (Code::kKeyMismatch); `chain` is written
// after it in order (issuers, without the leaf).
Result<std::string> ToPkcs12(const Certificate& cert, const PrivateKey& key,
                             const std::vector<Certificate>& chain, const Pkcs12Options& options);

}  // namespace phonecert::ca
