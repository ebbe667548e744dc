#pragma once
// The checks the verifier applies on top of OpenSSL to a built path, for both profiles:
// validity periods (inclusive), purpose (EKU and key usage), depth, supplied CRLs' structure,
// key size floor for private PKIs, and the host name. Each appends Findings; none throws.
#include <openssl/x509.h>

#include <string>
#include <vector>

#include "base/time.h"
#include "verify/policy.h"
#include "verify/result.h"

namespace phonecert {

// notBefore <= t <= notAfter for every certificate (RFC 5280 4.1.2.5: both ends inclusive).
void CheckValidity(const std::vector<X509*>& chain, TimePoint t, std::vector<Finding>& out);

// The leaf's extendedKeyUsage (when present) must allow the required purpose (anyEKU counts only
// in the private profile) and its keyUsage (when present) must allow a TLS server key exchange
// or signature; an intermediate's extendedKeyUsage (when present) must allow the purpose too.
void CheckPurpose(const std::vector<X509*>& chain, bool anchored, const VerifyPolicy& policy,
                  Profile profile, std::vector<Finding>& out);

// Intermediates between leaf and anchor, self-issued ones not counted, against max_depth.
void CheckDepth(const std::vector<X509*>& chain, bool anchored, int max_depth,
                std::vector<Finding>& out);

// A supplied CRL issued by a certificate of the path must be v2 with a non-critical CRLNumber
// (RFC 5280 5.2.3); OpenSSL checks signature, issuer rights, dates and the serial.
void CheckCrlStructure(const std::vector<X509*>& chain, const std::vector<X509_CRL*>& crls,
                       std::vector<Finding>& out);

// Private profile only: RSA keys below 1024 bits are refused even in enterprise PKIs.
void CheckMinimumKeySize(const std::vector<X509*>& chain, std::vector<Finding>& out);

// The leaf must name `expected` (name_match.h); CN fallback only in the private profile.
void CheckName(X509* leaf, const std::string& expected, Profile profile, std::vector<Finding>& out);

// Appends `f` unless a finding with the same reason and depth is already there.
void AddOnce(std::vector<Finding>& out, Finding f);

}  // namespace phonecert
