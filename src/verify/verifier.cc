#include "verify/verifier.h"

#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>

#include <algorithm>
#include <optional>

#include "ossl/error.h"
#include "ossl/ptr.h"
#include "verify/cert_facts.h"
#include "verify/chain_checks.h"
#include "verify/name_constraints.h"
#include "verify/openssl_errors.h"
#include "verify/public_web_profile.h"

namespace phonecert {
namespace {

// OpenSSL's own depth limit: a bound on path-building work, above any sensible policy.
constexpr int kOpenSslDepthCap = 64;
// Path-building attempts per verification (the first plus alternatives after a failure).
constexpr int kMaxAttempts = 8;

struct OpenSslError {
  int depth = 0;
  int error = 0;
  X509* cert = nullptr;  // borrowed from the store context's chain
};

int CollectorIndex() {
  static const int index = X509_STORE_CTX_get_ex_new_index(0, nullptr, nullptr, nullptr, nullptr);
  return index;
}

// OpenSSL errors the verifier decides itself: validity periods (checked inclusively, with the
// clock-unset reason) and a CA without keyUsage (RFC 5280 6.1 does not require one, and neither
// do the web's verifiers; a keyUsage that is present must still allow keyCertSign).
bool DecidedByUs(int err) {
  return IsCertificateTimeError(err) || err == X509_V_ERR_CA_CERT_MISSING_KEY_USAGE;
}

int VerifyCallback(int ok, X509_STORE_CTX* ctx) {
  if (ok) return 1;
  int err = X509_STORE_CTX_get_error(ctx);
  if (DecidedByUs(err)) return 1;
  auto* errors =
      static_cast<std::vector<OpenSslError>*>(X509_STORE_CTX_get_ex_data(ctx, CollectorIndex()));
  if (errors) {
    errors->push_back(
        {X509_STORE_CTX_get_error_depth(ctx), err, X509_STORE_CTX_get_current_cert(ctx)});
  }
  return 0;
}

struct BorrowedX509Stack {
  void operator()(STACK_OF(X509) * s) const noexcept { sk_X509_free(s); }
};
struct BorrowedCrlStack {
  void operator()(STACK_OF(X509_CRL) * s) const noexcept { sk_X509_CRL_free(s); }
};

// The anchor the path ended in, if its last certificate is one of the selected anchors. An
// administrator who added a public root as a custom anchor means it as an enterprise one, so
// custom anchors are looked at first.
const Anchor* FindSelectedAnchor(const TrustSnapshot& snapshot, CaSelection selection, X509* top) {
  const std::vector<Anchor>* lists[2] = {
      selection != CaSelection::kBuiltin ? &snapshot.custom() : nullptr,
      selection != CaSelection::kCustom ? &snapshot.builtin() : nullptr};
  for (const auto* list : lists) {
    if (!list) continue;
    for (const Anchor& a : *list) {
      if (a.certificate.native() == top) return &a;
    }
  }
  for (const auto* list : lists) {
    if (!list) continue;
    for (const Anchor& a : *list) {
      if (X509_cmp(a.certificate.native(), top) == 0) return &a;
    }
  }
  return nullptr;
}

bool HasNonSelfSignedAnchor(const TrustSnapshot& snapshot, CaSelection selection) {
  for (const Anchor* a : snapshot.Anchors(selection)) {
    if (!IsSelfSigned(a->certificate.native())) return true;
  }
  return false;
}

Certificate ToCertificate(X509* x, const VerifyRequest& request, const Anchor* anchor) {
  for (const auto& c : request.peer_chain) {
    if (c.native() == x) return c;
  }
  if (anchor && anchor->certificate.native() == x) return anchor->certificate;
  return Certificate::Adopt(ossl::UpRef(x));
}

bool ChainHasNameConstraints(const std::vector<X509*>& chain) {
  return std::any_of(chain.begin(), chain.end(), [](X509* x) {
    return X509_get_ext_by_NID(x, NID_name_constraints, -1) >= 0;
  });
}

// OpenSSL reports "issuer not found" also when a certificate with the issuer's name was sent or
// trusted but cannot have issued this one (no keyCertSign, not a CA, ...). Names that case.
std::optional<Finding> ExplainRefusedIssuer(const VerifyRequest& request, const VerifyPolicy& policy,
                                            const OpenSslError& e, X509* x) {
  if (e.error != X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT &&
      e.error != X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY &&
      e.error != X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE) {
    return std::nullopt;
  }
  std::vector<X509*> candidates;
  for (const Anchor* a : request.snapshot->Anchors(policy.ca_selection)) {
    candidates.push_back(a->certificate.native());
  }
  for (const auto& c : request.peer_chain) candidates.push_back(c.native());
  for (X509* c : candidates) {
    if (c == x || X509_NAME_cmp(X509_get_subject_name(c), X509_get_issuer_name(x)) != 0) continue;
    int why = X509_check_issued(c, x);
    if (why == X509_V_ERR_AKID_SKID_MISMATCH || why == X509_V_ERR_AKID_ISSUER_SERIAL_MISMATCH ||
        why == X509_V_ERR_SUBJECT_ISSUER_MISMATCH) {
      continue;  // another CA that shares the name: simply not the issuer
    }
    if (why == X509_V_OK) {
      EVP_PKEY* key = X509_get0_pubkey(c);
      if (key != nullptr && X509_verify(x, key) == 1) continue;
      why = key == nullptr ? X509_V_ERR_UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY
                           : X509_V_ERR_CERT_SIGNATURE_FAILURE;
      MappedError m = MapX509Error(why);
      ossl::ClearErrors();
      return MakeFinding(m.reason, e.depth, CertLabel(x, e.depth) + " " + m.what);
    }
    if (why == X509_V_ERR_UNSPECIFIED) {  // OpenSSL could not cache one side's extensions
      bool subject_bad = (X509_get_extension_flags(x) & EXFLAG_INVALID) != 0;
      X509* bad = subject_bad ? x : c;
      int depth = subject_bad ? e.depth : e.depth + 1;
      return MakeFinding(Reason::kMalformed, depth,
                         CertLabel(bad, depth) + " has extensions that cannot be used (duplicated, "
                                                 "undecodable or contradictory)");
    }
    MappedError m = MapX509Error(why);
    return MakeFinding(m.reason, e.depth + 1,
                       CertLabel(c, e.depth + 1) + " has the issuer's name but cannot issue " +
                           "certificate " + std::to_string(e.depth) + ": it " + m.what);
  }
  return std::nullopt;
}

struct Attempt {
  bool partial_chain = false;
  std::vector<X509*> excluded;  // peer certificates left out of the untrusted set
};

struct Evaluation {
  VerifyResult result;
  std::vector<X509*> used_untrusted;  // peer certificates in the built path (not the leaf)
};

Evaluation Evaluate(const VerifyRequest& request, const VerifyPolicy& policy,
                    const Attempt& attempt) {
  Evaluation ev;
  VerifyResult& result = ev.result;
  std::vector<Finding>& findings = result.findings;

  X509* leaf = request.peer_chain.front().native();
  std::unique_ptr<STACK_OF(X509), BorrowedX509Stack> untrusted(sk_X509_new_null());
  for (std::size_t i = 1; i < request.peer_chain.size(); ++i) {
    X509* x = request.peer_chain[i].native();
    if (std::find(attempt.excluded.begin(), attempt.excluded.end(), x) == attempt.excluded.end()) {
      sk_X509_push(untrusted.get(), x);
    }
  }
  std::unique_ptr<STACK_OF(X509_CRL), BorrowedCrlStack> crls(sk_X509_CRL_new_null());
  for (X509_CRL* crl : request.crls) sk_X509_CRL_push(crls.get(), crl);

  ossl::ClearErrors();
  ossl::X509StoreCtxPtr ctx(X509_STORE_CTX_new());
  X509_STORE* store = request.snapshot->Store(policy.ca_selection);
  if (!ctx || !untrusted || !crls || !store ||
      X509_STORE_CTX_init(ctx.get(), store, leaf, untrusted.get()) != 1) {
    findings.push_back({Reason::kInternal, std::nullopt,
                        "cannot set up the verification: " + ossl::DrainErrors()});
    return ev;
  }
  X509_VERIFY_PARAM* param = X509_STORE_CTX_get0_param(ctx.get());
  unsigned long flags = X509_V_FLAG_X509_STRICT;
  if (attempt.partial_chain) flags |= X509_V_FLAG_PARTIAL_CHAIN;
  if (!request.crls.empty()) {
    flags |= X509_V_FLAG_CRL_CHECK;
    X509_STORE_CTX_set0_crls(ctx.get(), crls.get());
  }
  X509_VERIFY_PARAM_set_flags(param, flags);
  X509_VERIFY_PARAM_set_time(param, static_cast<time_t>(request.check_time.time_since_epoch().count()));
  X509_VERIFY_PARAM_set_depth(param, std::clamp(policy.max_depth + 8, 8, kOpenSslDepthCap));
  std::vector<OpenSslError> errors;
  X509_STORE_CTX_set_ex_data(ctx.get(), CollectorIndex(), &errors);
  X509_STORE_CTX_set_verify_cb(ctx.get(), VerifyCallback);

  int ok = X509_verify_cert(ctx.get());
  ossl::X509StackPtr built(X509_STORE_CTX_get1_chain(ctx.get()));
  std::vector<X509*> chain;
  if (built) {
    for (int i = 0; i < sk_X509_num(built.get()); ++i) chain.push_back(sk_X509_value(built.get(), i));
  }
  if (chain.empty()) chain.push_back(leaf);
  for (std::size_t i = 1; i < chain.size(); ++i) {
    for (std::size_t j = 1; j < request.peer_chain.size(); ++j) {
      if (request.peer_chain[j].native() == chain[i]) ev.used_untrusted.push_back(chain[i]);
    }
  }

  const Anchor* anchor = FindSelectedAnchor(*request.snapshot, policy.ca_selection, chain.back());
  if (ok == 1 && !anchor) {
    findings.push_back({Reason::kInternal, std::nullopt,
                        "the path ends in a certificate that is no selected anchor"});
  }
  if (anchor) result.anchor_source = anchor->source;
  switch (policy.profile) {
    case ProfileSelection::kPublicWeb: result.profile = Profile::kPublicWeb; break;
    case ProfileSelection::kPrivatePki: result.profile = Profile::kPrivatePki; break;
    case ProfileSelection::kAutomatic:
      result.profile = (anchor && anchor->source == AnchorSource::kBuiltin) ? Profile::kPublicWeb
                                                                            : Profile::kPrivatePki;
      break;
  }
  for (X509* x : chain) result.chain.push_back(ToCertificate(x, request, anchor));

  // 1. What OpenSSL found.
  for (const auto& e : errors) {
    X509* x = e.cert ? e.cert : chain.front();
    if (auto refused = ExplainRefusedIssuer(request, policy, e, x)) {
      AddOnce(findings, std::move(*refused));
      continue;
    }
    MappedError m = MapX509Error(e.error);
    if (e.error == X509_V_ERR_UNSPECIFIED && ChainHasNameConstraints(chain)) {
      m = {Reason::kNameConstraints,
           "has more names than can be checked against the name constraints of its issuers"};
    }
    AddOnce(findings, MakeFinding(m.reason, e.depth, CertLabel(x, e.depth) + " " + m.what));
  }
  if (ok != 1 && errors.empty()) {
    findings.push_back({Reason::kInternal, std::nullopt,
                        "the chain could not be verified: " + ossl::DrainErrors()});
  }
  ossl::ClearErrors();

  // 2. Our rules for both profiles, then the profile's own.
  bool anchored = anchor != nullptr;
  CheckValidity(chain, request.check_time, findings);
  CheckDepth(chain, anchored, policy.max_depth, findings);
  CheckPurpose(chain, anchored, policy, result.profile, findings);
  CheckCrlStructure(chain, request.crls, findings);
  if (result.profile == Profile::kPublicWeb) {
    CheckPublicWebProfile(chain, anchored, findings);
  } else {
    CheckMinimumKeySize(chain, findings);
  }
  NameConstraintOptions nc;
  nc.strict = result.profile == Profile::kPublicWeb;
  CheckNameConstraints(chain, nc, findings);

  // 3. The name the phone meant to reach.
  if (policy.cn_validation && !request.expected_name.empty()) {
    CheckName(chain.front(), request.expected_name, result.profile, findings);
  }
  return ev;
}

std::string Summary(const VerifyResult& r, const VerifyPolicy& policy) {
  if (r.findings.empty()) {
    std::string anchor = r.chain.empty() ? "" : r.chain.back().IssuedTo();
    return "trusted: the chain of " + std::to_string(r.chain.size()) + " certificate" +
           (r.chain.size() == 1 ? "" : "s") + " ends in the " +
           (r.anchor_source == AnchorSource::kBuiltin ? "built-in" : "custom") + " anchor \"" +
           anchor + "\" (" + std::string(ProfileName(r.profile)) + " profile)";
  }
  std::string text = r.findings.front().sentence;
  if (r.findings.size() > 1) {
    text += " (and " + std::to_string(r.findings.size() - 1) + " more problem" +
            (r.findings.size() > 2 ? "s" : "") + ")";
  }
  if (!policy.only_trusted) {
    text += "; the connection may proceed only because Only Accept Trusted Certificates is "
            "disabled";
  }
  return text;
}

VerifyResult Finish(VerifyResult result, const VerifyPolicy& policy, TimePoint check_time) {
  if (check_time < policy.clock_floor) {
    result.findings.insert(
        result.findings.begin(),
        Finding{Reason::kClockUnset, std::nullopt,
                "the phone's clock is not set (it reads " + FormatIso8601(check_time) +
                    ", before " + FormatDate(policy.clock_floor) +
                    "), so certificate validity cannot be checked; set the time (NTP) and retry"});
  }
  for (const auto& f : result.findings) {
    if (std::find(result.reasons.begin(), result.reasons.end(), f.reason) == result.reasons.end()) {
      result.reasons.push_back(f.reason);
    }
    if (!result.failing_depth && f.depth) result.failing_depth = f.depth;
  }
  result.verdict = result.findings.empty() ? Verdict::kTrusted
                   : policy.only_trusted   ? Verdict::kNotTrusted
                                           : Verdict::kProceedUntrusted;
  result.text = Summary(result, policy);
  return result;
}

}  // namespace

VerifyResult VerifyServerChain(const VerifyRequest& request, const VerifyPolicy& policy) {
  if (request.peer_chain.empty() || !request.snapshot) {
    VerifyResult result;
    result.findings.push_back(
        request.peer_chain.empty()
            ? Finding{Reason::kMalformed, std::nullopt, "the server sent no certificate"}
            : Finding{Reason::kInternal, std::nullopt, "no trust store snapshot was given"});
    return Finish(std::move(result), policy, request.check_time);
  }
  // Path building with backtracking: OpenSSL builds one path; when it fails (or our rules
  // refuse it), try again without each peer certificate it used, and, when the snapshot holds
  // a non-self-signed anchor, with X509_V_FLAG_PARTIAL_CHAIN (OpenSSL accepts such anchors only
  // with that flag, and its path building is weaker with it, so it is never the first try).
  // The first attempt's findings are reported when no attempt succeeds.
  std::vector<Attempt> queue = {Attempt{}};
  bool partial_queued = false;
  std::optional<VerifyResult> first;
  for (std::size_t i = 0; i < queue.size() && i < static_cast<std::size_t>(kMaxAttempts); ++i) {
    Attempt attempt = queue[i];
    Evaluation ev = Evaluate(request, policy, attempt);
    if (ev.result.findings.empty()) return Finish(std::move(ev.result), policy, request.check_time);
    if (!partial_queued && HasNonSelfSignedAnchor(*request.snapshot, policy.ca_selection)) {
      partial_queued = true;
      queue.insert(queue.begin() + static_cast<std::ptrdiff_t>(i) + 1, Attempt{true, {}});
    }
    for (X509* used : ev.used_untrusted) {
      Attempt next = attempt;
      next.excluded.push_back(used);
      queue.push_back(std::move(next));
    }
    if (!first) first = std::move(ev.result);
  }
  return Finish(std::move(*first), policy, request.check_time);
}

VerifyResult Verifier::Verify(const VerifyRequest& request, const VerifyPolicy& policy) {
  VerifyResult result = VerifyServerChain(request, policy);
  counters_.Record(result);
  return result;
}

std::string_view VerdictName(Verdict verdict) {
  switch (verdict) {
    case Verdict::kTrusted: return "trusted";
    case Verdict::kNotTrusted: return "not_trusted";
    case Verdict::kProceedUntrusted: return "proceed_untrusted";
  }
  return "not_trusted";
}

std::string_view ProfileName(Profile profile) {
  return profile == Profile::kPublicWeb ? "public_web" : "private_pki";
}

bool VerifyResult::Has(Reason reason) const {
  return std::find(reasons.begin(), reasons.end(), reason) != reasons.end();
}

}  // namespace phonecert
