#pragma once
// A finding about one line of a .cfg file: what the administrator should read, never a reason
// to stop applying the rest of the file.
#include <cstddef>
#include <string>
#include <string_view>

namespace phonecert {

enum class Severity { kNote, kWarning, kError };

enum class DiagnosticCode {
  kUnknownKey,        // a key phonecert does not own (SIP accounts, ...): ignored
  kInvalidValue,      // a known key with a value outside its permitted values: ignored
  kNoEquals,          // a line that is neither blank, a comment nor `key = value`: ignored
  kEmptyKey,          // `= value`: ignored
  kLongLine,          // a line over the line limit (64 KiB): ignored
  kDuplicateKey,      // a key set again later in the file: the later line wins
  kTemplateLeftover,  // `{$mac}`, `%%var%%`, `@VAR@` left by a template engine
  kValueWarning,      // a permitted value that deserves a warning (TLS 1.0)
  kBadFile,           // the whole file was refused (Error severity)
};

// Stable names, e.g. "unknown_key".
std::string_view DiagnosticCodeName(DiagnosticCode code);
std::string_view SeverityName(Severity severity);  // "note", "warning", "error"

struct Diagnostic {
  std::string file;
  std::size_t line = 0;  // 1-based; 0 when about the whole file
  Severity severity = Severity::kWarning;
  DiagnosticCode code = DiagnosticCode::kUnknownKey;
  std::string sentence;

  // "y000000000000.cfg:12: warning: unknown key 'account.1.label' ignored [unknown_key]"
  std::string ToString() const;
};

// True when the text holds a template engine's leftover: `{$name}`, `%%name%%` or `@NAME@`.
bool HasTemplateLeftover(std::string_view text);

}  // namespace phonecert
