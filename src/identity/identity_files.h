#pragma once
// Reading and writing one identity as two files: a chain PEM (leaf first, then its issuers) and
// a PKCS#8 key PEM (mode 0600). Used by the factory part and the custom device store.
#include <filesystem>
#include <vector>

#include "identity/device_identity.h"

namespace phonecert {

// The certificates of `cert_file` (PEM/DER/PKCS#12 by content) and the private key of `key_file`.
// Every refusal names the file it is about ("factory/unique.key: the file is empty");
// Code::kNoPrivateKey when `key_file` holds none.
struct CertificatesAndKey {
  std::vector<Certificate> certificates;
  PrivateKey key;
};
Result<CertificatesAndKey> LoadCertificatesAndKey(const std::filesystem::path& cert_file,
                                                  const std::filesystem::path& key_file);

// Loads <chain_pem> and <key_pem>; the first certificate is the leaf. Refuses a key that does
// not match the leaf (Code::kKeyMismatch), a missing file (Code::kNotFound).
Result<Identity> LoadIdentityFiles(IdentityKind kind, const std::filesystem::path& chain_pem,
                                   const std::filesystem::path& key_pem);

// Writes the key (0600) then the chain (0644), each atomically. The caller holds the
// DirectoryLock and decides what makes the pair current.
Status WriteIdentityFiles(const Identity& identity, const std::filesystem::path& chain_pem,
                          const std::filesystem::path& key_pem);

// Removes a file if it exists (Code::kIoError when that fails).
Status RemoveIfExists(const std::filesystem::path& path);

}  // namespace phonecert
