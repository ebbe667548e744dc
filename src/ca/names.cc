#include "ca/names.h"

#include <arpa/inet.h>

#include <cctype>
#include <optional>

namespace phonecert::ca {
namespace {

std::unexpected<Error> Bad(std::string_view text, const std::string& why) {
  return Fail(Code::kInvalidArgument,
              "\"" + std::string(text) + "\" is not a DNS name or IP address: " + why);
}

std::optional<std::string> ParseIp(std::string_view text) {
  std::string s(text);
  if (s.size() > 2 && s.front() == '[' && s.back() == ']') s = s.substr(1, s.size() - 2);
  unsigned char buf[16];
  char out[INET6_ADDRSTRLEN] = {};
  if (inet_pton(AF_INET, s.c_str(), buf) == 1) {
    if (inet_ntop(AF_INET, buf, out, sizeof out)) return std::string(out);
  }
  if (inet_pton(AF_INET6, s.c_str(), buf) == 1) {
    if (inet_ntop(AF_INET6, buf, out, sizeof out)) return std::string(out);
  }
  return std::nullopt;
}

bool AllDigits(std::string_view s) {
  for (char c : s) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  return !s.empty();
}

}  // namespace

Result<AltName> ParseAltName(std::string_view text) {
  if (text.empty()) return Fail(Code::kInvalidArgument, "the name is empty");
  if (auto ip = ParseIp(text)) return AltName{NameKind::kIp, *ip};

  std::string name;
  for (char c : text) name += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (name.size() > 1 && name.back() == '.') name.pop_back();
  if (name.size() > 253) {
    return Bad(text, "it has " + std::to_string(name.size()) + " characters, at most 253 are allowed");
  }
  std::size_t labels = 0;
  std::string last;
  std::size_t start = 0;
  while (start <= name.size()) {
    std::size_t dot = name.find('.', start);
    if (dot == std::string::npos) dot = name.size();
    std::string label = name.substr(start, dot - start);
    if (label.empty()) return Bad(text, "it has an empty label (two dots in a row or a leading dot)");
    if (label == "*") {
      if (labels != 0) return Bad(text, "a wildcard is allowed only as the whole first label");
    } else {
      if (label.size() > 63) return Bad(text, "the label \"" + label + "\" is longer than 63 characters");
      for (char c : label) {
        unsigned char u = static_cast<unsigned char>(c);
        if (u >= 0x80) return Bad(text, "it has non-ASCII characters; write it in punycode (xn--...)");
        if (!std::isalnum(u) && c != '-') {
          return Bad(text, std::string("'") + c + "' is not allowed (letters, digits, hyphens and dots only)");
        }
      }
      if (label.front() == '-' || label.back() == '-') {
        return Bad(text, "the label \"" + label + "\" starts or ends with a hyphen");
      }
    }
    ++labels;
    last = label;
    start = dot + 1;
  }
  if (AllDigits(last)) return Bad(text, "its last label is all digits (and it is not an IP address)");
  if (name.starts_with("*") && labels < 3) {
    return Bad(text, "a wildcard needs at least two labels after it (*.corp.test)");
  }
  return AltName{NameKind::kDns, name};
}

std::string ToString(const AltName& name) {
  return (name.kind == NameKind::kDns ? "DNS:" : "IP:") + name.value;
}

std::string FileStem(const AltName& name) {
  std::string out;
  for (char c : name.value) {
    if (c == '*') {
      out += "_wildcard";
    } else if (c == ':') {
      out += '_';
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace phonecert::ca
