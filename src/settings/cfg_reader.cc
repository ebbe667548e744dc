#include "settings/cfg_reader.h"

#include <cstring>

namespace phonecert {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f'; }

std::string_view TrimLeft(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size() && IsSpace(s[i])) ++i;
  return s.substr(i);
}

std::string_view TrimRight(std::string_view s) {
  std::size_t n = s.size();
  while (n > 0 && IsSpace(s[n - 1])) --n;
  return s.substr(0, n);
}

std::string_view Trim(std::string_view s) { return TrimRight(TrimLeft(s)); }

// A fragment of the file fit for a one-line message.
std::string Shown(std::string_view s) {
  constexpr std::size_t kMax = 60;
  std::string out = "'";
  for (char c : s.substr(0, kMax)) {
    auto u = static_cast<unsigned char>(c);
    out += (u < 0x20 || u == 0x7f) ? '?' : c;
  }
  if (s.size() > kMax) out += "...";
  out += "'";
  return out;
}

// Splits text into lines at '\n' (a final line without '\n' counts; nothing after a final '\n').
class LineCursor {
 public:
  explicit LineCursor(std::string_view text) : p_(text.data()), end_(text.data() + text.size()) {}
  bool Next(std::string_view& line) {
    if (p_ >= end_) return false;
    const void* nl = std::memchr(p_, '\n', static_cast<std::size_t>(end_ - p_));
    const char* stop = nl ? static_cast<const char*>(nl) : end_;
    line = std::string_view(p_, static_cast<std::size_t>(stop - p_));
    p_ = nl ? stop + 1 : end_;
    ++number_;
    return true;
  }
  std::size_t number() const { return number_; }

 private:
  const char* p_;
  const char* end_;
  std::size_t number_ = 0;
};

class Reader {
 public:
  Reader(const CfgReadOptions& options, CfgParse& out)
      : options_(options), out_(out), last_set_line_(Parameters().size(), 0) {}

  void Line(std::string_view raw, std::size_t n);

 private:
  template <class MakeSentence>
  void Emit(std::size_t line, Severity severity, DiagnosticCode code, MakeSentence make) {
    if (out_.diagnostics.size() >= options_.max_diagnostics) {
      ++out_.counts.diagnostics_dropped;
      return;
    }
    out_.diagnostics.push_back({out_.file, line, severity, code, make()});
  }
  void KnownKey(const Parameter& p, std::string_view value, std::size_t n);

  const CfgReadOptions& options_;
  CfgParse& out_;
  std::vector<std::size_t> last_set_line_;  // per parameter row; 0 = not set in this file
};

void Reader::Line(std::string_view raw, std::size_t n) {
  CfgCounts& c = out_.counts;
  if (!raw.empty() && raw.back() == '\r') raw.remove_suffix(1);
  if (raw.size() > options_.max_line_bytes) {
    ++c.long_lines;
    Emit(n, Severity::kWarning, DiagnosticCode::kLongLine, [&] {
      return "line of " + std::to_string(raw.size()) + " bytes is over the limit of " +
             std::to_string(options_.max_line_bytes) + " and is ignored";
    });
    return;
  }
  std::string_view line = TrimLeft(raw);
  if (line.empty()) {
    ++c.blank;
    return;
  }
  if (line.front() == '#') {
    ++c.comments;
    return;
  }
  std::size_t eq = line.find('=');
  if (eq == std::string_view::npos) {
    ++c.malformed_lines;
    Emit(n, Severity::kWarning, DiagnosticCode::kNoEquals, [&] {
      return "line " + Shown(TrimRight(line)) + " is not `key = value` and is ignored";
    });
    return;
  }
  std::string_view key = TrimRight(line.substr(0, eq));
  std::string_view value = Trim(line.substr(eq + 1));
  if (key.empty()) {
    ++c.malformed_lines;
    Emit(n, Severity::kWarning, DiagnosticCode::kEmptyKey,
         [&] { return "line has no key before '=' and is ignored"; });
    return;
  }
  if (const Parameter* p = FindParameter(key)) {
    KnownKey(*p, value, n);
    return;
  }
  ++c.unknown_keys;
  bool leftover = HasTemplateLeftover(key);
  if (leftover) ++c.template_leftovers;
  Emit(n, Severity::kWarning, DiagnosticCode::kUnknownKey, [&] {
    std::string s = "unknown key " + Shown(key) + " ignored";
    if (leftover) s += " (it holds an unexpanded template placeholder)";
    return s;
  });
}

void Reader::KnownKey(const Parameter& p, std::string_view value, std::size_t n) {
  CfgCounts& c = out_.counts;
  Assignment a{&p, Assignment::Kind::kSet, {}, n};
  if (value.empty()) {
    a.kind = Assignment::Kind::kKeep;
  } else {
    bool null = value == kCfgNull;
    if (null) a.kind = Assignment::Kind::kNull;
    if (auto ok = ValidateValue(p, null ? std::string_view() : value); !ok) {
      ++c.invalid_values;
      bool leftover = HasTemplateLeftover(value);
      if (leftover) ++c.template_leftovers;
      Emit(n, Severity::kWarning, DiagnosticCode::kInvalidValue, [&] {
        std::string s = null ? std::string(kCfgNull) + " (empty) is not a permitted value of " +
                                   std::string(p.key) + "; permitted: " + PermittedValues(p)
                             : ok.error().detail;
        if (leftover) s += "; the value holds an unexpanded template placeholder";
        return s + "; the line is ignored";
      });
      return;
    }
    if (!null) {
      a.value = std::string(value);
      if (std::string_view w = ValueWarning(p, value); !w.empty()) {
        Emit(n, Severity::kWarning, DiagnosticCode::kValueWarning, [&] {
          return std::string(p.key) + " = " + std::string(value) + " (" +
                 std::string(ValueLabel(p, value)) + "): " + std::string(w);
        });
      }
      if (HasTemplateLeftover(value)) {
        ++c.template_leftovers;
        Emit(n, Severity::kWarning, DiagnosticCode::kTemplateLeftover, [&] {
          return "the value of " + std::string(p.key) + " holds an unexpanded template "
                 "placeholder: " + Shown(value) + "; applied as written";
        });
      }
    }
  }
  if (a.kind != Assignment::Kind::kKeep) {
    std::size_t& last = last_set_line_[p.index];
    if (last != 0) {
      ++c.duplicate_keys;
      std::size_t earlier = last;
      Emit(n, Severity::kNote, DiagnosticCode::kDuplicateKey, [&] {
        return std::string(p.key) + " is also set on line " + std::to_string(earlier) +
               "; this later line wins";
      });
    }
    last = n;
  }
  ++c.assignments;
  out_.assignments.push_back(std::move(a));
}

std::unexpected<Error> Refuse(const CfgReadOptions& o, std::string why) {
  return Fail(Code::kBadConfigFile, o.file_name + ": " + why +
                                        "; phones ignore a file that does not begin with '" +
                                        std::string(kCfgHeader) + "'");
}

}  // namespace

Result<CfgParse> ParseCfg(std::string_view text, const CfgReadOptions& options) {
  if (text.starts_with("\xFF\xFE") || text.starts_with("\xFE\xFF")) {
    return Refuse(options, "the file is UTF-16; save it as UTF-8");
  }
  if (text.starts_with(kBom)) text.remove_prefix(kBom.size());
  CfgParse out;
  out.file = options.file_name;
  LineCursor cursor(text);
  std::string_view line;
  bool header = false;
  while (!header && cursor.Next(line)) {
    std::string_view t = Trim(line);
    if (t.empty()) {
      ++out.counts.blank;
      continue;
    }
    if (t != kCfgHeader) {
      return Refuse(options, "line " + std::to_string(cursor.number()) + " is " + Shown(t) +
                                 ", not the header line");
    }
    ++out.counts.comments;
    header = true;
  }
  if (!header) return Refuse(options, "the file is empty");
  Reader reader(options, out);
  while (cursor.Next(line)) reader.Line(line, cursor.number());
  out.counts.lines = cursor.number();
  return out;
}

}  // namespace phonecert
