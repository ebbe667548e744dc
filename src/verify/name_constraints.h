#pragma once
// Name-constraint rules the verifier adds to OpenSSL's (which already applies the DNS, IP, email,
// URI and directoryName subtrees of every CA in the path to the names of the certificates below,
// and to the leaf's CN when it has no DNS SAN):
//  - both profiles: a wildcard SAN "*.X" in the leaf is refused when any name it could match lies
//    in an excluded DNS subtree, or outside every permitted DNS subtree (CVE-2025-61727: a
//    validator must not let a wildcard slip past a constraint that its literal text escapes);
//    an iPAddress constraint must be an address and a contiguous mask (8 or 32 bytes); a DNS
//    constraint must hold no "*"; a leaf must not carry nameConstraints at all.
//  - strict profile only: a DNS constraint must not start with "." (RFC 5280 4.2.1.10 allows
//    that only for URIs; OpenSSL, and private PKIs following its documentation, use it, so the
//    private profile keeps OpenSSL's reading), and a nameConstraints extension must hold at
//    least one non-empty subtree list (CA/B BR 7.1.2.5.2).
#include <openssl/x509.h>

#include <vector>

#include "verify/result.h"

namespace phonecert {

struct NameConstraintOptions {
  bool strict = false;  // the public-web profile's extra rules
};

// `chain` is leaf first, as built by OpenSSL.
void CheckNameConstraints(const std::vector<X509*>& chain, const NameConstraintOptions& options,
                          std::vector<Finding>& out);

}  // namespace phonecert
