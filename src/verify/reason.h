#pragma once
// Reason: why a server certificate chain is not trusted. Stable codes, like Chromium's
// VerifyError status: the string of each code (ReasonName) is part of the CLI's --json output, the
// log keys and the counters, and never changes once released. The human sentence that goes with
// a reason is built by the verifier (it names the certificate and the values involved).
#include <cstddef>
#include <string_view>

namespace phonecert {

enum class Reason : unsigned char {
  // path building and trust
  kUntrustedRoot,       // the chain ends in a self-signed certificate that is no selected anchor
  kMissingIssuer,       // an issuer was neither sent nor among the anchors
  kSelfSigned,          // the server sent a lone self-signed certificate that is not trusted
  kBadSignature,        // a signature does not verify, or an issuer key cannot be decoded
  kChainTooLong,        // more intermediates than the policy's max_depth
  kPathLength,          // an intermediate's pathLenConstraint is exceeded
  kNotCa,               // an issuing certificate is not a CA (basicConstraints cA missing)
  kRevoked,             // a CRL that was supplied lists the certificate
  kCrlInvalid,          // a supplied CRL cannot be used (signature, issuer rights, fields)
  kPolicy,              // certificate policies / policy constraints processing failed
  // time
  kExpired,
  kNotYetValid,
  kClockUnset,          // the check time is before the policy's clock floor (2020-01-01)
  // the name and the purpose
  kNameMismatch,        // the expected host/IP is not named by the certificate
  kBadEku,              // extendedKeyUsage present without the required purpose (or empty)
  kEkuMissing,          // strict: the leaf has no extendedKeyUsage
  kEkuAny,              // strict: the leaf asserts anyExtendedKeyUsage
  kEkuCritical,         // strict: the leaf's extendedKeyUsage is critical
  kCaEku,               // strict: the root carries an extendedKeyUsage
  kNameConstraints,     // a name violates (or a constraint is itself invalid / misplaced)
  // structure and encoding
  kMalformed,           // a certificate or extension does not decode, or is duplicated
  kCriticalExtensionUnknown,
  kExtensionCriticality,  // a known extension has the wrong criticality (AIA, SAN, PC, ...)
  kEmptyName,           // empty issuer, or empty subject where one is required
  kSignatureAlgorithm,  // outer and inner signature algorithms differ
  kCaAsLeaf,            // the leaf is a CA (cA=TRUE or keyCertSign)
  kBasicConstraints,    // CA without (critical) basicConstraints, pathLen on a non-CA, ...
  kKeyUsage,            // CA without keyCertSign, or key usage unfit for a TLS server
  // strict public-web profile (CA/Browser Forum, webpki)
  kV1Certificate,       // not an X.509 v3 certificate
  kWeakKey,             // RSA below 2048 bits or not a multiple of 8
  kKeyAlgorithm,        // key type or curve not allowed (DSA, P-192, Ed25519, ...)
  kExplicitCurve,       // EC key with explicit curve parameters
  kBadSerial,           // serial number zero, negative, or longer than 20 octets
  kAkiSki,              // authority/subject key identifier missing, critical or inconsistent
  kSanMissing,          // the leaf has no subjectAltName
  kInvalidSan,          // a subjectAltName entry is not a valid DNS name / IP address
  kCnNotInSan,          // the subject CN is not a copy of one SAN entry
  // anything else
  kInternal,
};

inline constexpr std::size_t kReasonCount = static_cast<std::size_t>(Reason::kInternal) + 1;

// "untrusted_root", "expired", ...: stable, lower case, never changes once released.
std::string_view ReasonName(Reason reason);

}  // namespace phonecert
