#pragma once
// Reading a Yealink-style provisioning file (.cfg), exactly as PARAMETERS.md says:
//   - the first non-empty line is `#!version:1.0.0.1` (leading white space and a UTF-8 BOM are
//     tolerated); without it the whole file is refused (Code::kBadConfigFile), as phones do;
//   - `key = value`, spaces around `=` optional, CRLF or LF; `#` starts a comment line;
//   - an empty value keeps the current value; `%NULL%` sets it to empty explicitly;
//   - within one file the later line wins;
//   - keys without the `static.` prefix are aliases; keys are matched in any case;
//   - unknown keys (SIP accounts and everything else phonecert does not own) are ignored with a
//     warning naming the line, and counted;
//   - a known key with an invalid value (including a URL over 511 characters) is ignored with a
//     warning naming the line and the permitted values;
//   - template leftovers, lines without `=`, duplicate keys and lines over 64 KiB each give a
//     diagnostic and never stop the rest of the file from applying.
// Reading never changes settings: Apply (cfg_apply.h) does, on a Settings value.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"
#include "settings/diagnostic.h"
#include "settings/parameters.h"

namespace phonecert {

inline constexpr std::string_view kCfgHeader = "#!version:1.0.0.1";

struct Assignment {
  enum class Kind {
    kSet,   // value holds the new, validated value
    kKeep,  // empty value: leave the current value as it is
    kNull,  // %NULL%: set to empty
  };
  const Parameter* parameter = nullptr;  // never null
  Kind kind = Kind::kSet;
  std::string value;  // kSet only
  std::size_t line = 0;
};

struct CfgCounts {
  std::size_t lines = 0;           // physical lines, header included
  std::size_t comments = 0;        // comment lines, header included
  std::size_t blank = 0;
  std::size_t assignments = 0;     // lines accepted for a known key (kSet, kKeep and kNull)
  std::size_t unknown_keys = 0;
  std::size_t invalid_values = 0;
  std::size_t malformed_lines = 0;  // no '=' or empty key
  std::size_t long_lines = 0;
  std::size_t duplicate_keys = 0;
  std::size_t template_leftovers = 0;
  std::size_t diagnostics_dropped = 0;  // over CfgReadOptions::max_diagnostics
};

struct CfgParse {
  std::string file;
  std::vector<Assignment> assignments;  // in file order
  std::vector<Diagnostic> diagnostics;  // in file order, at most max_diagnostics
  CfgCounts counts;
};

struct CfgReadOptions {
  std::string file_name = "<input>";  // names the file in diagnostics and errors
  std::size_t max_diagnostics = 1000;  // more are counted (diagnostics_dropped), not kept
  std::size_t max_line_bytes = 64 * 1024;
};

// Parses a whole file held in memory. Fails only when the file is refused as a whole
// (Code::kBadConfigFile: no header line); everything else becomes a diagnostic.
Result<CfgParse> ParseCfg(std::string_view text, const CfgReadOptions& options);

}  // namespace phonecert
