#include "provision/round_commit.h"

#include "x509/load.h"

namespace phonecert::provision {
namespace {

std::vector<Certificate> Certificates(const std::vector<Anchor>& anchors) {
  std::vector<Certificate> out;
  out.reserve(anchors.size());
  for (const Anchor& a : anchors) out.push_back(a.certificate);
  return out;
}

// Puts the custom anchors back as they were before the round.
void RestoreTrust(TrustStore& trust, const TrustPlan& plan, TimePoint now,
                  std::vector<std::string>& notes) {
  auto removed = trust.RemoveAll();
  Status restored;
  if (removed && !plan.before.empty()) {
    auto added = trust.Add(ToPem(Certificates(plan.before)), {.now = now, .password = {}});
    if (!added) restored = std::unexpected(added.error());
  } else if (!removed) {
    restored = std::unexpected(removed.error());
  }
  notes.push_back(restored ? "rollback: the previous " + std::to_string(plan.before.size()) +
                                 " custom CA certificate(s) were put back"
                           : "rollback of the custom CA certificates FAILED: " +
                                 restored.error().detail);
}

// Installs the previous custom device certificate again (or removes the new one).
void RestoreDevice(CustomIdentityStore& device, const DevicePlan& plan, TimePoint now,
                   std::vector<std::string>& notes) {
  Status restored;
  if (plan.before) {
    std::vector<Certificate> chain{plan.before->leaf};
    chain.insert(chain.end(), plan.before->chain.begin(), plan.before->chain.end());
    std::string data = ToPem(chain) + plan.before->key.ToPkcs8PemForStorage();
    auto installed = device.InstallBytes(
        data, {.now = now, .password = std::nullopt, .allow_expired = true});
    if (!installed) restored = std::unexpected(installed.error());
  } else {
    auto removed = device.Remove();
    if (!removed) restored = std::unexpected(removed.error());
  }
  notes.push_back(restored ? "rollback: the previous custom device certificate state was put back"
                           : "rollback of the custom device certificate FAILED: " +
                                 restored.error().detail);
}

}  // namespace

Status CommitRound(RoundStores stores, const CommitPlan& plan, TimePoint now,
                   std::vector<std::string>& notes) {
  const TrustPlan& trust = plan.trust;
  const DevicePlan& device = plan.device;

  // 1. Trusted certificates.
  if (trust.changes()) {
    if (trust.delete_all && !trust.removed.empty()) {
      if (auto r = stores.trust.RemoveAll(); !r) return std::unexpected(r.error());
    }
    if (!trust.add.empty()) {
      auto added = stores.trust.Add(ToPem(trust.add), {.now = now, .password = {}});
      if (!added) {
        if (trust.delete_all && !trust.removed.empty()) RestoreTrust(stores.trust, trust, now, notes);
        return std::unexpected(added.error());
      }
    }
  }

  // 2. The custom device certificate.
  if (device.changes()) {
    Status done;
    if (device.install) {
      auto installed = stores.device.InstallBytes(
          *device.install, {.now = now, .password = std::nullopt, .allow_expired = false});
      if (!installed) done = std::unexpected(installed.error());
    } else {
      auto removed = stores.device.Remove();
      if (!removed) done = std::unexpected(removed.error());
    }
    if (!done) {
      // The store switches to a new certificate in one rename; a failure after it (tidying up)
      // still leaves the new one in force, so put the previous one back either way.
      RestoreDevice(stores.device, device, now, notes);
      if (trust.changes()) RestoreTrust(stores.trust, trust, now, notes);
      return done;
    }
  }

  // 3. Settings.
  if (!(*stores.settings.Current() == plan.settings.next)) {
    if (auto s = stores.settings.Replace(plan.settings.next); !s) {
      if (device.changes()) RestoreDevice(stores.device, device, now, notes);
      if (trust.changes()) RestoreTrust(stores.trust, trust, now, notes);
      return s;
    }
  }
  return {};
}

}  // namespace phonecert::provision
