// phonecert expiry [--at ISO8601] [--json]: what an administrator should renew, the same notices
// phonecertd's expiry watch logs and GET /api/v1/metrics serves (state/expiry_notices.h): the
// device certificate in use and its issuers, an unused custom device certificate, the custom CA
// certificates, each when it has expired or expires within 30 days of the check time.
// Exit 0 when nothing does, 1 when something does (as `openssl x509 -checkend`), so that a script
// or a cron job can act on it; 2 for usage errors. Reads only: no lock is taken.
#include <nlohmann/json.hpp>

#include "cli/command.h"
#include "cli/state_access.h"
#include "identity/load_snapshot.h"
#include "state/expiry_notices.h"

namespace phonecert::cli {
namespace {

struct ExpiryOptions {
  std::string at;  // ISO 8601; empty: now
  bool json = false;
};

int RunExpiry(const Context& ctx, const ExpiryOptions& o) {
  TimePoint now = SystemClock().Now();
  auto at = CheckTime(o.at, now);
  if (!at) return Report(at.error());
  StatePaths paths{StateDir(ctx.global)};
  auto settings = OpenSettings(paths);
  auto store = OpenTrust(paths, now);
  if (!store) return Report(store.error());
  DeviceIdentityState identity = LoadDeviceIdentity(paths, *settings->Current());
  DeviceView device{identity.snapshot, identity.active, identity.dev_cert};

  std::vector<ExpiryNotice> notices = ExpiryNotices(*(*store)->Snapshot(), device, *at);
  if (o.json) {
    nlohmann::json list = nlohmann::json::array();
    for (const ExpiryNotice& n : notices) {
      list.push_back({{"level", std::string(LogLevelName(n.level))}, {"sentence", n.sentence}});
    }
    nlohmann::json j = {{"check_time", FormatIso8601(*at)},
                        {"warning_days", kExpiryWarningDays},
                        {"notices", list}};
    std::cout << j.dump(2) << "\n";
  } else if (notices.empty()) {
    std::cout << "Nothing expires within " << kExpiryWarningDays << " days of " << FormatDate(*at)
              << " (device certificate in use, its issuers, custom device and CA certificates).\n";
  } else {
    for (const ExpiryNotice& n : notices) std::cout << LogLevelName(n.level) << ": " << n.sentence << "\n";
  }
  return notices.empty() ? 0 : 1;
}

}  // namespace

void RegisterExpiry(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<ExpiryOptions>();
  CLI::App* sub = app.add_subcommand(
      "expiry", "List the device and custom CA certificates that have expired or expire within 30 days "
                "(exit 1 when there are any)");
  sub->add_option("--at", o->at, "Check as of this time (ISO 8601, default now)");
  sub->add_flag("--json", o->json, "Print a JSON document");
  sub->callback([o, &ctx] { ctx.exit_code = RunExpiry(ctx, *o); });
}

}  // namespace phonecert::cli
