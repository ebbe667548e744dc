#include "ca/public_key.h"

namespace phonecert::ca {

PublicKey PublicKey::Of(const PrivateKey& key) {
  ossl::EvpPkeyPtr ref = ossl::UpRef(key.native());
  return PublicKey(std::shared_ptr<EVP_PKEY>(ref.release(), EVP_PKEY_free));
}

Result<PublicKey> PublicKey::Adopt(ossl::EvpPkeyPtr key) {
  if (!key) return Fail(Code::kInternal, "no key");
  std::string reason = UnsupportedKeyReason(key.get());
  if (!reason.empty()) return Fail(Code::kUnsupportedKeyType, reason);
  return PublicKey(std::shared_ptr<EVP_PKEY>(key.release(), EVP_PKEY_free));
}

}  // namespace phonecert::ca
