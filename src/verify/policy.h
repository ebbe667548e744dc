#pragma once
// VerifyPolicy: what the phone's settings ask of a server certificate, as named fields.
// Built from the settings (static.security.*) by the caller; the verifier reads nothing else.
#include <chrono>

#include "base/time.h"
#include "trust/anchor.h"

namespace phonecert {

// The purpose the leaf (and, through OpenSSL's purpose chaining, the intermediates) must allow.
enum class RequiredEku { kServerAuth, kClientAuth, kNone };

// Which rule set applies. kAutomatic is what the phone uses: a chain that ends in a built-in
// (public) anchor gets the strict public-web profile, one that ends in a custom (enterprise)
// anchor gets RFC 5280 + RFC 2818. The forced values exist for diagnostics
// (`phonecert verify --profile`) and tests.
enum class ProfileSelection { kAutomatic, kPublicWeb, kPrivatePki };

// 2020-01-01T00:00:00Z: a check time before this means the phone's clock was never set.
inline constexpr TimePoint kDefaultClockFloor{std::chrono::seconds{1577836800}};

struct VerifyPolicy {
  // static.security.trust_certificates. false: the verdict becomes kProceedUntrusted instead of
  // kNotTrusted; the reasons are computed and counted all the same.
  bool only_trusted = true;
  // static.security.cn_validation: check the expected name against the certificate.
  bool cn_validation = false;
  // static.security.ca_cert: which anchors may end the chain.
  CaSelection ca_selection = CaSelection::kAll;
  // Most intermediates allowed between the leaf and the anchor; self-issued intermediates
  // (key rollover) do not count, as in RFC 5280 pathLen.
  int max_depth = 8;
  RequiredEku required_eku = RequiredEku::kServerAuth;
  ProfileSelection profile = ProfileSelection::kAutomatic;
  // A check time earlier than this gives Reason::kClockUnset. Conformance harnesses that replay
  // historic times set it to TimePoint::min().
  TimePoint clock_floor = kDefaultClockFloor;
};

}  // namespace phonecert
