#pragma once
// Settings: an immutable value holding one validated string per row of the parameter table
// (canonical key → value). Copy it freely; a change makes a new value (With, SettingsBuilder).
// Every value inside has passed ValidateValue, so the typed accessors never fail.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"
#include "settings/parameters.h"

namespace phonecert {

// static.security.default_ssl_method
enum class SslMethod { kTls10 = 0, kAuto = 3, kTls11 = 4, kTls12 = 5, kTls13 = 6 };

// The trust settings of one service after applying its per-service overrides.
struct ServiceTrust {
  bool trust_certificates = true;
  bool cn_validation = false;
  int ca_cert = 2;   // 0 built-in, 1 custom, 2 all
  int dev_cert = 0;  // 0 default, 1 custom
};

class Settings {
 public:
  // Every key at its default.
  static Settings Defaults();

  // The value of a key (canonical, alias or any case); Code::kUnknownKey when unknown.
  // Secrets are returned as stored: callers that show values use DisplayValue.
  Result<std::string> Get(std::string_view key) const;
  // The value as an integer; Code::kInvalidValue when the key is not a choice or is empty.
  Result<int> GetInt(std::string_view key) const;
  // Direct access by row, no lookup.
  const std::string& Value(const Parameter& parameter) const { return values_[parameter.index]; }

  // A copy with one key changed; Code::kUnknownKey or Code::kInvalidValue (naming the
  // permitted values) when refused. The value is taken as written (no trimming).
  Result<Settings> With(std::string_view key, std::string_view value) const;

  // Typed accessors for the keys code uses.
  bool TrustCertificates() const;
  bool CnValidation() const;
  int CaCert() const;   // 0 built-in, 1 custom, 2 all
  int DevCert() const;  // 0 default, 1 custom
  SslMethod DefaultSslMethod() const;
  bool ReserveCerts() const;
  const std::string& TrustedCertificatesUrl() const;
  bool DeleteTrustedCertificates() const;  // the delete key holds http://localhost/all
  const std::string& ServerCertificatesUrl() const;
  bool DeleteServerCertificates() const;
  const std::string& AutoProvisionUrl() const;
  const std::string& AutoProvisionUsername() const;
  const std::string& AutoProvisionPassword() const;
  const std::string& UserPassword() const;
  // The global trust settings with the overrides of `service` (keys::kOverrideServices) applied.
  ServiceTrust ForService(std::string_view service) const;

  bool operator==(const Settings&) const = default;

 private:
  friend class SettingsBuilder;
  Settings() = default;
  const std::string& ByKey(std::string_view key) const;
  int IntByKey(std::string_view key) const;
  std::vector<std::string> values_;  // indexed by Parameter::index
};

// Several changes without a copy per change (the .cfg reader's Apply uses it).
class SettingsBuilder {
 public:
  explicit SettingsBuilder(Settings base) : settings_(std::move(base)) {}
  // Validates, then sets. Code::kInvalidValue naming the permitted values when refused.
  Status Set(const Parameter& parameter, std::string_view value);
  Settings Build() && { return std::move(settings_); }

 private:
  Settings settings_;
};

// One key whose value differs. Values are for people: secrets are masked.
struct Change {
  std::string key;
  std::string old_value;
  std::string new_value;
  std::size_t line = 0;  // the .cfg line whose value won, when the change came from a file
  std::string ToString() const;  // "static.security.ca_cert: 2 (All Certificates) -> 1 (...)"
};

// The keys whose values differ between a and b, in table order.
std::vector<Change> Diff(const Settings& a, const Settings& b);

}  // namespace phonecert
