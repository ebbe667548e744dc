#include "verify/public_web_profile.h"

#include <arpa/inet.h>
#include <openssl/evp.h>
#include <openssl/x509v3.h>

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>

#include "ossl/ptr.h"
#include "verify/cert_facts.h"
#include "verify/name_match.h"

namespace phonecert {
namespace {

enum class Role { kLeaf, kIntermediate, kAnchor };

void Add(std::vector<Finding>& out, Reason r, const X509* x, int depth, const std::string& what) {
  out.push_back(MakeFinding(r, depth, CertLabel(x, depth) + " " + what));
}

void CheckKey(X509* x, int depth, std::vector<Finding>& out) {
  EVP_PKEY* key = X509_get0_pubkey(x);
  if (key == nullptr) {
    Add(out, Reason::kMalformed, x, depth, "has a public key that cannot be decoded");
    return;
  }
  int id = EVP_PKEY_get_base_id(key);
  if (id == EVP_PKEY_RSA || id == EVP_PKEY_RSA_PSS) {
    int bits = EVP_PKEY_get_bits(key);
    if (bits < 2048 || bits % 8 != 0) {
      Add(out, Reason::kWeakKey, x, depth,
          "has an RSA key of " + std::to_string(bits) +
              " bits; the public web requires at least 2048 bits in a multiple of 8");
    }
    return;
  }
  if (id == EVP_PKEY_EC) {
    char group[64] = {};
    std::size_t len = 0;
    if (EVP_PKEY_get_group_name(key, group, sizeof group, &len) != 1 || len == 0) {
      Add(out, Reason::kExplicitCurve, x, depth,
          "has an EC key with explicit curve parameters; the public web requires a named curve");
      return;
    }
    std::string g(group, len);
    if (g != "prime256v1" && g != "secp384r1" && g != "secp521r1") {
      Add(out, Reason::kKeyAlgorithm, x, depth,
          "has an EC key on curve " + g + "; the public web allows only P-256, P-384 and P-521");
    }
    return;
  }
  const char* name = OBJ_nid2sn(id);
  Add(out, Reason::kKeyAlgorithm, x, depth,
      std::string("has a ") + (name ? name : "unknown") +
          " key; the public web allows only RSA and ECDSA (P-256, P-384, P-521) keys");
}

void CheckSerial(X509* x, int depth, std::vector<Finding>& out) {
  const ASN1_INTEGER* serial = X509_get0_serialNumber(x);
  ossl::BignumPtr bn(ASN1_INTEGER_to_BN(serial, nullptr));
  if (!bn || BN_is_negative(bn.get())) {
    Add(out, Reason::kBadSerial, x, depth, "has a negative serial number (RFC 5280 4.1.2.2)");
  } else if (BN_is_zero(bn.get())) {
    Add(out, Reason::kBadSerial, x, depth, "has serial number zero (RFC 5280 4.1.2.2)");
  } else if (BN_num_bits(bn.get()) / 8 + 1 > 20) {  // DER content octets, sign octet included
    Add(out, Reason::kBadSerial, x, depth,
        "has a serial number longer than 20 octets (RFC 5280 4.1.2.2)");
  }
}

void CheckSignatureAlgorithm(X509* x, int depth, std::vector<Finding>& out) {
  int nid = X509_get_signature_nid(x);
  static constexpr int kAllowed[] = {NID_sha256WithRSAEncryption, NID_sha384WithRSAEncryption,
                                     NID_sha512WithRSAEncryption, NID_rsassaPss,
                                     NID_ecdsa_with_SHA256,        NID_ecdsa_with_SHA384,
                                     NID_ecdsa_with_SHA512};
  if (std::find(std::begin(kAllowed), std::end(kAllowed), nid) == std::end(kAllowed)) {
    const char* name = OBJ_nid2sn(nid);
    Add(out, Reason::kSignatureAlgorithm, x, depth,
        std::string("is signed with ") + (name ? name : "an unknown algorithm") +
            ", which the public web does not allow");
  }
}

void CheckKeyIdentifiers(X509* x, Role role, int depth, std::vector<Finding>& out) {
  ExtensionPresence aki = FindExtension(x, NID_authority_key_identifier);
  ExtensionPresence ski = FindExtension(x, NID_subject_key_identifier);
  if (aki.critical) {
    Add(out, Reason::kAkiSki, x, depth, "marks authorityKeyIdentifier critical (RFC 5280 4.2.1.1)");
  }
  if (ski.critical) {
    Add(out, Reason::kAkiSki, x, depth, "marks subjectKeyIdentifier critical (RFC 5280 4.2.1.2)");
  }
  int crit = -1;
  ossl::AuthorityKeyIdPtr akid(static_cast<AUTHORITY_KEYID*>(
      X509_get_ext_d2i(x, NID_authority_key_identifier, &crit, nullptr)));
  // A root is recognised by its names (its AKI may be the very thing that is wrong). An anchor
  // is trusted by configuration, whoever else signed it, so only certificates below it need an
  // AKI to be found by (and a self-signed one may omit it).
  bool self_signed = role == Role::kAnchor ? IsSelfIssued(x) : IsSelfSigned(x);
  if (role != Role::kAnchor && !self_signed && (!akid || akid->keyid == nullptr)) {
    Add(out, Reason::kAkiSki, x, depth,
        "has no authorityKeyIdentifier keyIdentifier, which every certificate that is not "
        "self-signed needs (RFC 5280 4.2.1.1)");
  }
  if (role != Role::kLeaf && !ski.present) {
    Add(out, Reason::kAkiSki, x, depth,
        "is a CA certificate without subjectKeyIdentifier (RFC 5280 4.2.1.2)");
  }
  if (role == Role::kAnchor && self_signed && aki.present) {
    const ASN1_OCTET_STRING* skid = X509_get0_subject_key_id(x);
    if (!akid || akid->keyid == nullptr) {
      Add(out, Reason::kAkiSki, x, depth,
          "is a root whose authorityKeyIdentifier lacks the keyIdentifier (CA/B BR 7.1.2.1.3)");
    } else if (skid == nullptr || ASN1_OCTET_STRING_cmp(akid->keyid, skid) != 0) {
      Add(out, Reason::kAkiSki, x, depth,
          "is a root whose authorityKeyIdentifier differs from its subjectKeyIdentifier "
          "(CA/B BR 7.1.2.1.3)");
    }
    if (akid && (akid->issuer != nullptr || akid->serial != nullptr)) {
      Add(out, Reason::kAkiSki, x, depth,
          "is a root whose authorityKeyIdentifier names an issuer or serial number "
          "(CA/B BR 7.1.2.1.3)");
    }
  }
}

void CheckCaExtensions(X509* x, Role role, int depth, std::vector<Finding>& out) {
  ExtensionPresence bc_ext = FindExtension(x, NID_basic_constraints);
  int crit = -1;
  ossl::BasicConstraintsPtr bc(
      static_cast<BASIC_CONSTRAINTS*>(X509_get_ext_d2i(x, NID_basic_constraints, &crit, nullptr)));
  std::uint32_t ku = X509_get_key_usage(x);  // UINT32_MAX when absent
  bool has_ku = (X509_get_extension_flags(x) & EXFLAG_KUSAGE) != 0;
  if (role == Role::kLeaf) {
    if (bc && bc->ca) {
      Add(out, Reason::kCaAsLeaf, x, depth,
          "is a CA certificate (basicConstraints cA=TRUE) used as a server certificate "
          "(CA/B BR 7.1.2.7.8)");
    }
    if (has_ku && (ku & KU_KEY_CERT_SIGN) != 0) {
      Add(out, Reason::kCaAsLeaf, x, depth,
          "is a server certificate whose keyUsage allows certificate signing (CA/B BR 7.1.2.7.11)");
    }
    return;
  }
  if (!bc_ext.present) {
    Add(out, Reason::kBasicConstraints, x, depth,
        "is a CA certificate without basicConstraints (RFC 5280 4.2.1.9)");
  } else if (!bc_ext.critical) {
    Add(out, Reason::kBasicConstraints, x, depth,
        "is a CA certificate whose basicConstraints is not critical (RFC 5280 4.2.1.9)");
  }
  if (bc && !bc->ca && bc->pathlen != nullptr) {
    Add(out, Reason::kBasicConstraints, x, depth,
        "sets a path length without cA=TRUE (RFC 5280 4.2.1.9)");
  }
  if (has_ku && (ku & KU_KEY_CERT_SIGN) == 0) {
    Add(out, Reason::kKeyUsage, x, depth,
        "is a CA certificate whose keyUsage does not allow certificate signing "
        "(RFC 5280 4.2.1.3)");
  }
  ExtensionPresence pc = FindExtension(x, NID_policy_constraints);
  if (pc.present && !pc.critical) {
    Add(out, Reason::kExtensionCriticality, x, depth,
        "has a non-critical policyConstraints extension (RFC 5280 4.2.1.11)");
  }
  if (role == Role::kAnchor && FindExtension(x, NID_ext_key_usage).present) {
    Add(out, Reason::kCaEku, x, depth,
        "is a root with an extendedKeyUsage extension (CA/B BR 7.1.2.1.2)");
  }
}

void CheckAia(X509* x, int depth, std::vector<Finding>& out) {
  ExtensionPresence aia_ext = FindExtension(x, NID_info_access);
  if (!aia_ext.present) return;
  if (aia_ext.critical) {
    Add(out, Reason::kExtensionCriticality, x, depth,
        "marks authorityInfoAccess critical (RFC 5280 4.2.2.1)");
  }
  int crit = -1;
  ossl::AuthorityInfoAccessPtr aia(
      static_cast<AUTHORITY_INFO_ACCESS*>(X509_get_ext_d2i(x, NID_info_access, &crit, nullptr)));
  if (!aia || sk_ACCESS_DESCRIPTION_num(aia.get()) == 0) {
    Add(out, Reason::kMalformed, x, depth,
        "has a malformed or empty authorityInfoAccess extension (CA/B BR 7.1.2.7.7)");
  }
}

// CA/B BR 7.1.4.3: the CN repeats one SAN entry. Why the CN is not acceptable, or nullopt.
// An IP address (in any notation a resolver accepts) must be the canonical text of a SAN
// iPAddress; a host name must be a character-for-character copy of a SAN dNSName. Two
// tolerances, because the phone never matches the CN of a certificate that has a SAN: a host
// name that is a parent domain of a SAN dNSName ("example.com" beside "*.example.com"), and a
// host name in a certificate whose SAN holds no dNSName at all.
std::optional<std::string> CommonNameProblem(const std::string& cn, const SanNames& san) {
  in_addr v4{};
  in6_addr v6{};
  std::string bytes;
  if (inet_aton(cn.c_str(), &v4) != 0) {
    bytes.assign(reinterpret_cast<const char*>(&v4), 4);
  } else if (inet_pton(AF_INET6, cn.c_str(), &v6) == 1) {
    bytes.assign(reinterpret_cast<const char*>(&v6), 16);
  }
  if (!bytes.empty()) {
    if (CanonicalIpText(bytes) != cn) return "an IP address not written in its canonical form";
    if (std::find(san.ip.begin(), san.ip.end(), bytes) == san.ip.end()) {
      return "an IP address that is not a subjectAltName iPAddress";
    }
    return std::nullopt;
  }
  if (std::find(san.dns.begin(), san.dns.end(), cn) != san.dns.end()) return std::nullopt;
  for (const auto& d : san.dns) {
    if (MatchDnsName(d, cn) || MatchDnsName(cn, d)) {
      return "which names a subjectAltName entry but is not a character-for-character copy of it";
    }
  }
  if (std::any_of(cn.begin(), cn.end(), [](char c) { return static_cast<unsigned char>(c) > 0x7f; })) {
    return "which is not an ASCII (A-label) host name";
  }
  if (san.dns.empty()) return std::nullopt;
  for (const auto& d : san.dns) {
    std::string_view name = d;
    if (name.starts_with("*.")) name.remove_prefix(2);
    if (name == cn || (name.size() > cn.size() && name.ends_with(cn) &&
                       name[name.size() - cn.size() - 1] == '.')) {
      return std::nullopt;
    }
  }
  return "which is not one of the subjectAltName entries";
}

void CheckLeafNames(X509* x, std::vector<Finding>& out) {
  const int depth = 0;
  ExtensionPresence eku = FindExtension(x, NID_ext_key_usage);
  if (!eku.present) {
    Add(out, Reason::kEkuMissing, x, depth,
        "has no extendedKeyUsage; the public web requires serverAuth in it (CA/B BR 7.1.2.7.10)");
  } else {
    if (eku.critical) {
      Add(out, Reason::kEkuCritical, x, depth,
          "marks extendedKeyUsage critical (CA/B BR 7.1.2.7.6)");
    }
    if ((X509_get_extended_key_usage(x) & XKU_ANYEKU) != 0) {
      Add(out, Reason::kEkuAny, x, depth,
          "asserts anyExtendedKeyUsage, which the public web forbids (CA/B BR 7.1.2.7.10)");
    }
  }

  SanNames san = ReadSanNames(x);
  ExtensionPresence san_ext = FindExtension(x, NID_subject_alt_name);
  bool empty_subject = X509_NAME_entry_count(X509_get_subject_name(x)) == 0;
  if (!san.extension_present) {
    Add(out, Reason::kSanMissing, x, depth,
        "has no subjectAltName; the public web names servers only there (CA/B BR 7.1.2.7.12)");
  } else if (!san.decodes) {
    Add(out, Reason::kMalformed, x, depth, "has a subjectAltName extension that does not decode");
  } else if (san_ext.critical != empty_subject) {
    Add(out, Reason::kExtensionCriticality, x, depth,
        empty_subject ? "has an empty subject and a non-critical subjectAltName (RFC 5280 4.2.1.6)"
                      : "marks subjectAltName critical although its subject is not empty "
                        "(CA/B BR 7.1.2.7.12)");
  }
  for (const auto& d : san.dns) {
    if (!IsValidPresentedDnsName(d)) {
      Add(out, Reason::kInvalidSan, x, depth,
          "has the subjectAltName dNSName \"" + d + "\", which is not a valid host name");
    }
  }
  for (const auto& ip : san.ip) {
    if (ip.size() != 4 && ip.size() != 16) {
      Add(out, Reason::kInvalidSan, x, depth,
          "has a subjectAltName iPAddress of " + std::to_string(ip.size()) +
              " bytes; an address has 4 or 16");
    }
  }
  std::vector<std::string> cns = SubjectCommonNames(x);
  if (cns.size() > 1) {
    Add(out, Reason::kCnNotInSan, x, depth,
        "has more than one subject commonName (CA/B BR 7.1.4.3)");
  }
  for (const auto& cn : cns) {
    if (auto problem = CommonNameProblem(cn, san)) {
      Add(out, Reason::kCnNotInSan, x, depth,
          "has the subject commonName \"" + cn + "\", " + *problem + " (CA/B BR 7.1.4.3)");
    }
  }
}

}  // namespace

void CheckPublicWebProfile(const std::vector<X509*>& chain, bool anchored,
                           std::vector<Finding>& out) {
  const int n = static_cast<int>(chain.size());
  for (int i = 0; i < n; ++i) {
    X509* x = chain[static_cast<std::size_t>(i)];
    Role role = i == 0 ? Role::kLeaf : (anchored && i == n - 1 ? Role::kAnchor : Role::kIntermediate);
    if (X509_get_version(x) != X509_VERSION_3) {
      Add(out, Reason::kV1Certificate, x, i,
          "is X.509 version " + std::to_string(X509_get_version(x) + 1) +
              "; the public web requires version 3 (CA/B BR 7.1.1)");
    }
    CheckKey(x, i, out);
    if (role != Role::kAnchor) {
      CheckSerial(x, i, out);
      CheckSignatureAlgorithm(x, i, out);
      CheckAia(x, i, out);
    }
    CheckKeyIdentifiers(x, role, i, out);
    CheckCaExtensions(x, role, i, out);
    if (role == Role::kLeaf) CheckLeafNames(x, out);
  }
}

}  // namespace phonecert
