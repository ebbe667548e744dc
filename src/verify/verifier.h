#pragma once
// Verifier: decides whether the phone trusts a server, given the chain the server sent.
//
// What it does, in order:
//  1. OpenSSL builds the path from the leaf through the peer's other certificates (untrusted
//     intermediates, in any order, extras ignored) to an anchor of the selection that
//     policy.ca_selection names in request.snapshot, and checks signatures, basicConstraints,
//     pathLen, name constraints, unknown critical extensions, key usage for the purpose, the
//     RFC 5280 structure rules (X509_V_FLAG_X509_STRICT) and supplied CRLs. An untrusted
//     partial chain is never accepted: the path must end in a selected anchor. When the path
//     OpenSSL built fails (its checks or ours), alternatives are tried, at most 8 attempts in all:
//     without each peer certificate the failed path used, and, only when the snapshot holds an
//     anchor that is not self-signed (a cross-signed or intermediate anchor, which OpenSSL takes
//     only with X509_V_FLAG_PARTIAL_CHAIN), with that flag. The first attempt's findings are
//     reported when none succeeds.
//  2. Validity periods are checked by us at request.check_time, inclusively (notBefore <= t <=
//     notAfter, RFC 5280 4.1.2.5), for every certificate of the path, anchor included. A check
//     time before policy.clock_floor adds Reason::kClockUnset and says the clock is not set.
//  3. The leaf's extendedKeyUsage, when present, must allow policy.required_eku.
//  4. The profile: a path that ends in a built-in anchor is held to the public-web profile
//     (public_web_profile.h); one that ends in a custom anchor to RFC 5280 + RFC 2818. A path
//     that reached no anchor is reported under the private profile's rules.
//  5. With policy.cn_validation and a non-empty request.expected_name, the leaf must name it
//     (name_match.h); CN fallback only in the private profile and only without any SAN.
//
// What the caller must still do:
//  - pass the name it meant to reach (from its configuration or URL), never a name resolved
//    from an address or taken from the certificate; an empty expected_name means "no name check"
//    even when cn_validation is on, so a caller that has a name must pass it;
//  - pass the time from its Clock; the verifier never reads the wall clock;
//  - decide what kProceedUntrusted means for its connection (the TLS layer continues, and the
//    result is logged and counted either way);
//  - revocation: only CRLs given in the request are checked; nothing is fetched (no OCSP).
//
// Thread safety: Verify may be called from many threads at once; each call holds the snapshot's
// shared_ptr for its duration and touches the shared X509_STORE read-only. Counters are atomic.
#include <openssl/x509.h>

#include <memory>
#include <string>
#include <vector>

#include "base/time.h"
#include "trust/snapshot.h"
#include "verify/counters.h"
#include "verify/policy.h"
#include "verify/result.h"
#include "x509/certificate.h"

namespace phonecert {

struct VerifyRequest {
  std::vector<Certificate> peer_chain;  // leaf first, then whatever the server sent
  std::string expected_name;            // DNS name or IP literal the phone meant to reach
  TimePoint check_time;
  std::shared_ptr<const TrustSnapshot> snapshot;
  std::vector<X509_CRL*> crls;          // borrowed; when non-empty, the leaf is checked against them
};

// One verification, without counters.
VerifyResult VerifyServerChain(const VerifyRequest& request, const VerifyPolicy& policy);

// A verifier that counts: every result is recorded in its counters.
class Verifier {
 public:
  VerifyResult Verify(const VerifyRequest& request, const VerifyPolicy& policy);
  const VerifyCounters& counters() const { return counters_; }

 private:
  VerifyCounters counters_;
};

}  // namespace phonecert
