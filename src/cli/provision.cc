// phonecert provision [--url URL] [--mac MAC] [--json] [--timeout S] [--connect-timeout S]
// One auto-provisioning round (src/provision/round.h) on the state directory. Exit 0 when the
// round applied (diagnostics such as an invalid value do not fail it), 1 when it failed and
// nothing was applied, 2 for usage errors.
#include <chrono>

#include <nlohmann/json.hpp>

#include "cli/command.h"
#include "identity/custom_identity_store.h"
#include "identity/factory.h"
#include "provision/round.h"
#include "settings/settings_store.h"
#include "state/state_dir.h"
#include "trust/trust_store.h"

namespace phonecert::cli {
namespace {

struct ProvisionOptions {
  std::string url;  // empty: static.auto_provision.server.url
  std::string mac;  // empty: the factory MAC when there is one
  bool json = false;
  int timeout_seconds = 60;          // per file, whole transfer
  int connect_timeout_seconds = 10;  // per connection
};

int Run(const Context& ctx, const ProvisionOptions& o) {
  StatePaths paths{StateDir(ctx.global)};
  if (auto s = EnsureStateLayout(paths); !s) return Report(s.error());
  auto lock = DirectoryLock::Acquire(paths, {});
  if (!lock) return Report(lock.error());
  const TimePoint now = SystemClock().Now();

  SettingsStore settings(paths.settings_file());
  for (const Diagnostic& d : settings.Load()) std::cerr << "phonecert: warning: " << d.ToString() << "\n";
  auto trust = TrustStore::Open(paths, {.now = now, .builtin = std::nullopt});
  if (!trust) return Report(trust.error());
  for (const auto& problem : (*trust)->load_problems()) {
    std::cerr << "phonecert: warning: " << problem << "\n";
  }
  CustomIdentityStore device(paths.custom_device());

  provision::RoundOptions round;
  round.url = o.url;
  round.mac = o.mac;
  if (round.mac.empty()) {
    FactoryState factory = LoadFactory(paths);
    if (factory.initialised) round.mac = factory.mac;
  }
  round.now = now;
  round.limits.total_timeout = std::chrono::seconds(o.timeout_seconds);
  round.limits.connect_timeout = std::chrono::seconds(o.connect_timeout_seconds);

  provision::RoundReport report =
      provision::RunRound(provision::RoundStores{settings, **trust, device}, round);
  if (o.json) {
    std::cout << provision::ToJson(report).dump(2) << "\n";
  } else {
    for (const std::string& line : provision::ToLines(report)) std::cout << line << "\n";
  }
  return report.applied ? 0 : 1;
}

}  // namespace

void RegisterProvision(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<ProvisionOptions>();
  CLI::App* cmd = app.add_subcommand(
      "provision",
      "Run one auto-provisioning round: fetch y000000000000.cfg and <mac>.cfg, apply them, "
      "download the certificates they name; all or nothing");
  cmd->add_option("--url", o->url,
                  "Server URL (http, https, ftp, tftp, file); default "
                  "static.auto_provision.server.url");
  cmd->add_option("--mac", o->mac, "MAC address for <mac>.cfg (default: the factory MAC)");
  cmd->add_flag("--json", o->json, "Print the report as JSON");
  cmd->add_option("--timeout", o->timeout_seconds, "Seconds allowed per file (default 60)")
      ->check(CLI::Range(1, 600));
  cmd->add_option("--connect-timeout", o->connect_timeout_seconds,
                  "Seconds allowed per connection (default 10)")
      ->check(CLI::Range(1, 600));
  cmd->callback([&ctx, o] { ctx.exit_code = Run(ctx, *o); });
}

}  // namespace phonecert::cli
