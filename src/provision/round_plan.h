#pragma once
// Planning a provisioning round: pure functions from what was fetched and the current state to
// what the round will write. Nothing here touches a file or the network, so a round can compute
// everything, refuse the whole round on any problem, and only then commit (round_commit.h).
//
// Settings (PlanSettings): the files are applied in order (common, then MAC: the later file wins)
// to the current settings. The delete keys (ParamType::kDeleteUrl: static.trusted_certificates.
// delete and static.server_certificates.delete) are actions, not standing orders: they act when
// a file of this round sets them to http://localhost/all, and are never stored (a stored value
// is cleared by the round), so a round without them never deletes.
//
// Trusted certificates (PlanTrust): one certificate or a bundle (PEM, DER, PKCS#12 without
// password). Certificates already custom are left as they are ("already_present"), so the same
// file every round changes nothing; the deletion (when asked) comes first; the result may hold
// at most kMaxCustomAnchors (an 11th refuses the whole round). A file with a private key is
// refused: a CA file never needs one (it is most likely the device certificate file).
//
// Device certificate (PlanDevice): chain + key, validated as `phonecert device install` does
// (LoadBytes, then ValidateCustomIdentity with the pending and installed keys, not expired).
// The same certificate and chain as installed is "unchanged" and written again not at all.
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "base/error.h"
#include "base/time.h"
#include "identity/custom_identity_store.h"
#include "provision/round_report.h"
#include "settings/cfg_reader.h"
#include "settings/settings.h"
#include "trust/snapshot.h"
#include "x509/certificate.h"

namespace phonecert::provision {

struct SettingsPlan {
  Settings next = Settings::Defaults();  // to be stored (the delete actions cleared)
  bool delete_trusted = false;
  bool delete_device = false;
  std::vector<KeyChange> changes;        // URL values redacted, secrets masked
  std::vector<Diagnostic> diagnostics;
};

// `files` in application order (common first).
SettingsPlan PlanSettings(const Settings& base, std::span<const CfgParse> files);

struct TrustPlan {
  bool delete_all = false;
  std::vector<Anchor> removed;               // the custom anchors the deletion removes
  std::vector<Certificate> add;              // new custom anchors, in file order
  std::vector<Certificate> already_present;  // in the file and already custom (kept)
  std::vector<Anchor> before;                // the custom anchors before the round
  std::size_t count_after = 0;

  bool changes() const { return (delete_all && !removed.empty()) || !add.empty(); }
};

// `data`: the fetched file, or nullopt when no URL is set. Errors: the loader's codes,
// Code::kNotCertificate (no certificate), Code::kInvalidValue (a private key in the file),
// Code::kTrustStoreFull (more than kMaxCustomAnchors in the end).
Result<TrustPlan> PlanTrust(const TrustSnapshot& current, bool delete_all,
                            const std::optional<std::string>& data, const std::string& source);

struct DevicePlan {
  bool remove = false;                              // remove the installed one, install nothing
  std::optional<std::string> install;               // bytes for CustomIdentityStore::InstallBytes
  std::shared_ptr<const Identity> before;           // the installed one (null: none)
  std::optional<ValidatedCustomIdentity> incoming;  // the validated new one
  bool unchanged = false;                           // the file holds the installed certificate

  bool changes() const { return remove || install.has_value(); }
};

// `data`: the fetched file, or nullopt when no URL is set. Errors: the loader's and
// ValidateCustomIdentity's codes, with `source` named in the sentence.
Result<DevicePlan> PlanDevice(const CustomState& current, bool delete_all,
                              const std::optional<std::string>& data, TimePoint now,
                              const std::string& source);

// Report records for the plans (what was or would be done).
std::vector<CertificateRecord> TrustRecords(const TrustPlan& plan);
std::vector<CertificateRecord> DeviceRecords(const DevicePlan& plan);

}  // namespace phonecert::provision
