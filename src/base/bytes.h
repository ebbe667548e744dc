#pragma once
// Small helpers for byte strings: hex encodings used in fingerprints and serials.
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace phonecert {

// "0a1b2c"
std::string ToHex(std::span<const unsigned char> bytes);
// "0A:1B:2C", the form `openssl x509 -fingerprint` prints
std::string ToColonHex(std::span<const unsigned char> bytes);
// Lower-case hex without separators; accepts colons/spaces in the input. Empty on bad input.
std::string NormalizeHex(std::string_view text);

inline std::span<const unsigned char> AsBytes(std::string_view s) {
  return {reinterpret_cast<const unsigned char*>(s.data()), s.size()};
}

}  // namespace phonecert
