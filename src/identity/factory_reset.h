#pragma once
// Factory reset (PARAMETERS.md, static.phone_setting.reserve_certs_enable):
//   reserve_certs_enable = 0: deletes every custom trusted certificate (TrustStore::RemoveAll),
//                             the custom device certificate and the pending `device csr` key;
//   reserve_certs_enable = 1: those custom certificates survive;
//   in both cases settings.cfg goes back to the defaults (so reserve_certs_enable is 0 after it).
// When settings.cfg exists but cannot be read (refused whole), nothing tells whether
// reserve_certs_enable was 1: the custom certificates are kept (deleting cannot be undone) and
// the result says so; the settings are reset all the same.
// The factory part (unique and generic certificates, vendor chain, MAC) is never touched.
// Order: certificates first, settings last, so a crash in between repeats the same decision.
// The caller holds the DirectoryLock.
#include <cstddef>

#include "base/error.h"
#include "base/time.h"
#include "identity/custom_identity_store.h"
#include "settings/settings_store.h"
#include "state/state_dir.h"
#include "trust/trust_store.h"

namespace phonecert {

struct FactoryResetResult {
  bool reserved_certificates = false;  // reserve_certs_enable was 1: custom certificates kept
  std::size_t trusted_removed = 0;     // custom trusted certificates deleted
  bool device_certificate_removed = false;
  std::size_t settings_changed = 0;    // keys that were not at their default
  bool settings_unreadable = false;    // settings.cfg was refused: certificates kept to be safe
};

// The stores of a running process (the daemon), so that their snapshots follow the reset.
struct FactoryResetStores {
  TrustStore& trust;
  SettingsStore& settings;  // already loaded
  CustomIdentityStore& custom;
};
Result<FactoryResetResult> FactoryReset(const FactoryResetStores& stores);

// Opens the stores of a state directory (the CLI), then the same (with the unreadable-settings
// rule above).
Result<FactoryResetResult> FactoryReset(const StatePaths& paths, TimePoint now);

}  // namespace phonecert
