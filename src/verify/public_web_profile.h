#pragma once
// The strict public-web profile: the CA/Browser Forum Baseline Requirements and webpki rules
// that plain OpenSSL (even with X509_V_FLAG_X509_STRICT) does not enforce. Applied by the
// verifier to a path that OpenSSL has built and that ends in a built-in (public) anchor.
//
// Rules, by role (leaf = depth 0, anchor = the last certificate, intermediates between):
//  - every certificate: X.509 v3; RSA keys of at least 2048 bits and a multiple of 8; EC keys
//    on P-256, P-384 or P-521 with a named curve; no other key types; AKI/SKI not critical.
//  - leaf and intermediates: an AKI with a keyIdentifier unless self-signed (the anchor is
//    trusted by configuration, so a cross-signed anchor may lack it).
//  - leaf and intermediates: serial number positive, non-zero, at most 20 octets; signature
//    algorithm RSA PKCS#1 / PSS or ECDSA with SHA-256/384/512; AIA, when present, non-critical
//    and non-empty.
//  - CA certificates (intermediates, anchor): basicConstraints present, critical, cA=TRUE;
//    keyUsage, when present, with keyCertSign; SKI present; policyConstraints critical; a self-signed
//    anchor's AKI, when present, holds only a keyIdentifier equal to its SKI; the anchor has no
//    extendedKeyUsage.
//  - leaf: not a CA (cA=FALSE, no keyCertSign); extendedKeyUsage present, non-critical, without
//    anyExtendedKeyUsage; subjectAltName present, non-critical unless the subject is empty,
//    every dNSName valid (name_match.h IsValidPresentedDnsName), every iPAddress 4 or 16 bytes;
//    at most one subject CN, and it is a character-for-character copy of a SAN dNSName or the
//    canonical text of a SAN iPAddress (CA/B BR 7.1.4.3), with two tolerances that cost nothing
//    because the phone never matches the CN of a certificate with a SAN: a host-name CN that is
//    a parent domain of a SAN dNSName, and a host-name CN when the SAN holds no dNSName.
// Name constraints (including the strict rules on the constraints themselves) are checked in
// name_constraints.h; time, EKU purpose and the host name by the verifier for both profiles.
#include <openssl/x509.h>

#include <vector>

#include "verify/result.h"

namespace phonecert {

// `chain` is leaf first; `anchored` says the last certificate is the trust anchor.
void CheckPublicWebProfile(const std::vector<X509*>& chain, bool anchored,
                           std::vector<Finding>& out);

}  // namespace phonecert
