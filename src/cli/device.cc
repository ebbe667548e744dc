// phonecert device show [--json] | use default|custom
// (device install / remove / csr are in device_install.cc)
#include <chrono>

#include <nlohmann/json.hpp>

#include "cli/command.h"
#include "cli/state_access.h"
#include "identity/load_snapshot.h"
#include "state/expiry_notices.h"
#include "settings/keys.h"
#include "settings/settings_store.h"
#include "state/state_dir.h"
#include "x509/describe.h"

namespace phonecert::cli {

void RegisterDeviceInstall(CLI::App& device, Context& ctx);  // device_install.cc

namespace {

struct ShowOptions {
  bool json = false;
};

long DaysLeft(const Certificate& cert, TimePoint now) { return ExpiryOf(cert, now).days_left; }

std::string DaysText(long days) {
  if (days < 0) return "expired " + std::to_string(-days) + " days ago";
  return std::to_string(days) + " day" + (days == 1 ? "" : "s") + " left";
}

nlohmann::json IdentityJson(const std::shared_ptr<const Identity>& id, TimePoint now) {
  if (!id) return nullptr;
  CertificateDescription d = Describe(id->leaf);
  nlohmann::json chain = nlohmann::json::array();
  for (const auto& c : id->chain) chain.push_back(c.IssuedTo());
  return {{"kind", IdentityKindName(id->kind)},
          {"issued_to", d.issued_to},
          {"issued_by", d.issued_by},
          {"subject", d.subject},
          {"expiration", d.expiration},
          {"not_before", d.not_before},
          {"not_after", d.not_after},
          {"days_left", DaysLeft(id->leaf, now)},
          {"sha256_fingerprint", d.sha256_fingerprint},
          {"key", id->key.Describe()},
          {"chain", chain},
          {"shared_key_warning", id->shared_key_warning.empty()
                                     ? nlohmann::json(nullptr)
                                     : nlohmann::json(id->shared_key_warning)}};
}

void PrintIdentity(const Identity& id, TimePoint now) {
  CertificateDescription d = Describe(id.leaf);
  std::cout << "  Issued To:   " << d.issued_to << "\n"
            << "  Issued By:   " << d.issued_by << "\n"
            << "  Expiration:  " << d.expiration << " (" << DaysText(DaysLeft(id.leaf, now))
            << ")\n"
            << "  SHA-256:     " << d.sha256_fingerprint << "\n"
            << "  Key:         " << id.key.Describe() << "\n";
  if (!id.chain.empty()) {
    std::cout << "  Chain:      ";
    for (const auto& c : id.chain) std::cout << " \"" << c.IssuedTo() << "\"";
    std::cout << "\n";
  }
  if (!id.shared_key_warning.empty()) std::cout << "  Warning:     " << id.shared_key_warning << "\n";
}

std::string Summary(const std::shared_ptr<const Identity>& id, TimePoint now) {
  if (!id) return "none";
  return "\"" + id->leaf.IssuedTo() + "\", expires " + FormatDate(id->leaf.NotAfter()) + " (" +
         DaysText(DaysLeft(id->leaf, now)) + ")";
}

int RunShow(const Context& ctx, const ShowOptions& o) {
  StatePaths paths{StateDir(ctx.global)};
  TimePoint now = SystemClock().Now();
  auto settings = OpenSettings(paths);
  DeviceIdentityState state = LoadDeviceIdentity(paths, *settings->Current());
  const IdentitySnapshot& s = *state.snapshot;
  int dev_cert = static_cast<int>(state.dev_cert);
  if (o.json) {
    nlohmann::json j = {
        {"dev_cert", dev_cert},
        {"active", IdentityJson(state.active.identity, now)},
        {"reason", state.active.reason},
        {"fell_back", state.active.fell_back},
        {"installed",
         {{"unique", IdentityJson(s.unique, now)},
          {"generic", IdentityJson(s.generic, now)},
          {"custom", IdentityJson(s.custom, now)}}},
        {"pending_csr_key", s.pending_csr_key},
        {"mac", s.mac.empty() ? nlohmann::json(nullptr) : nlohmann::json(s.mac)},
        {"problems", s.problems}};
    std::cout << j.dump(2) << "\n";
    return 0;
  }
  if (state.active.identity) {
    std::cout << "Active device certificate: "
              << IdentityKindName(state.active.identity->kind) << "\n";
  } else {
    std::cout << "Active device certificate: none\n";
  }
  std::cout << "  Why:         " << state.active.reason << "\n";
  if (state.active.identity) PrintIdentity(*state.active.identity, now);
  std::cout << "\nstatic.security.dev_cert = " << dev_cert
            << (dev_cert == 1 ? " (custom)" : " (default: unique, else generic)") << "\n"
            << "Installed:\n"
            << "  unique:   " << Summary(s.unique, now) << "\n"
            << "  generic:  " << Summary(s.generic, now)
            << (s.generic ? " (" + std::string(kSharedKeyWarning) + ")" : "") << "\n"
            << "  custom:   " << Summary(s.custom, now) << "\n";
  if (!s.mac.empty()) std::cout << "  MAC:      " << s.mac << "\n";
  if (s.pending_csr_key) {
    std::cout << "  pending:  a key made by `phonecert device csr` awaits its certificate\n";
  }
  for (const auto& p : s.problems) std::cout << "Problem: " << p << "\n";
  return 0;
}

int RunUse(const Context& ctx, const std::string& choice) {
  StatePaths paths{StateDir(ctx.global)};
  auto lock = DirectoryLock::Acquire(paths, {});
  if (!lock) return Report(lock.error());
  auto store = OpenSettings(paths);
  auto next = store->Current()->With(keys::kDevCert, choice == "custom" ? "1" : "0");
  if (!next) return Report(next.error());
  if (!(*next == *store->Current())) {
    if (auto s = store->Replace(*next); !s) return Report(s.error());
  }
  DeviceIdentityState state = LoadDeviceIdentity(paths, *store->Current());
  std::cout << keys::kDevCert << " = " << static_cast<int>(state.dev_cert) << " ("
            << (state.dev_cert == DevCertChoice::kCustom ? "custom" : "default") << ")\n"
            << state.active.reason << "\n";
  if (state.active.fell_back) {
    std::cerr << "phonecert: warning: no custom device certificate is installed "
                 "(`phonecert device install FILE`)\n";
  }
  return 0;
}

}  // namespace

void RegisterDevice(CLI::App& app, Context& ctx) {
  CLI::App* device = app.add_subcommand(
      "device", "The device certificate the phone presents as a TLS server");
  device->require_subcommand(1);

  auto show = std::make_shared<ShowOptions>();
  CLI::App* show_cmd = device->add_subcommand(
      "show", "Which certificate is active and why; the installed certificates");
  show_cmd->add_flag("--json", show->json, "Print a JSON document");
  show_cmd->callback([show, &ctx] { ctx.exit_code = RunShow(ctx, *show); });

  auto choice = std::make_shared<std::string>();
  CLI::App* use_cmd = device->add_subcommand(
      "use", "Set static.security.dev_cert: default (unique, else generic) or custom");
  use_cmd->add_option("choice", *choice, "default or custom")
      ->required()
      ->check(CLI::IsMember({"default", "custom"}));
  use_cmd->callback([choice, &ctx] { ctx.exit_code = RunUse(ctx, *choice); });

  RegisterDeviceInstall(*device, ctx);
}

}  // namespace phonecert::cli
