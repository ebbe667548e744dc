#include "base/bytes.h"

#include <cctype>

namespace phonecert {
namespace {
constexpr char kLower[] = "0123456789abcdef";
constexpr char kUpper[] = "0123456789ABCDEF";
}  // namespace

std::string ToHex(std::span<const unsigned char> bytes) {
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char b : bytes) {
    out += kLower[b >> 4];
    out += kLower[b & 0xf];
  }
  return out;
}

std::string ToColonHex(std::span<const unsigned char> bytes) {
  std::string out;
  out.reserve(bytes.size() * 3);
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    if (i) out += ':';
    out += kUpper[bytes[i] >> 4];
    out += kUpper[bytes[i] & 0xf];
  }
  return out;
}

std::string NormalizeHex(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == ':' || c == ' ') continue;
    if (!std::isxdigit(static_cast<unsigned char>(c))) return {};
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

}  // namespace phonecert
