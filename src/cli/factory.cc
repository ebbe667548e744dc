// phonecert factory init --mac MAC [--vendor-ca CA.pem --vendor-key CA.key] [--key TYPE] [--force]
// phonecert factory-reset
#include "cli/command.h"
#include "identity/factory.h"
#include "identity/factory_reset.h"
#include "settings/keys.h"
#include "state/state_dir.h"

namespace phonecert::cli {
namespace {

struct InitOptions {
  std::string mac;
  std::string vendor_ca;
  std::string vendor_key;
  std::string key = "ec-p256";
  bool force = false;
};

int RunInit(const Context& ctx, const InitOptions& o) {
  auto key_type = ca::ParseKeyType(o.key);
  if (!key_type) return Report(key_type.error());
  StatePaths paths{StateDir(ctx.global)};
  auto lock = DirectoryLock::Acquire(paths, {});
  if (!lock) return Report(lock.error());
  FactoryInitOptions options;
  options.mac = o.mac;
  if (!o.vendor_ca.empty()) options.vendor_ca = o.vendor_ca;
  if (!o.vendor_key.empty()) options.vendor_key = o.vendor_key;
  options.now = SystemClock().Now();
  options.overwrite = o.force;
  options.key_type = *key_type;
  auto result = FactoryInit(paths, options);
  if (!result) return Report(result.error());
  if (result->development_vendor_ca) {
    std::cerr << "phonecert: warning: no vendor CA given: issued by the development default \""
              << kDevVendorCaCommonName << "\""
              << (result->created_development_vendor_ca ? ", created now" : "")
              << " in the factory directory. Development default, not for production.\n";
  }
  std::cout << "factory part initialised for MAC " << result->mac << "\n"
            << "  unique:  \"" << result->unique->leaf.IssuedTo() << "\" issued by \""
            << result->unique->leaf.IssuedBy() << "\", expires "
            << FormatDate(result->unique->leaf.NotAfter()) << ", key "
            << result->unique->key.Describe() << "\n"
            << "  generic: \"" << result->generic->leaf.IssuedTo() << "\" ("
            << kSharedKeyWarning << ")\n";
  for (const auto& p : result->written) std::cout << "  wrote " << p.string() << "\n";
  return 0;
}

int RunReset(const Context& ctx) {
  StatePaths paths{StateDir(ctx.global)};
  auto lock = DirectoryLock::Acquire(paths, {});
  if (!lock) return Report(lock.error());
  auto result = FactoryReset(paths, SystemClock().Now());
  if (!result) return Report(result.error());
  if (result->settings_unreadable) {
    std::cerr << "phonecert: warning: settings.cfg could not be read, so "
              << keys::kReserveCertsEnable
              << " is unknown: the custom certificates are kept (delete them with `phonecert "
                 "trust remove --all` and `phonecert device remove`)\n";
  } else if (result->reserved_certificates) {
    std::cout << keys::kReserveCertsEnable
              << " = 1: custom trusted certificates and the custom device certificate kept\n";
  } else {
    std::cout << "deleted " << result->trusted_removed << " custom trusted certificate"
              << (result->trusted_removed == 1 ? "" : "s") << "\n"
              << (result->device_certificate_removed ? "deleted the custom device certificate\n"
                                                     : "no custom device certificate to delete\n");
  }
  std::cout << "settings back to their defaults (" << result->settings_changed << " key"
            << (result->settings_changed == 1 ? "" : "s") << " changed)\n"
            << "factory part (unique and generic certificates, MAC) untouched\n";
  return 0;
}

}  // namespace

void RegisterFactory(CLI::App& app, Context& ctx) {
  CLI::App* factory =
      app.add_subcommand("factory", "Manufacturing: the factory part of the state directory");
  factory->require_subcommand(1);
  auto init = std::make_shared<InitOptions>();
  CLI::App* init_cmd = factory->add_subcommand(
      "init",
      "Create the unique device certificate (CN = MAC, key made on the device) and the generic "
      "one, issued by the vendor CA (default: a development CA, not for production)");
  init_cmd->add_option("--mac", init->mac, "The device's MAC address (any usual separators)")
      ->required();
  CLI::Option* ca_opt =
      init_cmd->add_option("--vendor-ca", init->vendor_ca, "Vendor CA certificate (PEM)");
  CLI::Option* key_opt =
      init_cmd->add_option("--vendor-key", init->vendor_key, "Vendor CA private key (PEM)");
  ca_opt->needs(key_opt);
  key_opt->needs(ca_opt);
  init_cmd->add_option("--key", init->key, "Key type of the new keys: " + ca::KeyTypeChoices())
      ->capture_default_str();
  init_cmd->add_flag("--force", init->force, "Replace an initialised factory part");
  init_cmd->callback([init, &ctx] { ctx.exit_code = RunInit(ctx, *init); });

  CLI::App* reset = app.add_subcommand(
      "factory-reset",
      "Delete custom trusted certificates, the custom device certificate and settings (custom "
      "certificates kept when static.phone_setting.reserve_certs_enable = 1)");
  reset->callback([&ctx] { ctx.exit_code = RunReset(ctx); });
}

}  // namespace phonecert::cli
