#pragma once
// PublicKey: the subject key of a certificate to issue, as an immutable, cheap-to-copy value.
// It comes from a PrivateKey we hold or from a certificate signing request.
#include <memory>

#include "base/error.h"
#include "ossl/ptr.h"
#include "x509/private_key.h"

namespace phonecert::ca {

class PublicKey {
 public:
  // The public half of a private key (shares the OpenSSL object; nothing is copied).
  static PublicKey Of(const PrivateKey& key);
  // Takes ownership; refuses key types phonecert does not support (Code::kUnsupportedKeyType).
  static Result<PublicKey> Adopt(ossl::EvpPkeyPtr key);

  // Borrowed handle for read-only OpenSSL calls.
  EVP_PKEY* native() const { return key_.get(); }

 private:
  explicit PublicKey(std::shared_ptr<EVP_PKEY> key) : key_(std::move(key)) {}
  std::shared_ptr<EVP_PKEY> key_;
};

}  // namespace phonecert::ca
