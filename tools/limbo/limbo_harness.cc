// limbo_harness: runs the x509-limbo conformance suite through phonecert's Verifier.
//
//   limbo_harness --limbo tests/conformance/x509-limbo/limbo.json --results limbo-results.json
//                 [--max-false-accepts 0] [--max-false-rejects 5] [--verbose]
//
// Every SERVER case runs with the phone's strict setup: name check on, the case's trusted
// certificates as built-in (public-web profile) anchors, its intermediates as the peer's extra
// certificates, its EKU, depth limit, CRLs and validation time (null: now). CLIENT cases and
// features the phone does not have are skipped, each with the feature named. Results go to the
// suite's result format; the summary line is "limbo: N passed, N failed, N skipped", followed by
// false accepts and false rejects counted apart and one line per failure. Exit status 1 when the
// false accepts or false rejects exceed the limits.
#include <openssl/pem.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/time.h"
#include "ossl/ptr.h"
#include "trust/snapshot.h"
#include "verify/verifier.h"
#include "x509/load.h"

namespace {

using phonecert::Anchor;
using phonecert::AnchorSource;
using phonecert::Certificate;
using nlohmann::json;

struct Options {
  std::string limbo;
  std::string results = "limbo-results.json";
  int max_false_accepts = 0;
  int max_false_rejects = 5;
  bool verbose = false;
};

struct Outcome {
  std::string actual;  // SUCCESS, FAILURE, SKIPPED
  std::string context;
};

std::optional<std::vector<Certificate>> ParsePems(const json& list) {
  std::vector<Certificate> out;
  for (const auto& pem : list) {
    auto loaded = phonecert::LoadCertificates(pem.get<std::string>());
    if (!loaded) return std::nullopt;
    for (auto& c : loaded->certificates) out.push_back(std::move(c));
  }
  return out;
}

std::optional<std::vector<phonecert::ossl::X509CrlPtr>> ParseCrls(const json& list) {
  std::vector<phonecert::ossl::X509CrlPtr> out;
  for (const auto& pem : list) {
    std::string text = pem.get<std::string>();
    phonecert::ossl::BioPtr bio(BIO_new_mem_buf(text.data(), static_cast<int>(text.size())));
    phonecert::ossl::X509CrlPtr crl(PEM_read_bio_X509_CRL(bio.get(), nullptr, nullptr, nullptr));
    if (!crl) return std::nullopt;
    out.push_back(std::move(crl));
  }
  return out;
}

Outcome RunCase(const json& tc, phonecert::TimePoint now) {
  if (tc.value("validation_kind", "") != "SERVER") {
    return {"SKIPPED", "client validation not used by the phone"};
  }
  const json& peer_name = tc["expected_peer_name"];
  if (!peer_name.is_null() && peer_name.value("kind", "") == "RFC822") {
    return {"SKIPPED", "RFC822 peer names: the phone names servers by DNS name or IP address"};
  }
  for (const auto& f : tc.value("features", json::array())) {
    if (f == "rfc5280-incompatible-with-webpki") {
      return {"SKIPPED",
              "rfc5280-incompatible-with-webpki: servers chaining to public anchors are held to "
              "the web PKI profile, which this case contradicts"};
    }
    if (f == "pedantic-rfc5280") {
      return {"SKIPPED",
              "pedantic-rfc5280: trust anchors are trusted by configuration; the phone does not "
              "apply RFC 5280's issuing-CA profile (AKI presence) to a cross-signed anchor"};
    }
  }
  phonecert::VerifyPolicy policy;
  policy.only_trusted = true;
  policy.cn_validation = true;
  policy.ca_selection = phonecert::CaSelection::kBuiltin;
  policy.clock_floor = phonecert::TimePoint::min();
  const json& ekus = tc["extended_key_usage"];
  if (ekus.is_array() && !ekus.empty()) {
    if (ekus.size() == 1 && ekus[0] == "serverAuth") {
      policy.required_eku = phonecert::RequiredEku::kServerAuth;
    } else if (ekus.size() == 1 && ekus[0] == "clientAuth") {
      policy.required_eku = phonecert::RequiredEku::kClientAuth;
    } else {
      return {"SKIPPED", "extended_key_usage " + ekus.dump() + ": only one of serverAuth and "
                         "clientAuth can be required"};
    }
  }
  if (tc.contains("max_chain_depth") && !tc["max_chain_depth"].is_null()) {
    policy.max_depth = tc["max_chain_depth"].get<int>();
  }

  auto trusted = ParsePems(tc["trusted_certs"]);
  auto intermediates = ParsePems(tc["untrusted_intermediates"]);
  auto peer = ParsePems(json::array({tc["peer_certificate"]}));
  if (!peer || peer->size() != 1) return {"FAILURE", "the peer certificate does not parse"};
  if (!trusted || !intermediates) {
    return {"FAILURE", "a trusted or intermediate certificate does not parse"};
  }
  std::optional<std::vector<phonecert::ossl::X509CrlPtr>> crls;
  if (tc.contains("crls") && tc["crls"].is_array()) {
    crls = ParseCrls(tc["crls"]);
    if (!crls) return {"SKIPPED", "crl: a CRL of this case does not parse"};
  }

  std::vector<Anchor> anchors;
  for (const auto& c : *trusted) {
    anchors.push_back(Anchor{c, AnchorSource::kBuiltin, c.IssuedTo(), {}});
  }
  phonecert::VerifyRequest request;
  request.snapshot = phonecert::TrustSnapshot::Build(std::move(anchors), {});
  request.peer_chain.push_back(peer->front());
  for (const auto& c : *intermediates) request.peer_chain.push_back(c);
  if (!peer_name.is_null()) request.expected_name = peer_name.value("value", "");
  if (crls) {
    for (const auto& crl : *crls) request.crls.push_back(crl.get());
  }
  request.check_time = now;
  if (tc.contains("validation_time") && tc["validation_time"].is_string()) {
    auto t = phonecert::ParseIso8601(tc["validation_time"].get<std::string>());
    if (!t) return {"SKIPPED", "validation_time: cannot read " + tc["validation_time"].dump()};
    request.check_time = *t;
  }

  phonecert::VerifyResult result = phonecert::VerifyServerChain(request, policy);
  if (result.trusted()) {
    return {"SUCCESS", std::string("trusted (") + std::string(phonecert::ProfileName(result.profile)) + ")"};
  }
  std::string reasons;
  for (auto r : result.reasons) {
    reasons += (reasons.empty() ? "" : ",") + std::string(phonecert::ReasonName(r));
  }
  return {"FAILURE", reasons + ": " + result.text};
}

int Run(const Options& o) {
  std::ifstream in(o.limbo);
  if (!in) {
    std::cerr << "limbo_harness: cannot read " << o.limbo << "\n";
    return 2;
  }
  json suite = json::parse(in, nullptr, /*allow_exceptions=*/false);
  if (suite.is_discarded() || !suite.contains("testcases")) {
    std::cerr << "limbo_harness: " << o.limbo << " is not a limbo suite\n";
    return 2;
  }
  phonecert::TimePoint now = phonecert::SystemClock().Now();
  json results = json::array();
  int passed = 0, failed = 0, skipped = 0, false_accepts = 0, false_rejects = 0;
  std::vector<std::string> failures;
  std::vector<std::string> skips;
  for (const auto& tc : suite["testcases"]) {
    std::string id = tc.value("id", "?");
    auto start = std::chrono::steady_clock::now();
    Outcome out = RunCase(tc, now);
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                  std::chrono::steady_clock::now() - start).count();
    results.push_back({{"id", id}, {"actual_result", out.actual}, {"context", out.context}});
    std::string expected = tc.value("expected_result", "");
    if (o.verbose) {
      std::cout << id << ": expected " << expected << ", got " << out.actual << " (" << ms
                << " ms) " << out.context << "\n";
    }
    if (out.actual == "SKIPPED") {
      ++skipped;
      skips.push_back(id + ": " + out.context);
    } else if (out.actual == expected) {
      ++passed;
    } else {
      ++failed;
      if (out.actual == "SUCCESS") {
        ++false_accepts;
        failures.push_back("FALSE ACCEPT " + id);
      } else {
        ++false_rejects;
        failures.push_back("FALSE REJECT " + id + ": " + out.context);
      }
    }
  }
  json doc = {{"version", 1},
              {"harness", std::string("phonecert-") + PHONECERT_VERSION},
              {"results", results}};
  std::ofstream(o.results) << doc.dump(2) << "\n";

  for (const auto& s : skips) std::cout << "skipped " << s << "\n";
  for (const auto& f : failures) std::cout << f << "\n";
  std::cout << "results written to " << o.results << "\n";
  std::cout << "false accepts: " << false_accepts << " (limit " << o.max_false_accepts
            << "), false rejects: " << false_rejects << " (limit " << o.max_false_rejects << ")\n";
  std::cout << "limbo: " << passed << " passed, " << failed << " failed, " << skipped
            << " skipped\n";
  return (false_accepts > o.max_false_accepts || false_rejects > o.max_false_rejects) ? 1 : 0;
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  o.limbo = PHONECERT_LIMBO_JSON;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::cerr << "limbo_harness: " << a << " needs a value\n";
        std::exit(2);
      }
      return argv[++i];
    };
    if (a == "--limbo") {
      o.limbo = next();
    } else if (a == "--results") {
      o.results = next();
    } else if (a == "--max-false-accepts") {
      o.max_false_accepts = std::stoi(next());
    } else if (a == "--max-false-rejects") {
      o.max_false_rejects = std::stoi(next());
    } else if (a == "--verbose") {
      o.verbose = true;
    } else {
      std::cerr << "usage: limbo_harness [--limbo FILE] [--results FILE] [--max-false-accepts N] "
                   "[--max-false-rejects N] [--verbose]\n";
      return 2;
    }
  }
  return Run(o);
}
