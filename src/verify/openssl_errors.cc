#include "verify/openssl_errors.h"

#include <openssl/x509_vfy.h>

namespace phonecert {

bool IsCertificateTimeError(int e) {
  return e == X509_V_ERR_CERT_NOT_YET_VALID || e == X509_V_ERR_CERT_HAS_EXPIRED;
}

MappedError MapX509Error(int e) {
  std::string openssl = X509_verify_cert_error_string(e);
  switch (e) {
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT:
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
    case X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE:
      return {Reason::kMissingIssuer,
              "has an issuer that the server did not send and that is not a selected trust "
              "anchor (a missing intermediate certificate, or an untrusted CA)"};
    case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT:
      return {Reason::kSelfSigned, "is self-signed and is not a selected trust anchor"};
    case X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN:
    case X509_V_ERR_CERT_UNTRUSTED:
    case X509_V_ERR_CERT_REJECTED:
      return {Reason::kUntrustedRoot, "is a root that is not a selected trust anchor"};
    case X509_V_ERR_CERT_SIGNATURE_FAILURE:
    case X509_V_ERR_UNABLE_TO_DECRYPT_CERT_SIGNATURE:
    case X509_V_ERR_UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY:
    case X509_V_ERR_NO_ISSUER_PUBLIC_KEY:
    case X509_V_ERR_UNSUPPORTED_SIGNATURE_ALGORITHM:
      return {Reason::kBadSignature, "has a signature that does not verify (" + openssl + ")"};
    case X509_V_ERR_SIGNATURE_ALGORITHM_MISMATCH:
    case X509_V_ERR_SIGNATURE_ALGORITHM_INCONSISTENCY:
    case X509_V_ERR_CA_MD_TOO_WEAK:
      return {Reason::kSignatureAlgorithm, "has an unacceptable signature algorithm (" + openssl + ")"};
    case X509_V_ERR_EE_KEY_TOO_SMALL:
    case X509_V_ERR_CA_KEY_TOO_SMALL:
      return {Reason::kWeakKey, "has a key that is too small (" + openssl + ")"};
    case X509_V_ERR_EC_KEY_EXPLICIT_PARAMS:
      return {Reason::kExplicitCurve, "has an EC key with explicit curve parameters"};
    case X509_V_ERR_CERT_CHAIN_TOO_LONG:
      return {Reason::kChainTooLong, "makes the chain longer than allowed"};
    case X509_V_ERR_PATH_LENGTH_EXCEEDED:
      return {Reason::kPathLength, "has more CA certificates below it than its pathLenConstraint allows"};
    case X509_V_ERR_INVALID_CA:
    case X509_V_ERR_KEYUSAGE_NO_CERTSIGN:
      return {Reason::kNotCa, "issues certificates but is not a valid CA certificate (" + openssl + ")"};
    case X509_V_ERR_INVALID_PURPOSE:
      return {Reason::kBadEku, "is not valid for TLS server authentication (extendedKeyUsage or keyUsage)"};
    case X509_V_ERR_UNHANDLED_CRITICAL_EXTENSION:
      return {Reason::kCriticalExtensionUnknown, "has a critical extension the phone does not know"};
    case X509_V_ERR_PERMITTED_VIOLATION:
    case X509_V_ERR_EXCLUDED_VIOLATION:
    case X509_V_ERR_SUBTREE_MINMAX:
    case X509_V_ERR_UNSUPPORTED_CONSTRAINT_TYPE:
    case X509_V_ERR_UNSUPPORTED_CONSTRAINT_SYNTAX:
    case X509_V_ERR_UNSUPPORTED_NAME_SYNTAX:
      return {Reason::kNameConstraints, "violates a name constraint of an issuing CA (" + openssl + ")"};
    case X509_V_ERR_CERT_REVOKED:
      return {Reason::kRevoked, "is revoked by its issuer's CRL"};
    case X509_V_ERR_UNABLE_TO_GET_CRL:
    case X509_V_ERR_UNABLE_TO_DECRYPT_CRL_SIGNATURE:
    case X509_V_ERR_CRL_SIGNATURE_FAILURE:
    case X509_V_ERR_CRL_NOT_YET_VALID:
    case X509_V_ERR_CRL_HAS_EXPIRED:
    case X509_V_ERR_ERROR_IN_CRL_LAST_UPDATE_FIELD:
    case X509_V_ERR_ERROR_IN_CRL_NEXT_UPDATE_FIELD:
    case X509_V_ERR_UNABLE_TO_GET_CRL_ISSUER:
    case X509_V_ERR_KEYUSAGE_NO_CRL_SIGN:
    case X509_V_ERR_UNHANDLED_CRITICAL_CRL_EXTENSION:
    case X509_V_ERR_DIFFERENT_CRL_SCOPE:
    case X509_V_ERR_CRL_PATH_VALIDATION_ERROR:
      return {Reason::kCrlInvalid, "cannot be checked against the supplied CRL (" + openssl + ")"};
    case X509_V_ERR_INVALID_POLICY_EXTENSION:
    case X509_V_ERR_NO_EXPLICIT_POLICY:
      return {Reason::kPolicy, "fails certificate policy processing (" + openssl + ")"};
    case X509_V_ERR_PATHLEN_INVALID_FOR_NON_CA:
    case X509_V_ERR_PATHLEN_WITHOUT_KU_KEY_CERT_SIGN:
    case X509_V_ERR_CA_BCONS_NOT_CRITICAL:
      return {Reason::kBasicConstraints, "has invalid basicConstraints (" + openssl + ")"};
    case X509_V_ERR_KU_KEY_CERT_SIGN_INVALID_FOR_NON_CA:
    case X509_V_ERR_CA_CERT_MISSING_KEY_USAGE:
    case X509_V_ERR_KEYUSAGE_NO_DIGITAL_SIGNATURE:
      return {Reason::kKeyUsage, "has an invalid keyUsage (" + openssl + ")"};
    case X509_V_ERR_ISSUER_NAME_EMPTY:
    case X509_V_ERR_SUBJECT_NAME_EMPTY:
      return {Reason::kEmptyName, "has an empty name (" + openssl + ")"};
    case X509_V_ERR_EMPTY_SUBJECT_SAN_NOT_CRITICAL:
      return {Reason::kExtensionCriticality, "has an empty subject and a non-critical subjectAltName"};
    case X509_V_ERR_MISSING_AUTHORITY_KEY_IDENTIFIER:
    case X509_V_ERR_MISSING_SUBJECT_KEY_IDENTIFIER:
    case X509_V_ERR_AUTHORITY_KEY_IDENTIFIER_CRITICAL:
    case X509_V_ERR_SUBJECT_KEY_IDENTIFIER_CRITICAL:
    case X509_V_ERR_AKID_SKID_MISMATCH:
    case X509_V_ERR_AKID_ISSUER_SERIAL_MISMATCH:
      return {Reason::kAkiSki, "has invalid key identifiers (" + openssl + ")"};
    case X509_V_ERR_ERROR_IN_CERT_NOT_BEFORE_FIELD:
    case X509_V_ERR_ERROR_IN_CERT_NOT_AFTER_FIELD:
    case X509_V_ERR_EMPTY_SUBJECT_ALT_NAME:
    case X509_V_ERR_EXTENSIONS_REQUIRE_VERSION_3:
    case X509_V_ERR_INVALID_EXTENSION:
    case X509_V_ERR_INVALID_NON_CA:
    case X509_V_ERR_UNSUPPORTED_EXTENSION_FEATURE:
    case X509_V_ERR_PROXY_CERTIFICATES_NOT_ALLOWED:
      return {Reason::kMalformed, "is malformed (" + openssl + ")"};
    default:
      return {Reason::kInternal, "could not be verified (" + openssl + ")"};
  }
}

}  // namespace phonecert
