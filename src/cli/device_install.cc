// phonecert device install FILE [--password P] [--allow-expired] | remove |
//                   csr --cn NAME [--san NAME ...] [--key TYPE] [--out FILE]
#include "base/file_io.h"
#include "cli/command.h"
#include "identity/custom_identity_store.h"
#include "identity/load_snapshot.h"
#include "settings/settings_store.h"
#include "state/state_dir.h"

namespace phonecert::cli {
namespace {

struct InstallOptions {
  std::string file;
  std::string password;
  bool has_password = false;
  bool allow_expired = false;
};

struct CsrOptions {
  std::string cn;
  std::vector<std::string> sans;
  std::string key = "ec-p256";
  std::string out;
};

CustomIdentityStore StoreOf(const StatePaths& paths) {
  return CustomIdentityStore(paths.custom_device());
}

// What the phone presents now, in one line (after a change).
void PrintInForce(const StatePaths& paths) {
  SettingsStore settings(paths.settings_file());
  settings.Load();
  DeviceIdentityState state = LoadDeviceIdentity(paths, *settings.Current());
  std::cout << "in force: " << state.active.reason << "\n";
  if (state.dev_cert == DevCertChoice::kDefault && state.snapshot->custom) {
    std::cout << "(`phonecert device use custom` makes the phone present the custom certificate)\n";
  }
}

int RunInstall(const Context& ctx, const InstallOptions& o) {
  StatePaths paths{StateDir(ctx.global)};
  auto lock = DirectoryLock::Acquire(paths, {});
  if (!lock) return Report(lock.error());
  CustomInstallOptions options;
  options.now = SystemClock().Now();
  if (o.has_password) options.password = o.password;
  options.allow_expired = o.allow_expired;
  auto result = StoreOf(paths).InstallFile(o.file, options);
  if (!result) return Report(result.error());
  const Identity& id = *result->identity;
  std::cout << (result->replaced ? "replaced" : "installed") << " the custom device certificate \""
            << id.leaf.IssuedTo() << "\" (issued by \"" << id.leaf.IssuedBy() << "\", expires "
            << FormatDate(id.leaf.NotAfter()) << ", key " << id.key.Describe() << ", "
            << id.chain.size() << " chain certificate" << (id.chain.size() == 1 ? "" : "s")
            << ")\n"
            << "SHA-256: " << id.leaf.Sha256Fingerprint() << "\n";
  for (const auto& note : result->notes) std::cout << "note: " << note << "\n";
  PrintInForce(paths);
  return 0;
}

int RunRemove(const Context& ctx) {
  StatePaths paths{StateDir(ctx.global)};
  auto lock = DirectoryLock::Acquire(paths, {});
  if (!lock) return Report(lock.error());
  auto removed = StoreOf(paths).Remove();
  if (!removed) return Report(removed.error());
  if (!*removed) return Report(Error{Code::kNoIdentity, "no custom device certificate is installed", {}});
  std::cout << "removed the custom device certificate\n";
  PrintInForce(paths);
  return 0;
}

int RunCsr(const Context& ctx, const CsrOptions& o) {
  auto key_type = ca::ParseKeyType(o.key);
  if (!key_type) return Report(key_type.error());
  StatePaths paths{StateDir(ctx.global)};
  auto lock = DirectoryLock::Acquire(paths, {});
  if (!lock) return Report(lock.error());
  DeviceCsrRequest request{o.cn, o.sans, *key_type};
  auto csr = StoreOf(paths).CreatePendingCsr(request);
  if (!csr) return Report(csr.error());
  if (o.out.empty()) {
    std::cout << csr->pem;
  } else if (auto s = WriteFileAtomic(o.out, csr->pem, {.mode = 0644}); !s) {
    return Report(s.error());
  }
  std::cerr << "phonecert: made a key (" << csr->key_description
            << ") on the device; it stays here as the pending key"
            << (csr->replaced_pending ? " (the earlier pending key was discarded)" : "") << ".\n"
            << "phonecert: have your CA sign the request"
            << (o.out.empty() ? "" : " in " + o.out)
            << " (e.g. `phonecert ca sign CADIR req.csr --profile device`), then run "
               "`phonecert device install CERT.pem`.\n";
  return 0;
}

}  // namespace

void RegisterDeviceInstall(CLI::App& device, Context& ctx) {
  auto install = std::make_shared<InstallOptions>();
  CLI::App* install_cmd = device.add_subcommand(
      "install",
      "Install (or replace) the custom device certificate: PEM with chain and key in any order, "
      "PKCS#12, or a certificate for the key made by `device csr`");
  install_cmd->add_option("file", install->file, "Certificate file (.pem .cer .p12 .pfx)")
      ->required();
  install_cmd->add_option("--password", install->password, "PKCS#12 password or key passphrase")
      ->each([install](const std::string&) { install->has_password = true; });
  install_cmd->add_flag("--allow-expired", install->allow_expired,
                        "Accept a certificate outside its validity period");
  install_cmd->callback([install, &ctx] { ctx.exit_code = RunInstall(ctx, *install); });

  CLI::App* remove_cmd =
      device.add_subcommand("remove", "Delete the custom device certificate");
  remove_cmd->callback([&ctx] { ctx.exit_code = RunRemove(ctx); });

  auto csr = std::make_shared<CsrOptions>();
  CLI::App* csr_cmd = device.add_subcommand(
      "csr", "Make a key on the device (it never leaves it) and print a PKCS#10 request for it");
  csr_cmd->add_option("--cn", csr->cn, "Common Name of the request")->required();
  csr_cmd->add_option("--san", csr->sans, "DNS name or IP address (repeatable)");
  csr_cmd->add_option("--key", csr->key, "Key type: " + ca::KeyTypeChoices())
      ->capture_default_str();
  csr_cmd->add_option("--out", csr->out, "Write the request to this file instead of stdout");
  csr_cmd->callback([csr, &ctx] { ctx.exit_code = RunCsr(ctx, *csr); });
}

}  // namespace phonecert::cli
