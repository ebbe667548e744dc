#include "x509/private_key.h"

#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/pem.h>

#include "ossl/bio.h"

namespace phonecert {

std::string DescribeKey(const EVP_PKEY* key) {
  if (!key) return "none";
  int id = EVP_PKEY_get_base_id(key);
  switch (id) {
    case EVP_PKEY_RSA:
    case EVP_PKEY_RSA_PSS:
      return std::string(id == EVP_PKEY_RSA ? "RSA " : "RSA-PSS ") +
             std::to_string(EVP_PKEY_get_bits(key));
    case EVP_PKEY_EC: {
      char group[64] = {};
      size_t len = 0;
      if (EVP_PKEY_get_utf8_string_param(key, OSSL_PKEY_PARAM_GROUP_NAME, group, sizeof group,
                                         &len) != 1) {
        return "EC (explicit parameters)";
      }
      int nid = OBJ_sn2nid(group);
      const char* nist = nid != NID_undef ? EC_curve_nid2nist(nid) : nullptr;
      return std::string("EC ") + (nist ? nist : group);
    }
    case EVP_PKEY_ED25519: return "Ed25519";
    case EVP_PKEY_ED448: return "Ed448";
    case EVP_PKEY_X25519: return "X25519";
    case EVP_PKEY_X448: return "X448";
    case EVP_PKEY_DSA: return "DSA " + std::to_string(EVP_PKEY_get_bits(key));
    case EVP_PKEY_DH: return "DH " + std::to_string(EVP_PKEY_get_bits(key));
    default: {
      const char* name = OBJ_nid2sn(id);
      return name ? name : "unknown";
    }
  }
}

std::string UnsupportedKeyReason(const EVP_PKEY* key) {
  std::string what = DescribeKey(key);
  switch (EVP_PKEY_get_base_id(key)) {
    case EVP_PKEY_RSA:
      if (EVP_PKEY_get_bits(key) < 1024) return what + " is too short (at least 1024 bits)";
      return {};
    case EVP_PKEY_RSA_PSS:
    case EVP_PKEY_ED25519:
    case EVP_PKEY_ED448:
      return {};
    case EVP_PKEY_EC:
      if (what == "EC P-256" || what == "EC P-384" || what == "EC P-521") return {};
      return what + " is not a supported curve (P-256, P-384, P-521)";
    default:
      return what + " keys are not supported (RSA, EC P-256/P-384/P-521, Ed25519, Ed448)";
  }
}

Result<PrivateKey> PrivateKey::Adopt(ossl::EvpPkeyPtr key) {
  if (!key) return Fail(Code::kInternal, "no key");
  std::string reason = UnsupportedKeyReason(key.get());
  if (!reason.empty()) return Fail(Code::kUnsupportedKeyType, reason);
  return PrivateKey(std::shared_ptr<EVP_PKEY>(key.release(), EVP_PKEY_free));
}

std::string PrivateKey::Describe() const { return DescribeKey(key_.get()); }

bool PrivateKey::Matches(const Certificate& cert) const {
  EVP_PKEY* pub = X509_get0_pubkey(cert.native());
  return pub && EVP_PKEY_eq(pub, key_.get()) == 1;
}

std::string PrivateKey::ToPkcs8PemForStorage() const {
  ossl::BioPtr bio = ossl::WriteBio();
  PEM_write_bio_PrivateKey(bio.get(), key_.get(), nullptr, nullptr, 0, nullptr, nullptr);
  return ossl::BioContents(bio.get());
}

}  // namespace phonecert
