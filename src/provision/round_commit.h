#pragma once
// Committing a planned round to the three stores, in this order:
//   1. trusted certificates (TrustStore: RemoveAll when the round deletes, then one Add);
//   2. the custom device certificate (CustomIdentityStore: one InstallBytes, or Remove);
//   3. settings.cfg (SettingsStore::Replace, one atomic write).
// Each step is atomic on its own (temp file, fsync, rename, fsync the directory). The round as a
// whole is not one rename: when a step fails, the steps already done are undone (the previous
// custom CAs are put back, the previous device certificate is installed again) before the error
// is returned, and the report notes the rollback. A crash between two steps leaves the earlier
// steps done and the later ones not: e.g. new CAs present, settings not yet changed. The order is
// chosen so that such a state is safe (anchors arrive before the settings that may require them)
// and the next round converges (certificates already present are kept, the same device
// certificate is "unchanged", the settings are applied again).
//
// The caller holds the state directory's lock (and, in a daemon, the State's writer lock).
#include <string>
#include <vector>

#include "base/error.h"
#include "base/time.h"
#include "identity/custom_identity_store.h"
#include "provision/round_plan.h"
#include "settings/settings_store.h"
#include "trust/trust_store.h"

namespace phonecert::provision {

struct RoundStores {
  SettingsStore& settings;
  TrustStore& trust;
  CustomIdentityStore& device;
};

struct CommitPlan {
  const SettingsPlan& settings;
  const TrustPlan& trust;
  const DevicePlan& device;
};

// `notes` receives one line per rollback step. Returns the first error (after the rollback).
Status CommitRound(RoundStores stores, const CommitPlan& plan, TimePoint now,
                   std::vector<std::string>& notes);

}  // namespace phonecert::provision
