// The table itself and the key lookup. Values are checked in parameter_values.cc.
#include "settings/parameters.h"

#include <array>
#include <deque>
#include <functional>
#include <string>
#include <unordered_map>
#include <vector>

#include "settings/keys.h"

namespace phonecert {
namespace {

constexpr std::array<Choice, 2> kOnOff = {{{0, "Disabled", ""}, {1, "Enabled", ""}}};
constexpr std::array<Choice, 3> kCaCertChoices = {
    {{0, "Default Certificates", ""}, {1, "Custom Certificates", ""}, {2, "All Certificates", ""}}};
constexpr std::array<Choice, 2> kDevCertChoices = {
    {{0, "Default Certificates", ""}, {1, "Custom Certificates", ""}}};
constexpr std::string_view kOldTlsWarning =
    "TLS 1.0 and 1.1 are obsolete and insecure; use them only for a server that cannot do better";
constexpr std::array<Choice, 5> kSslMethodChoices = {{{0, "TLS 1.0", kOldTlsWarning},
                                                      {3, "auto (TLS 1.2 or 1.3)", ""},
                                                      {4, "TLS 1.1", kOldTlsWarning},
                                                      {5, "TLS 1.2", ""},
                                                      {6, "TLS 1.3", ""}}};

constexpr std::size_t kTextLimit = 511;
constexpr std::string_view kTrusted = "Security → Trusted Certificates → ";
constexpr std::string_view kServer = "Security → Server Certificates → ";
constexpr std::string_view kAutoProvision = "Settings → Auto Provision → ";

struct KeyHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

struct Table {
  std::deque<std::string> strings;  // storage for generated keys, paths and help (stable)
  std::vector<Parameter> rows;
  // Lower-case key without the "static." prefix → row index.
  std::unordered_map<std::string, std::size_t, KeyHash, std::equal_to<>> index;

  std::string_view Keep(std::string s) { return strings.emplace_back(std::move(s)); }
  std::string_view Path(std::string_view prefix, std::string_view field) {
    return Keep(std::string(prefix) + std::string(field));
  }
};

Parameter Row(std::string_view key, ParamType type, std::string_view default_value,
              std::string_view label, std::string_view web_path, std::string_view help) {
  Parameter p;
  p.key = key;
  p.type = type;
  p.default_value = default_value;
  p.label = label;
  p.web_path = web_path;
  p.help = help;
  p.file_only = web_path.empty();
  switch (type) {
    case ParamType::kUrl: p.max_length = kMaxUrlLength; break;
    case ParamType::kText:
    case ParamType::kSecret: p.max_length = kTextLimit; break;
    case ParamType::kChoice:
    case ParamType::kDeleteUrl: break;
  }
  p.secret = type == ParamType::kSecret;
  return p;
}

Parameter ChoiceRow(std::string_view key, std::span<const Choice> choices,
                    std::string_view default_value, std::string_view label,
                    std::string_view web_path, std::string_view help) {
  Parameter p = Row(key, ParamType::kChoice, default_value, label, web_path, help);
  p.choices = choices;
  return p;
}

void AddGlobalRows(Table& t) {
  auto& r = t.rows;
  r.push_back(ChoiceRow(keys::kTrustCertificates, kOnOff, "1", "Only Accept Trusted Certificates",
                        t.Path(kTrusted, "Only Accept Trusted Certificates"),
                        "1: trust a server only if its chain ends in the selected CA certificates; "
                        "0: connect anyway (the result is still computed, logged and counted)"));
  r.push_back(ChoiceRow(keys::kCnValidation, kOnOff, "0", "Common Name Validation",
                        t.Path(kTrusted, "Common Name Validation"),
                        "1: the server's certificate must name the host the phone meant to reach "
                        "(SAN first, CN only without SAN)"));
  r.push_back(ChoiceRow(keys::kCaCert, kCaCertChoices, "2", "CA Certificates",
                        t.Path(kTrusted, "CA Certificates"),
                        "trust anchors used: 0 built-in, 1 custom, 2 both"));
  r.push_back(Row(keys::kTrustedCertificatesUrl, ParamType::kUrl, "",
                  "Load trusted certificates file",
                  t.Path(kTrusted, "Load trusted certificates file"),
                  "fetched at provisioning: one certificate or a bundle; each becomes a custom "
                  "trusted certificate"));
  r.push_back(Row(keys::kTrustedCertificatesDelete, ParamType::kDeleteUrl, "",
                  "Delete trusted certificates", t.Path(kTrusted, "Delete"),
                  "http://localhost/all deletes all custom trusted certificates at provisioning"));
  r.push_back(ChoiceRow(keys::kDevCert, kDevCertChoices, "0", "Device Certificates",
                        t.Path(kServer, "Device Certificates"),
                        "0: default device certificate (unique, else generic); 1: custom"));
  r.push_back(Row(keys::kServerCertificatesUrl, ParamType::kUrl, "",
                  "Load server certificate file", t.Path(kServer, "Load server certificate file"),
                  "fetched at provisioning: certificate chain plus its private key; replaces the "
                  "custom device certificate"));
  r.push_back(Row(keys::kServerCertificatesDelete, ParamType::kDeleteUrl, "",
                  "Delete server certificate", t.Path(kServer, "Delete"),
                  "http://localhost/all deletes the custom device certificate at provisioning"));
  r.push_back(ChoiceRow(keys::kReserveCertsEnable, kOnOff, "0", "Reserve custom certificates", "",
                        "1: custom certificates survive a factory reset"));
  r.push_back(ChoiceRow(keys::kDefaultSslMethod, kSslMethodChoices, "3", "Default SSL method", "",
                        "TLS version the phone uses as a client; auto negotiates TLS 1.2 or 1.3"));
  r.push_back(Row(keys::kAutoProvisionUrl, ParamType::kUrl, "", "Server URL",
                  t.Path(kAutoProvision, "Server URL"),
                  "where the phone fetches y000000000000.cfg and <mac>.cfg"));
  r.push_back(Row(keys::kAutoProvisionUsername, ParamType::kText, "", "User Name",
                  t.Path(kAutoProvision, "User Name"), "user name for the provisioning server"));
  r.push_back(Row(keys::kAutoProvisionPassword, ParamType::kSecret, "", "Password",
                  t.Path(kAutoProvision, "Password"),
                  "password for the provisioning server (never shown back)"));
  r.push_back(Row(keys::kUserPassword, ParamType::kSecret, "", "Administrator password",
                  "Security → Password",
                  "the web administrator's (admin) password; empty: phonecertd generates one at "
                  "first start (never shown back)"));
}

// static.security.<service>.<field> for every service: empty = inherit the global key.
void AddServiceOverrideRows(Table& t) {
  const std::size_t globals = t.rows.size();
  for (std::string_view service : keys::kOverrideServices) {
    for (std::string_view field : {keys::kFieldTrustCertificates, keys::kFieldCaCert,
                                   keys::kFieldDevCert, keys::kFieldCnValidation}) {
      std::string global_key = std::string(keys::kPrefix) + "security." + std::string(field);
      const Parameter* global = nullptr;
      for (std::size_t i = 0; i < globals; ++i) {
        if (t.rows[i].key == global_key) global = &t.rows[i];
      }
      Parameter p = ChoiceRow(t.Keep(keys::ServiceOverride(service, field)), global->choices, "",
                              t.Keep(std::string(global->label) + " (" + std::string(service) +
                                     ")"),
                              "",
                              t.Keep("override of " + global_key + " for " + std::string(service) +
                                     " connections; empty: use the global value"));
      p.empty_allowed = true;
      t.rows.push_back(p);
    }
  }
}

const Table& TheTable() {
  static const Table table = [] {
    Table t;
    AddGlobalRows(t);
    AddServiceOverrideRows(t);
    for (std::size_t i = 0; i < t.rows.size(); ++i) {
      t.rows[i].index = i;
      std::string_view key = t.rows[i].key;
      key.remove_prefix(keys::kPrefix.size());
      t.index.emplace(std::string(key), i);
    }
    return t;
  }();
  return table;
}

constexpr std::size_t kMaxKeyLength = 128;

}  // namespace

std::span<const Parameter> Parameters() { return TheTable().rows; }

const Parameter* FindParameter(std::string_view key) {
  if (key.size() > kMaxKeyLength) return nullptr;
  char lower[kMaxKeyLength];
  for (std::size_t i = 0; i < key.size(); ++i) {
    char c = key[i];
    lower[i] = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  std::string_view k(lower, key.size());
  if (k.starts_with(keys::kPrefix)) k.remove_prefix(keys::kPrefix.size());
  const Table& t = TheTable();
  auto it = t.index.find(k);
  return it == t.index.end() ? nullptr : &t.rows[it->second];
}

Result<const Parameter*> LookupParameter(std::string_view key) {
  if (const Parameter* p = FindParameter(key)) return p;
  std::string shown(key.substr(0, 80));
  if (key.size() > 80) shown += "...";
  return Fail(Code::kUnknownKey,
              "'" + shown + "' is not a phonecert setting (see `phonecert config list`)");
}

}  // namespace phonecert
