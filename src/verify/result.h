#pragma once
// VerifyResult: the verdict on one server chain, in two levels (as Chromium's pki/ does):
// `findings` is the full diagnostic list, one entry per failed rule with the depth of the
// certificate and a sentence; `reasons` flattens it into the stable codes, and `text` is one
// sentence for people (nobody parses it).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "trust/anchor.h"
#include "verify/reason.h"
#include "x509/certificate.h"

namespace phonecert {

enum class Verdict {
  kTrusted,           // every check passed
  kNotTrusted,        // at least one reason, and Only Accept Trusted Certificates is on
  kProceedUntrusted,  // at least one reason, but the policy lets the connection go on
};
// "trusted", "not_trusted", "proceed_untrusted".
std::string_view VerdictName(Verdict verdict);

enum class Profile { kPublicWeb, kPrivatePki };
// "public_web", "private_pki".
std::string_view ProfileName(Profile profile);

struct Finding {
  Reason reason = Reason::kInternal;
  std::optional<int> depth;  // 0 = leaf; none when the finding is about no one certificate
  std::string sentence;      // "certificate 0 (CN=server.test) expired on 2002-01-01"
};

struct VerifyResult {
  Verdict verdict = Verdict::kNotTrusted;
  std::vector<Reason> reasons;       // distinct, in the order found; empty iff trusted
  std::vector<Finding> findings;     // every failed rule, in the order found
  std::optional<int> failing_depth;  // depth of the first finding that names a certificate
  std::string text;                  // one sentence for people
  // The path that was checked, leaf first; ends in the anchor when one was reached.
  std::vector<Certificate> chain;
  std::optional<AnchorSource> anchor_source;  // set when the path reached a selected anchor
  Profile profile = Profile::kPrivatePki;     // the rule set that was applied

  bool trusted() const { return verdict == Verdict::kTrusted; }
  bool Has(Reason reason) const;
};

}  // namespace phonecert
