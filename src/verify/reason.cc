#include "verify/reason.h"

namespace phonecert {

std::string_view ReasonName(Reason reason) {
  switch (reason) {
    case Reason::kUntrustedRoot: return "untrusted_root";
    case Reason::kMissingIssuer: return "missing_issuer";
    case Reason::kSelfSigned: return "self_signed";
    case Reason::kBadSignature: return "bad_signature";
    case Reason::kChainTooLong: return "chain_too_long";
    case Reason::kPathLength: return "path_length";
    case Reason::kNotCa: return "not_ca";
    case Reason::kRevoked: return "revoked";
    case Reason::kCrlInvalid: return "crl_invalid";
    case Reason::kPolicy: return "policy";
    case Reason::kExpired: return "expired";
    case Reason::kNotYetValid: return "not_yet_valid";
    case Reason::kClockUnset: return "clock_unset";
    case Reason::kNameMismatch: return "name_mismatch";
    case Reason::kBadEku: return "bad_eku";
    case Reason::kEkuMissing: return "eku_missing";
    case Reason::kEkuAny: return "eku_any";
    case Reason::kEkuCritical: return "eku_critical";
    case Reason::kCaEku: return "ca_eku";
    case Reason::kNameConstraints: return "name_constraints";
    case Reason::kMalformed: return "malformed";
    case Reason::kCriticalExtensionUnknown: return "critical_extension_unknown";
    case Reason::kExtensionCriticality: return "extension_criticality";
    case Reason::kEmptyName: return "empty_name";
    case Reason::kSignatureAlgorithm: return "signature_algorithm";
    case Reason::kCaAsLeaf: return "ca_as_leaf";
    case Reason::kBasicConstraints: return "basic_constraints";
    case Reason::kKeyUsage: return "key_usage";
    case Reason::kV1Certificate: return "v1_certificate";
    case Reason::kWeakKey: return "weak_key";
    case Reason::kKeyAlgorithm: return "key_algorithm";
    case Reason::kExplicitCurve: return "explicit_curve";
    case Reason::kBadSerial: return "bad_serial";
    case Reason::kAkiSki: return "aki_ski";
    case Reason::kSanMissing: return "san_missing";
    case Reason::kInvalidSan: return "invalid_san";
    case Reason::kCnNotInSan: return "cn_not_in_san";
    case Reason::kInternal: return "internal";
  }
  return "internal";
}

}  // namespace phonecert
