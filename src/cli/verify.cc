// phonecert verify CHAIN.pem [--host NAME] [--at ISO8601] [--profile auto|public|private] [--json]
// Offline: the chain (leaf first) is verified as if a server had sent it, with the stored
// settings (static.security.*) and the anchors of the state directory.
#include <nlohmann/json.hpp>

#include "cli/command.h"
#include "cli/state_access.h"
#include "settings/settings.h"
#include "settings/settings_store.h"
#include "state/state_dir.h"
#include "trust/trust_store.h"
#include "verify/result_json.h"
#include "verify/verifier.h"
#include "x509/load.h"

namespace phonecert::cli {
namespace {

struct VerifyOptions {
  std::string file;
  std::string host;
  std::string at;
  std::string profile = "auto";
  bool json = false;
};

VerifyPolicy PolicyFrom(const Settings& s) {
  VerifyPolicy p;
  p.only_trusted = s.TrustCertificates();
  p.cn_validation = s.CnValidation();
  p.ca_selection = static_cast<CaSelection>(s.CaCert());
  return p;
}

const char* OnOff(bool b) { return b ? "1" : "0"; }

void PrintText(const VerifyResult& r, const VerifyPolicy& policy, const std::string& host) {
  std::cout << "Chain checked:\n";
  for (std::size_t i = 0; i < r.chain.size(); ++i) {
    const Certificate& c = r.chain[i];
    std::cout << "  " << i << ": Issued To " << c.IssuedTo() << "; Issued By " << c.IssuedBy()
              << "; Expiration " << FormatDate(c.NotAfter()) << "\n";
  }
  std::cout << "Settings: trust_certificates=" << OnOff(policy.only_trusted)
            << " cn_validation=" << OnOff(policy.cn_validation)
            << " ca_cert=" << static_cast<int>(policy.ca_selection)
            << (host.empty() ? "" : " host=" + host) << "\n";
  std::cout << "Profile: " << ProfileName(r.profile);
  if (r.anchor_source) {
    std::cout << " (anchor: " << (*r.anchor_source == AnchorSource::kBuiltin ? "built-in" : "custom")
              << ")";
  }
  std::cout << "\n";
  if (r.trusted()) {
    std::cout << "Verdict: trusted\n" << r.text << "\n";
    return;
  }
  std::cout << "Verdict: " << (r.verdict == Verdict::kProceedUntrusted ? "not trusted (proceed)" : "not trusted")
            << "\nReasons:";
  for (Reason reason : r.reasons) std::cout << " " << ReasonName(reason);
  std::cout << "\n";
  for (const auto& f : r.findings) std::cout << "  - " << f.sentence << " [" << ReasonName(f.reason) << "]\n";
  if (r.verdict == Verdict::kProceedUntrusted) {
    std::cout << "A connection would proceed only because Only Accept Trusted Certificates is "
                 "disabled (static.security.trust_certificates = 0).\n";
  }
}

int RunVerify(const Context& ctx, const VerifyOptions& o) {
  auto loaded = LoadCertificatesFile(o.file);
  if (!loaded) return Report(loaded.error());

  TimePoint now = SystemClock().Now();
  auto check_time = CheckTime(o.at, now);
  if (!check_time) return Report(check_time.error());
  const TimePoint at = *check_time;
  StatePaths paths{StateDir(ctx.global)};
  auto settings = OpenSettings(paths);
  auto store = OpenTrust(paths, now);
  if (!store) return Report(store.error());

  VerifyPolicy policy = PolicyFrom(*settings->Current());
  if (o.profile == "public") {
    policy.profile = ProfileSelection::kPublicWeb;
  } else if (o.profile == "private") {
    policy.profile = ProfileSelection::kPrivatePki;
  }
  VerifyRequest request;
  request.peer_chain = loaded->certificates;
  request.expected_name = o.host;
  request.check_time = at;
  request.snapshot = (*store)->Snapshot();
  if (policy.cn_validation && o.host.empty()) {
    std::cerr << "phonecert: warning: Common Name Validation is on but no --host was given; the "
                 "name is not checked\n";
  }
  VerifyResult r = VerifyServerChain(request, policy);

  if (o.json) {
    nlohmann::json j = ToJson(r);
    j["file"] = o.file;
    j["host"] = o.host.empty() ? nlohmann::json(nullptr) : nlohmann::json(o.host);
    j["check_time"] = FormatIso8601(at);
    j["settings"] = {{"trust_certificates", policy.only_trusted ? 1 : 0},
                     {"cn_validation", policy.cn_validation ? 1 : 0},
                     {"ca_cert", static_cast<int>(policy.ca_selection)}};
    std::cout << j.dump(2) << "\n";
  } else {
    PrintText(r, policy, o.host);
  }
  return r.trusted() ? 0 : 1;
}

}  // namespace

void RegisterVerify(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<VerifyOptions>();
  CLI::App* sub = app.add_subcommand(
      "verify", "Verify a server chain offline with the stored settings and trust anchors");
  sub->add_option("chain", o->file, "PEM/DER file: the server certificate first, then what the server sends")
      ->required();
  sub->add_option("--host", o->host, "The DNS name or IP address the phone meant to reach");
  sub->add_option("--at", o->at, "Check time (ISO 8601, default now)");
  sub->add_option("--profile", o->profile, "auto (default), public (strict web profile) or private")
      ->check(CLI::IsMember({"auto", "public", "private"}));
  sub->add_flag("--json", o->json, "Print a JSON document");
  sub->callback([o, &ctx] { ctx.exit_code = RunVerify(ctx, *o); });
}

}  // namespace phonecert::cli
