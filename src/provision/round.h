#pragma once
// One auto-provisioning round (issue 5; PARAMETERS.md "Provisioning file syntax"):
//   1. fetch y000000000000.cfg, then <mac>.cfg (12 lower-case hex digits) from the server URL
//      (RoundOptions::url, else static.auto_provision.server.url); a file that is not found is
//      fine, a file refused by the reader (no #!version:1.0.0.1 line) fails the round;
//   2. apply the common file, then the MAC file, to the current settings (diagnostics kept);
//   3. the delete actions (static.trusted_certificates.delete / static.server_certificates.delete
//      = http://localhost/all), then the downloads of static.trusted_certificates.url (custom
//      CAs) and static.server_certificates.url (custom device certificate), as the settings
//      stand after step 2;
//   4. only when everything above succeeded: commit (round_commit.h).
// All or nothing: a network error, a time-out, an untrusted HTTPS server (Only Accept Trusted
// Certificates on), a file over the size cap, a certificate URL that is not found or cannot be
// fetched, content refused (a bad certificate, an 11th custom CA) each fail the round before
// anything is written, and the report names the step and the reason.
//
// Every transfer of the round uses the settings and trust anchors in force when the round
// started (a CA delivered by this round protects the next round), the auto_provision service's
// trust settings (per-service overrides honoured) and the round's `now` as the check time.
// Credentials (static.auto_provision.server.username / .password) are sent to the provisioning
// server only (same scheme, host and port), never to another host named by a certificate URL.
//
// The caller holds the state directory's lock for the whole round (RunRoundOnState in
// state_round.h does it for the daemon's State).
#include <string>

#include "base/time.h"
#include "provision/fetcher.h"
#include "provision/round_commit.h"
#include "provision/round_report.h"
#include "verify/verifier.h"

namespace phonecert::provision {

inline constexpr std::string_view kCommonFileName = "y000000000000.cfg";

struct RoundOptions {
  std::string url;        // empty: static.auto_provision.server.url
  std::string mac;        // any usual form (NormalizeMac); empty: no <mac>.cfg is fetched
  TimePoint now;          // check time for certificates; the report's start time
  FetchLimits limits;     // per file: time-outs, size cap, redirects
  Verifier* verifier = nullptr;  // optional: counts the TLS verifications
};

RoundReport RunRound(RoundStores stores, const RoundOptions& options);

}  // namespace phonecert::provision
