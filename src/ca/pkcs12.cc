#include "ca/pkcs12.h"

#include "ossl/error.h"

namespace phonecert::ca {

Result<std::string> ToPkcs12(const Certificate& cert, const PrivateKey& key,
                             const std::vector<Certificate>& chain, const Pkcs12Options& options) {
  if (!key.Matches(cert)) {
    return Fail(Code::kKeyMismatch, "the private key does not belong to \"" + cert.IssuedTo() + "\"");
  }
  ossl::X509StackPtr ca(sk_X509_new_null());
  if (!ca) return ossl::FailWithQueue(Code::kInternal, "allocating the chain failed");
  for (const Certificate& c : chain) {
    ossl::X509Ptr ref = c.NewRef();
    if (sk_X509_push(ca.get(), ref.get()) == 0) {
      return ossl::FailWithQueue(Code::kInternal, "building the chain failed");
    }
    ref.release();  // owned by the stack now
  }
  const char* name = options.friendly_name.empty() ? nullptr : options.friendly_name.c_str();
  ossl::ClearErrors();
  // mac_iter -1: no MAC yet; it is added below with SHA-256 instead of the default SHA-1.
  ossl::Pkcs12Ptr p12(PKCS12_create(options.password.c_str(), name, key.native(), cert.native(),
                                    ca.get(), NID_aes_256_cbc, NID_aes_256_cbc,
                                    PKCS12_DEFAULT_ITER, -1, 0));
  if (!p12) return ossl::FailWithQueue(Code::kInternal, "building the PKCS#12 failed");
  if (PKCS12_set_mac(p12.get(), options.password.c_str(), static_cast<int>(options.password.size()),
                     nullptr, 0, PKCS12_DEFAULT_ITER, EVP_sha256()) != 1) {
    return ossl::FailWithQueue(Code::kInternal, "adding the PKCS#12 MAC failed");
  }
  int len = i2d_PKCS12(p12.get(), nullptr);
  if (len <= 0) return ossl::FailWithQueue(Code::kInternal, "encoding the PKCS#12 failed");
  std::string der(static_cast<std::size_t>(len), '\0');
  unsigned char* out = reinterpret_cast<unsigned char*>(der.data());
  if (i2d_PKCS12(p12.get(), &out) != len) {
    return ossl::FailWithQueue(Code::kInternal, "encoding the PKCS#12 failed");
  }
  return der;
}

}  // namespace phonecert::ca
