#include "base/mac.h"

#include <cctype>

namespace phonecert {
namespace {

constexpr std::string_view kForms =
    "write it as 12 hex digits, optionally separated as 00:15:65:aa:bb:cc, 00-15-65-aa-bb-cc or "
    "0015.65aa.bbcc";

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

bool IsHex(char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; }

std::unexpected<Error> Invalid(std::string_view text, std::string_view why) {
  return Fail(Code::kInvalidMac, "\"" + std::string(text) + "\" is not a MAC address (" +
                                     std::string(why) + "); " + std::string(kForms));
}

// The hex digits of `s` when it is groups of `group` hex digits separated by `sep`.
bool SplitGroups(std::string_view s, char sep, std::size_t group, std::string& out) {
  std::size_t expected = 12 + (12 / group - 1);
  if (s.size() != expected) return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    bool sep_pos = (i + 1) % (group + 1) == 0;
    if (sep_pos) {
      if (s[i] != sep) return false;
    } else {
      if (!IsHex(s[i])) return false;
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(s[i])));
    }
  }
  return true;
}

}  // namespace

Result<std::string> NormalizeMac(std::string_view text) {
  std::string_view s = Trim(text);
  if (s.empty()) return Fail(Code::kInvalidMac, "the MAC address is empty; " + std::string(kForms));
  std::string hex;
  bool ok = false;
  if (s.find(':') != std::string_view::npos) {
    ok = SplitGroups(s, ':', 2, hex);
  } else if (s.find('-') != std::string_view::npos) {
    ok = SplitGroups(s, '-', 2, hex);
  } else if (s.find('.') != std::string_view::npos) {
    ok = SplitGroups(s, '.', 4, hex);
  } else {
    ok = SplitGroups(s, '\0', 12, hex);
  }
  if (!ok) {
    std::size_t digits = 0;
    for (char c : s) {
      if (IsHex(c)) {
        ++digits;
      } else if (c != ':' && c != '-' && c != '.') {
        return Invalid(s, std::string("'") + c + "' is not a hex digit");
      }
    }
    if (digits != 12) {
      return Invalid(s, "it has " + std::to_string(digits) + " hex digits, a MAC has 12");
    }
    return Invalid(s, "the separators are mixed or misplaced");
  }
  if (hex == "000000000000") return Invalid(s, "the all-zero address is not a device address");
  if (hex == "ffffffffffff") return Invalid(s, "the broadcast address is not a device address");
  return hex;
}

}  // namespace phonecert
