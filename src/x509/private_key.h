#pragma once
// PrivateKey: an immutable, cheap-to-copy private key. It has no accessor for its material:
// nothing in phonecert prints, logs or serves a private key. Only facts about it are exposed.
#include <memory>
#include <string>

#include "base/error.h"
#include "ossl/ptr.h"
#include "x509/certificate.h"

namespace phonecert {

class PrivateKey {
 public:
  // Refuses key types phonecert does not support (Code::kUnsupportedKeyType).
  static Result<PrivateKey> Adopt(ossl::EvpPkeyPtr key);

  EVP_PKEY* native() const { return key_.get(); }
  // "RSA 2048", "EC P-256", "Ed25519"
  std::string Describe() const;
  // True when this key is the private half of the certificate's public key.
  bool Matches(const Certificate& cert) const;
  // PKCS#8 PEM, for writing to a 0600 file only. Never for display.
  std::string ToPkcs8PemForStorage() const;

 private:
  explicit PrivateKey(std::shared_ptr<EVP_PKEY> key) : key_(std::move(key)) {}
  std::shared_ptr<EVP_PKEY> key_;
};

// "RSA 2048", "EC P-256", "Ed25519", or the algorithm name; works for public keys too.
std::string DescribeKey(const EVP_PKEY* key);
// Empty when the key type is supported; otherwise the reason.
std::string UnsupportedKeyReason(const EVP_PKEY* key);

}  // namespace phonecert
