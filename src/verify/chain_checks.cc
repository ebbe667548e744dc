#include "verify/chain_checks.h"

#include <openssl/x509v3.h>

#include "verify/cert_facts.h"
#include "verify/name_match.h"
#include "x509/asn1_time.h"
#include "x509/certificate.h"

namespace phonecert {
namespace {

std::uint32_t XkuFor(RequiredEku eku) {
  return eku == RequiredEku::kClientAuth ? XKU_SSL_CLIENT : XKU_SSL_SERVER;
}

const char* EkuName(RequiredEku eku) {
  return eku == RequiredEku::kClientAuth ? "clientAuth" : "serverAuth";
}

std::string NamesOf(X509* leaf) {
  SanNames san = ReadSanNames(leaf);
  if (!san.extension_present) {
    std::string cn = CommonName(X509_get_subject_name(leaf));
    return cn.empty() ? "no name" : "CN " + cn + " (no subjectAltName)";
  }
  std::string names;
  for (const auto& d : san.dns) names += (names.empty() ? "" : ", ") + d;
  for (const auto& ip : san.ip) names += (names.empty() ? "" : ", ") + CanonicalIpText(ip);
  return names.empty() ? "no DNS name or IP address" : names;
}

}  // namespace

void AddOnce(std::vector<Finding>& out, Finding f) {
  for (const auto& existing : out) {
    if (existing.reason == f.reason && existing.depth == f.depth) return;
  }
  out.push_back(std::move(f));
}

void CheckValidity(const std::vector<X509*>& chain, TimePoint t, std::vector<Finding>& out) {
  for (std::size_t i = 0; i < chain.size(); ++i) {
    X509* x = chain[i];
    int depth = static_cast<int>(i);
    auto nb = FromAsn1Time(X509_get0_notBefore(x));
    auto na = FromAsn1Time(X509_get0_notAfter(x));
    if (!nb || !na) {
      AddOnce(out, MakeFinding(Reason::kMalformed, depth,
                               CertLabel(x, depth) + " has an unreadable validity period"));
    } else if (t < *nb) {
      AddOnce(out, MakeFinding(Reason::kNotYetValid, depth,
                               CertLabel(x, depth) + " is not valid before " +
                                   FormatIso8601(*nb) + " (checked at " + FormatIso8601(t) + ")"));
    } else if (t > *na) {
      AddOnce(out, MakeFinding(Reason::kExpired, depth,
                               CertLabel(x, depth) + " expired on " + FormatIso8601(*na) +
                                   " (checked at " + FormatIso8601(t) + ")"));
    }
  }
}

void CheckPurpose(const std::vector<X509*>& chain, bool anchored, const VerifyPolicy& policy,
                  Profile profile, std::vector<Finding>& out) {
  if (policy.required_eku == RequiredEku::kNone || chain.empty()) return;
  std::uint32_t wanted = XkuFor(policy.required_eku);
  std::size_t end = anchored ? chain.size() - 1 : chain.size();
  for (std::size_t i = 0; i < end; ++i) {
    X509* x = chain[i];
    int depth = static_cast<int>(i);
    if ((X509_get_extension_flags(x) & EXFLAG_XKUSAGE) == 0) continue;  // absent: any purpose
    std::uint32_t xku = X509_get_extended_key_usage(x);
    bool any_allowed = i > 0 || profile == Profile::kPrivatePki;
    if ((xku & wanted) == 0 && !(any_allowed && (xku & XKU_ANYEKU) != 0)) {
      AddOnce(out, MakeFinding(Reason::kBadEku, depth,
                               CertLabel(x, depth) + " has an extendedKeyUsage without " +
                                   EkuName(policy.required_eku)));
    }
  }
  X509* leaf = chain.front();
  if ((X509_get_extension_flags(leaf) & EXFLAG_KUSAGE) != 0) {
    std::uint32_t ku = X509_get_key_usage(leaf);
    std::uint32_t usable = KU_DIGITAL_SIGNATURE | KU_KEY_ENCIPHERMENT | KU_KEY_AGREEMENT;
    if ((ku & usable) == 0) {
      AddOnce(out, MakeFinding(Reason::kKeyUsage, 0,
                               CertLabel(leaf, 0) +
                                   " has a keyUsage without digitalSignature, keyEncipherment or "
                                   "keyAgreement, so its key cannot authenticate a TLS server"));
    }
  }
}

void CheckDepth(const std::vector<X509*>& chain, bool anchored, int max_depth,
                std::vector<Finding>& out) {
  int intermediates = 0;
  std::size_t last = anchored ? chain.size() - 1 : chain.size();
  for (std::size_t i = 1; i < last; ++i) {
    if (!IsSelfIssued(chain[i])) ++intermediates;
  }
  if (intermediates > max_depth) {
    AddOnce(out, MakeFinding(Reason::kChainTooLong, static_cast<int>(last - 1),
                             "the chain has " + std::to_string(intermediates) +
                                 " intermediate certificates; at most " +
                                 std::to_string(max_depth) + " are allowed"));
  }
}

void CheckCrlStructure(const std::vector<X509*>& chain, const std::vector<X509_CRL*>& crls,
                       std::vector<Finding>& out) {
  for (std::size_t i = 1; i < chain.size(); ++i) {
    for (X509_CRL* crl : crls) {
      if (X509_NAME_cmp(X509_CRL_get_issuer(crl), X509_get_subject_name(chain[i])) != 0) continue;
      int depth = static_cast<int>(i - 1);
      int loc = X509_CRL_get_ext_by_NID(crl, NID_crl_number, -1);
      if (X509_CRL_get_version(crl) != 1 || loc < 0) {
        AddOnce(out, MakeFinding(Reason::kCrlInvalid, depth,
                                 "the CRL of " + CertLabel(chain[i], static_cast<int>(i)) +
                                     " has no CRLNumber (RFC 5280 5.2.3)"));
      } else if (X509_EXTENSION_get_critical(X509_CRL_get_ext(crl, loc)) != 0) {
        AddOnce(out, MakeFinding(Reason::kCrlInvalid, depth,
                                 "the CRL of " + CertLabel(chain[i], static_cast<int>(i)) +
                                     " marks CRLNumber critical (RFC 5280 5.2.3)"));
      }
    }
  }
}

void CheckMinimumKeySize(const std::vector<X509*>& chain, std::vector<Finding>& out) {
  for (std::size_t i = 0; i < chain.size(); ++i) {
    EVP_PKEY* key = X509_get0_pubkey(chain[i]);
    if (key && EVP_PKEY_get_base_id(key) == EVP_PKEY_RSA && EVP_PKEY_get_bits(key) < 1024) {
      int depth = static_cast<int>(i);
      AddOnce(out, MakeFinding(Reason::kWeakKey, depth,
                               CertLabel(chain[i], depth) + " has an RSA key of " +
                                   std::to_string(EVP_PKEY_get_bits(key)) +
                                   " bits; at least 1024 are required"));
    }
  }
}

void CheckName(X509* leaf, const std::string& expected, Profile profile, std::vector<Finding>& out) {
  auto ref = ParseReferenceName(expected);
  if (!ref) {
    AddOnce(out, MakeFinding(Reason::kNameMismatch, 0,
                             "the expected name \"" + expected +
                                 "\" is neither a valid host name nor an IP address"));
    return;
  }
  NameMatchOptions options;
  options.allow_cn_fallback = profile == Profile::kPrivatePki;
  if (!CertificateMatchesName(leaf, *ref, options)) {
    AddOnce(out, MakeFinding(Reason::kNameMismatch, 0,
                             CertLabel(leaf, 0) + " is for " + NamesOf(leaf) + ", not for " +
                                 expected));
  }
}

}  // namespace phonecert
