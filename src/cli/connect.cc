// phonecert connect HOST:PORT [--servername NAME] [--timeout SECONDS] [--json]
// A real TLS handshake with the stored settings and anchors, as the phone would make it: prints
// the chain the server sent, the protocol, the verdict and its reasons.
// Exit status: 0 trusted; 1 not trusted, or connected only because Only Accept Trusted
// Certificates is disabled (said so); 2 usage; 1 for connection errors.
#include <nlohmann/json.hpp>

#include "cli/command.h"
#include "cli/state_access.h"
#include "settings/settings.h"
#include "settings/settings_store.h"
#include "state/state_dir.h"
#include "tls/client_context.h"
#include "tls/connect.h"
#include "trust/trust_store.h"
#include "verify/result_json.h"

namespace phonecert::cli {
namespace {

struct ConnectCliOptions {
  std::string target;
  std::string servername;
  int timeout_seconds = 10;
  bool json = false;
};

constexpr const char* kProceedNote =
    "connected only because Only Accept Trusted Certificates is disabled "
    "(static.security.trust_certificates = 0)";

void PrintText(const ConnectResult& r, const std::string& name) {
  std::cout << "Connected to " << r.address << " as " << name << "\n";
  std::cout << "Chain sent by the server (" << r.peer_chain.size() << "):\n";
  for (std::size_t i = 0; i < r.peer_chain.size(); ++i) {
    const Certificate& c = r.peer_chain[i];
    std::cout << "  " << i << ": Issued To " << c.IssuedTo() << "; Issued By " << c.IssuedBy()
              << "; Expiration " << FormatDate(c.NotAfter()) << "\n";
  }
  if (r.handshake_completed) std::cout << "Protocol: " << r.protocol << ", cipher " << r.cipher << "\n";
  const VerifyResult& v = r.verify;
  std::cout << "Profile: " << ProfileName(v.profile) << "\n";
  if (v.trusted()) {
    std::cout << "Verdict: trusted\n" << v.text << "\n";
    return;
  }
  std::cout << "Verdict: not trusted\nReasons:";
  for (Reason reason : v.reasons) std::cout << " " << ReasonName(reason);
  std::cout << "\n";
  for (const auto& f : v.findings) std::cout << "  - " << f.sentence << " [" << ReasonName(f.reason) << "]\n";
  if (v.verdict == Verdict::kProceedUntrusted && r.handshake_completed) {
    std::cout << "Note: " << kProceedNote << ".\n";
  } else {
    std::cout << "The handshake was refused.\n";
  }
}

int RunConnect(const Context& ctx, const ConnectCliOptions& o) {
  auto hp = ParseHostPort(o.target);
  if (!hp) return Report(hp.error());

  SystemClock clock;
  StatePaths paths{StateDir(ctx.global)};
  auto settings = OpenSettings(paths);
  auto store = OpenTrust(paths, clock.Now());
  if (!store) return Report(store.error());
  std::shared_ptr<const Settings> s = settings->Current();

  ClientContextOptions options;
  options.policy.only_trusted = s->TrustCertificates();
  options.policy.cn_validation = s->CnValidation();
  options.policy.ca_selection = static_cast<CaSelection>(s->CaCert());
  options.default_ssl_method = static_cast<int>(s->DefaultSslMethod());
  const TrustStore* trust = store->get();
  options.snapshots = [trust] { return trust->Snapshot(); };
  options.clock = &clock;
  auto context = ClientContext::Create(std::move(options));
  if (!context) return Report(context.error());
  for (const auto& w : (*context)->warnings()) std::cerr << "phonecert: warning: " << w << "\n";

  ConnectOptions co;
  co.host = hp->host;
  co.port = hp->port;
  co.servername = o.servername;
  co.timeout = std::chrono::seconds(o.timeout_seconds);
  auto r = Connect(**context, co);
  if (!r) return Report(r.error());
  std::string name = o.servername.empty() ? hp->host : o.servername;
  bool proceeded = r->handshake_completed && r->verify.verdict == Verdict::kProceedUntrusted;

  if (o.json) {
    nlohmann::json j = ToJson(r->verify);
    j["target"] = o.target;
    j["address"] = r->address;
    j["expected_name"] = name;
    j["handshake_completed"] = r->handshake_completed;
    j["connected_untrusted"] = proceeded;
    if (proceeded) j["note"] = kProceedNote;
    j["protocol"] = r->protocol.empty() ? nlohmann::json(nullptr) : nlohmann::json(r->protocol);
    j["cipher"] = r->cipher.empty() ? nlohmann::json(nullptr) : nlohmann::json(r->cipher);
    j["peer_chain"] = ChainToJson(r->peer_chain);
    std::cout << j.dump(2) << "\n";
  } else {
    PrintText(*r, name);
  }
  if (proceeded) std::cerr << "phonecert: " << kProceedNote << "\n";
  return r->verify.trusted() ? 0 : 1;
}

}  // namespace

void RegisterConnect(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<ConnectCliOptions>();
  CLI::App* sub = app.add_subcommand(
      "connect", "Connect to a TLS server as the phone would and show whether it is trusted");
  sub->add_option("target", o->target, "HOST:PORT ([IPv6]:PORT)")->required();
  sub->add_option("--servername", o->servername,
                  "The name meant (SNI and name check); default HOST");
  sub->add_option("--timeout", o->timeout_seconds, "Seconds for TCP connect and handshake")
      ->check(CLI::Range(1, 300));
  sub->add_flag("--json", o->json, "Print a JSON document");
  sub->callback([o, &ctx] { ctx.exit_code = RunConnect(ctx, *o); });
}

}  // namespace phonecert::cli
