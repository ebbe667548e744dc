#pragma once
// The parameter table: one row per setting of PARAMETERS.md (Yealink-compatible names). The CLI,
// the .cfg reader/writer, the web UI and the REST API all read this table; nothing else holds a
// key's type, permitted values, default, web path or help.
//
// Lookup (FindParameter) accepts
//   - the canonical key, e.g. "static.security.ca_cert";
//   - the same key without the "static." prefix (older files), e.g. "security.ca_cert";
//   - any letter case ("Static.Security.CA_Cert"): Yealink keys are lower case, but hand-edited
//     files are not always, and no two keys differ only in case.
// Adding a key, or a per-service override, is a change of the table in parameters.cc only.
#include <cstddef>
#include <span>
#include <string>
#include <string_view>

#include "base/error.h"

namespace phonecert {

enum class ParamType {
  kChoice,     // one of a few integers (Choice rows)
  kUrl,        // empty, or a URL of at most 511 characters
  kText,       // free text on one line
  kSecret,     // free text on one line, never shown back (masked) and exported only on request
  kDeleteUrl,  // empty, or exactly "http://localhost/all" (an action: delete all)
};

struct Choice {
  int value = 0;
  std::string_view label;    // "Custom Certificates"
  std::string_view warning;  // non-empty: permitted, but setting it deserves a warning
};

struct Parameter {
  std::string_view key;  // canonical: lower case, "static." prefix
  ParamType type = ParamType::kText;
  std::span<const Choice> choices;  // kChoice only
  bool empty_allowed = false;       // kChoice: empty is permitted (per-service "inherit")
  std::string_view default_value;
  std::string_view label;     // the web page's field name, "CA Certificates"
  std::string_view web_path;  // "Security → Trusted Certificates → CA Certificates"; "" if file only
  std::string_view help;      // one line
  bool secret = false;        // never shown back; exported only when asked
  bool file_only = false;     // no web control; provisioning files, CLI and API only
  std::size_t max_length = 0; // characters; 0 = no limit besides the line limit
  std::size_t index = 0;      // row number in Parameters()
};

// Every row, in the table's order (the order of `config list` and of exported files).
std::span<const Parameter> Parameters();

// The row for a key (canonical, alias without "static.", any case), or null when unknown.
const Parameter* FindParameter(std::string_view key);

// Same, with Code::kUnknownKey and a sentence naming the key when unknown.
Result<const Parameter*> LookupParameter(std::string_view key);

// Checks a value (already trimmed) against the row's type and permitted values.
// Code::kInvalidValue with a sentence naming the permitted values when refused.
Status ValidateValue(const Parameter& parameter, std::string_view value);

// "0 (Disabled) or 1 (Enabled)"; "a URL of at most 511 characters, or empty"; ...
std::string PermittedValues(const Parameter& parameter);

// The label of a choice value ("Custom Certificates"), or "" when none applies.
std::string_view ValueLabel(const Parameter& parameter, std::string_view value);

// The warning a permitted value carries ("TLS 1.0 is obsolete ..."), or "".
std::string_view ValueWarning(const Parameter& parameter, std::string_view value);

// The value as shown to people: secrets masked ("********" when set, "" when empty).
std::string DisplayValue(const Parameter& parameter, std::string_view value);

std::string_view TypeName(ParamType type);  // "choice", "url", "text", "secret", "delete-url"

inline constexpr std::size_t kMaxUrlLength = 511;  // PARAMETERS.md
inline constexpr std::string_view kMaskedSecret = "********";
// The .cfg spelling of "set to empty"; never a value itself (ValidateValue refuses it).
inline constexpr std::string_view kCfgNull = "%NULL%";

}  // namespace phonecert
