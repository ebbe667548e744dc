#include "settings/settings.h"

#include <charconv>

#include "settings/keys.h"

namespace phonecert {
namespace {

int ParseInt(std::string_view s, int fallback) {
  int v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  return (ec == std::errc() && end == s.data() + s.size()) ? v : fallback;
}

std::string Labelled(const Parameter& p, const std::string& value) {
  if (p.secret) return value.empty() ? "(empty)" : std::string(kMaskedSecret);
  if (value.empty()) return "(empty)";
  std::string out = value;
  if (std::string_view label = ValueLabel(p, value); !label.empty()) {
    out += " (" + std::string(label) + ")";
  }
  return out;
}

}  // namespace

Settings Settings::Defaults() {
  Settings s;
  for (const Parameter& p : Parameters()) s.values_.emplace_back(p.default_value);
  return s;
}

Result<std::string> Settings::Get(std::string_view key) const {
  auto p = LookupParameter(key);
  if (!p) return std::unexpected(p.error());
  return Value(**p);
}

Result<int> Settings::GetInt(std::string_view key) const {
  auto p = LookupParameter(key);
  if (!p) return std::unexpected(p.error());
  const std::string& v = Value(**p);
  if ((*p)->type != ParamType::kChoice || v.empty()) {
    return Fail(Code::kInvalidValue,
                std::string((*p)->key) + " does not hold a number (its value is '" +
                    DisplayValue(**p, v) + "')");
  }
  return ParseInt(v, 0);
}

Result<Settings> Settings::With(std::string_view key, std::string_view value) const {
  auto p = LookupParameter(key);
  if (!p) return std::unexpected(p.error());
  SettingsBuilder b(*this);
  if (auto s = b.Set(**p, value); !s) return std::unexpected(s.error());
  return std::move(b).Build();
}

const std::string& Settings::ByKey(std::string_view key) const {
  return Value(*FindParameter(key));  // keys:: constants are always in the table
}

int Settings::IntByKey(std::string_view key) const {
  const Parameter& p = *FindParameter(key);
  return ParseInt(Value(p), ParseInt(p.default_value, 0));
}

bool Settings::TrustCertificates() const { return IntByKey(keys::kTrustCertificates) == 1; }
bool Settings::CnValidation() const { return IntByKey(keys::kCnValidation) == 1; }
int Settings::CaCert() const { return IntByKey(keys::kCaCert); }
int Settings::DevCert() const { return IntByKey(keys::kDevCert); }
SslMethod Settings::DefaultSslMethod() const {
  return static_cast<SslMethod>(IntByKey(keys::kDefaultSslMethod));
}
bool Settings::ReserveCerts() const { return IntByKey(keys::kReserveCertsEnable) == 1; }
const std::string& Settings::TrustedCertificatesUrl() const {
  return ByKey(keys::kTrustedCertificatesUrl);
}
bool Settings::DeleteTrustedCertificates() const {
  return ByKey(keys::kTrustedCertificatesDelete) == keys::kDeleteAllUrl;
}
const std::string& Settings::ServerCertificatesUrl() const {
  return ByKey(keys::kServerCertificatesUrl);
}
bool Settings::DeleteServerCertificates() const {
  return ByKey(keys::kServerCertificatesDelete) == keys::kDeleteAllUrl;
}
const std::string& Settings::AutoProvisionUrl() const { return ByKey(keys::kAutoProvisionUrl); }
const std::string& Settings::AutoProvisionUsername() const {
  return ByKey(keys::kAutoProvisionUsername);
}
const std::string& Settings::AutoProvisionPassword() const {
  return ByKey(keys::kAutoProvisionPassword);
}
const std::string& Settings::UserPassword() const { return ByKey(keys::kUserPassword); }

ServiceTrust Settings::ForService(std::string_view service) const {
  ServiceTrust t{TrustCertificates(), CnValidation(), CaCert(), DevCert()};
  auto override_of = [&](std::string_view field, int global) {
    const Parameter* p = FindParameter(keys::ServiceOverride(service, field));
    if (!p || Value(*p).empty()) return global;
    return ParseInt(Value(*p), global);
  };
  t.trust_certificates = override_of(keys::kFieldTrustCertificates, t.trust_certificates) == 1;
  t.cn_validation = override_of(keys::kFieldCnValidation, t.cn_validation) == 1;
  t.ca_cert = override_of(keys::kFieldCaCert, t.ca_cert);
  t.dev_cert = override_of(keys::kFieldDevCert, t.dev_cert);
  return t;
}

Status SettingsBuilder::Set(const Parameter& parameter, std::string_view value) {
  if (auto s = ValidateValue(parameter, value); !s) return s;
  settings_.values_[parameter.index] = std::string(value);
  return {};
}

std::string Change::ToString() const { return key + ": " + old_value + " -> " + new_value; }

std::vector<Change> Diff(const Settings& a, const Settings& b) {
  std::vector<Change> out;
  for (const Parameter& p : Parameters()) {
    const std::string& va = a.Value(p);
    const std::string& vb = b.Value(p);
    if (va != vb) out.push_back({std::string(p.key), Labelled(p, va), Labelled(p, vb)});
  }
  return out;
}

}  // namespace phonecert
