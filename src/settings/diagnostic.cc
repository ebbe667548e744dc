#include "settings/diagnostic.h"

namespace phonecert {

std::string_view DiagnosticCodeName(DiagnosticCode code) {
  switch (code) {
    case DiagnosticCode::kUnknownKey: return "unknown_key";
    case DiagnosticCode::kInvalidValue: return "invalid_value";
    case DiagnosticCode::kNoEquals: return "no_equals";
    case DiagnosticCode::kEmptyKey: return "empty_key";
    case DiagnosticCode::kLongLine: return "long_line";
    case DiagnosticCode::kDuplicateKey: return "duplicate_key";
    case DiagnosticCode::kTemplateLeftover: return "template_leftover";
    case DiagnosticCode::kValueWarning: return "value_warning";
    case DiagnosticCode::kBadFile: return "bad_file";
  }
  return "unknown";
}

std::string_view SeverityName(Severity severity) {
  switch (severity) {
    case Severity::kNote: return "note";
    case Severity::kWarning: return "warning";
    case Severity::kError: return "error";
  }
  return "warning";
}

std::string Diagnostic::ToString() const {
  std::string out = file;
  if (line > 0) out += ":" + std::to_string(line);
  out += ": ";
  out += SeverityName(severity);
  out += ": ";
  out += sentence;
  out += " [";
  out += DiagnosticCodeName(code);
  out += "]";
  return out;
}

namespace {

bool IsNameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '.' || c == '-';
}

// `open` then at least one name character then `close`, starting at i.
bool Placeholder(std::string_view s, std::size_t i, std::string_view open,
                 std::string_view close) {
  if (s.substr(i, open.size()) != open) return false;
  std::size_t j = i + open.size();
  std::size_t start = j;
  while (j < s.size() && IsNameChar(s[j])) ++j;
  return j > start && s.substr(j, close.size()) == close;
}

}  // namespace

bool HasTemplateLeftover(std::string_view s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    switch (s[i]) {
      case '{':
        if (Placeholder(s, i, "{$", "}")) return true;
        break;
      case '%':
        if (Placeholder(s, i, "%%", "%%")) return true;
        break;
      case '@':
        if (Placeholder(s, i, "@", "@")) return true;
        break;
      default: break;
    }
  }
  return false;
}

}  // namespace phonecert
