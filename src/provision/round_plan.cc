#include "provision/round_plan.h"

#include <algorithm>

#include "provision/provision_url.h"
#include "settings/cfg_apply.h"
#include "settings/parameters.h"
#include "trust/trust_store.h"
#include "x509/load.h"

namespace phonecert::provision {
namespace {

// The settings with every action key (kDeleteUrl) emptied.
Settings ClearActions(const Settings& s) {
  SettingsBuilder builder(s);
  for (const Parameter& p : Parameters()) {
    if (p.type == ParamType::kDeleteUrl) (void)builder.Set(p, "");
  }
  return std::move(builder).Build();
}

std::string ForReport(const Parameter* p, const std::string& value) {
  return p && p->type == ParamType::kUrl ? RedactUrl(value) : value;
}

bool ContainsCert(const std::vector<Anchor>& anchors, const Certificate& c) {
  return std::any_of(anchors.begin(), anchors.end(),
                     [&](const Anchor& a) { return a.certificate == c; });
}

CertificateRecord Record(const std::string& store, const std::string& action,
                         const Certificate& c) {
  CertificateRecord r;
  r.store = store;
  r.action = action;
  r.issued_to = c.IssuedTo();
  r.issued_by = c.IssuedBy();
  r.expiration = FormatDate(c.NotAfter());
  r.sha256 = c.Sha256();
  return r;
}

Error Named(const Error& e, const std::string& source) {
  Error out = e;
  out.detail = source + ": " + e.detail;
  return out;
}

}  // namespace

SettingsPlan PlanSettings(const Settings& base, std::span<const CfgParse> files) {
  SettingsPlan plan;
  Settings s = ClearActions(base);
  for (const CfgParse& file : files) {
    ApplyResult applied = Apply(s, file);
    for (const Change& c : applied.changes) {
      const Parameter* p = FindParameter(c.key);
      if (p && p->type == ParamType::kDeleteUrl) continue;  // reported as an action
      plan.changes.push_back(
          {file.file, c.line, c.key, ForReport(p, c.old_value), ForReport(p, c.new_value)});
    }
    plan.diagnostics.insert(plan.diagnostics.end(), applied.diagnostics.begin(),
                            applied.diagnostics.end());
    s = std::move(applied.settings);
  }
  plan.delete_trusted = s.DeleteTrustedCertificates();
  plan.delete_device = s.DeleteServerCertificates();
  plan.next = ClearActions(s);
  // A delete value stored before (by hand) is cleared too: say so.
  for (const Change& c : Diff(base, plan.next)) {
    const Parameter* p = FindParameter(c.key);
    if (p && p->type == ParamType::kDeleteUrl) plan.changes.push_back({"", 0, c.key, c.old_value, ""});
  }
  return plan;
}

Result<TrustPlan> PlanTrust(const TrustSnapshot& current, bool delete_all,
                            const std::optional<std::string>& data, const std::string& source) {
  TrustPlan plan;
  plan.delete_all = delete_all;
  plan.before = current.custom();
  if (delete_all) plan.removed = plan.before;
  std::vector<Anchor> kept = delete_all ? std::vector<Anchor>{} : plan.before;
  if (data) {
    auto loaded = LoadCertificates(*data);
    if (!loaded) return std::unexpected(Named(loaded.error(), source));
    if (loaded->key) {
      return Fail(Code::kInvalidValue,
                  source + ": the trusted certificates file holds a private key; it must hold CA "
                           "certificates only (is it the server certificate file?)");
    }
    for (const Certificate& c : loaded->certificates) {
      const bool twice = std::find(plan.add.begin(), plan.add.end(), c) != plan.add.end() ||
                         std::find(plan.already_present.begin(), plan.already_present.end(), c) !=
                             plan.already_present.end();
      if (twice) continue;
      if (ContainsCert(kept, c)) {
        plan.already_present.push_back(c);
      } else {
        plan.add.push_back(c);
      }
    }
  }
  plan.count_after = kept.size() + plan.add.size();
  if (plan.count_after > kMaxCustomAnchors) {
    return Fail(Code::kTrustStoreFull,
                source + ": adding " + std::to_string(plan.add.size()) +
                    " certificate(s) to the " + std::to_string(kept.size()) +
                    " custom CA certificate(s) kept would make " +
                    std::to_string(plan.count_after) + "; the limit is " +
                    std::to_string(kMaxCustomAnchors));
  }
  return plan;
}

Result<DevicePlan> PlanDevice(const CustomState& current, bool delete_all,
                              const std::optional<std::string>& data, TimePoint now,
                              const std::string& source) {
  DevicePlan plan;
  plan.before = current.identity;
  if (!data) {
    plan.remove = delete_all && plan.before != nullptr;
    return plan;
  }
  auto loaded = LoadBytes(*data);
  if (!loaded) return std::unexpected(Named(loaded.error(), source));
  CustomValidateOptions validate;
  validate.now = now;
  validate.pending_key = current.pending_key;
  if (plan.before && !delete_all) validate.installed_key = plan.before->key;
  auto valid = ValidateCustomIdentity(*loaded, validate);
  if (!valid) return std::unexpected(Named(valid.error(), source));
  const Identity& incoming = valid->identity;
  if (!delete_all && plan.before && plan.before->leaf == incoming.leaf &&
      plan.before->chain == incoming.chain) {
    plan.unchanged = true;
    plan.incoming = std::move(*valid);
    return plan;
  }
  plan.install = *data;
  plan.incoming = std::move(*valid);
  return plan;
}

std::vector<CertificateRecord> TrustRecords(const TrustPlan& plan) {
  std::vector<CertificateRecord> out;
  for (const Anchor& a : plan.removed) {
    CertificateRecord r = Record("trusted", "deleted", a.certificate);
    out.push_back(std::move(r));
  }
  for (const Certificate& c : plan.add) {
    CertificateRecord r = Record("trusted", "added", c);
    if (!c.IsCa()) r.notes.push_back("not a CA certificate");
    out.push_back(std::move(r));
  }
  for (const Certificate& c : plan.already_present) {
    out.push_back(Record("trusted", "already_present", c));
  }
  return out;
}

std::vector<CertificateRecord> DeviceRecords(const DevicePlan& plan) {
  std::vector<CertificateRecord> out;
  if (plan.remove && plan.before) out.push_back(Record("device", "deleted", plan.before->leaf));
  if (plan.incoming) {
    const char* action = plan.unchanged          ? "unchanged"
                         : plan.before != nullptr ? "replaced"
                                                  : "installed";
    CertificateRecord r = Record("device", action, plan.incoming->identity.leaf);
    r.notes = plan.incoming->notes;
    if (plan.incoming->used_pending_key) r.notes.push_back("uses the key made by `device csr`");
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace phonecert::provision
