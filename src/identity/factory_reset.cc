#include "identity/factory_reset.h"

namespace phonecert {

Result<FactoryResetResult> FactoryReset(const FactoryResetStores& stores) {
  FactoryResetResult result;
  std::shared_ptr<const Settings> before = stores.settings.Current();
  result.reserved_certificates = before->ReserveCerts();
  if (!result.reserved_certificates) {
    auto removed = stores.trust.RemoveAll();
    if (!removed) return std::unexpected(removed.error());
    result.trusted_removed = *removed;
    result.device_certificate_removed = stores.custom.Load().identity != nullptr;
    if (auto s = stores.custom.RemoveAll(); !s) return std::unexpected(s.error());
  }
  Settings defaults = Settings::Defaults();
  result.settings_changed = Diff(*before, defaults).size();
  if (auto s = stores.settings.Replace(std::move(defaults)); !s) return std::unexpected(s.error());
  return result;
}

Result<FactoryResetResult> FactoryReset(const StatePaths& paths, TimePoint now) {
  auto trust = TrustStore::Open(paths, TrustStoreOptions{.now = now, .builtin = std::nullopt});
  if (!trust) return std::unexpected(trust.error());
  SettingsStore settings(paths.settings_file());
  settings.Load();
  CustomIdentityStore custom(paths.custom_device());
  return FactoryReset(FactoryResetStores{**trust, settings, custom});
}

}  // namespace phonecert
