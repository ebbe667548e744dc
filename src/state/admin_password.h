#pragma once
// The web administrator's password (part of the State façade): generated at first start, stored only as a salted PBKDF2 hash.
//   Stored form (one line): "pbkdf2-sha256$<iterations>$<salt hex>$<hash hex>"
// Verification is constant-time in the hash comparison. The plain password is never stored or
// logged; the generated one is printed once by phonecertd on first start.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "base/error.h"

namespace phonecert {

inline constexpr std::uint32_t kPbkdf2Iterations = 600000;  // OWASP 2023, PBKDF2-HMAC-SHA256

struct HashOptions {
  std::uint32_t iterations = kPbkdf2Iterations;
};

// A fresh random salt (16 bytes) and the PBKDF2-HMAC-SHA256 hash in the stored form.
Result<std::string> HashPassword(std::string_view password, HashOptions options = {});

// True when `password` matches the stored form. Malformed stored forms are an error
// (Code::kInvalidValue), not a mismatch.
Result<bool> VerifyPassword(std::string_view password, std::string_view stored);

// A random password for first start: 20 characters from an alphabet without look-alikes
// (lower case, no o/0, 1/l), in four groups of five joined by '-': about 100 bits.
Result<std::string> GeneratePassword();

// Constant-time comparison of two byte strings (length differences leak only the length).
bool ConstantTimeEquals(std::string_view a, std::string_view b);

// Random bytes as lower-case hex (2 * bytes characters), for session and CSRF tokens.
Result<std::string> RandomHex(std::size_t bytes);

}  // namespace phonecert
