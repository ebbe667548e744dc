#include "identity/factory_reset.h"

namespace phonecert {

namespace {

Result<FactoryResetResult> Reset(const FactoryResetStores& stores, bool settings_unreadable) {
  FactoryResetResult result;
  std::shared_ptr<const Settings> before = stores.settings.Current();
  result.settings_unreadable = settings_unreadable;
  result.reserved_certificates = settings_unreadable || before->ReserveCerts();
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

}  // namespace

Result<FactoryResetResult> FactoryReset(const FactoryResetStores& stores) {
  return Reset(stores, /*settings_unreadable=*/false);
}

Result<FactoryResetResult> FactoryReset(const StatePaths& paths, TimePoint now) {
  auto trust = TrustStore::Open(paths, TrustStoreOptions{.now = now, .builtin = std::nullopt});
  if (!trust) return std::unexpected(trust.error());
  SettingsStore settings(paths.settings_file());
  bool unreadable = false;
  for (const Diagnostic& d : settings.Load()) {
    unreadable = unreadable || d.code == DiagnosticCode::kBadFile;
  }
  CustomIdentityStore custom(paths.custom_device());
  return Reset(FactoryResetStores{**trust, settings, custom}, unreadable);
}

}  // namespace phonecert
