#include "state/admin_password.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <charconv>
#include <vector>

#include "base/bytes.h"
#include "ossl/error.h"

namespace phonecert {
namespace {

constexpr std::string_view kScheme = "pbkdf2-sha256";
constexpr std::size_t kSaltBytes = 16;
constexpr std::size_t kHashBytes = 32;

Result<std::string> Derive(std::string_view password, std::string_view salt,
                           std::uint32_t iterations) {
  std::string out(kHashBytes, '\0');
  if (PKCS5_PBKDF2_HMAC(password.data(), static_cast<int>(password.size()),
                        reinterpret_cast<const unsigned char*>(salt.data()),
                        static_cast<int>(salt.size()), static_cast<int>(iterations), EVP_sha256(),
                        static_cast<int>(out.size()),
                        reinterpret_cast<unsigned char*>(out.data())) != 1) {
    return ossl::FailWithQueue(Code::kInternal, "cannot derive the password hash");
  }
  return out;
}

// Hex to bytes; empty optional-like result on bad input.
bool FromHex(std::string_view hex, std::string& out) {
  if (hex.size() % 2 != 0) return false;
  out.clear();
  for (std::size_t i = 0; i < hex.size(); i += 2) {
    unsigned value = 0;
    auto [p, ec] = std::from_chars(hex.data() + i, hex.data() + i + 2, value, 16);
    if (ec != std::errc() || p != hex.data() + i + 2) return false;
    out.push_back(static_cast<char>(value));
  }
  return true;
}

std::vector<std::string_view> Split(std::string_view s, char sep) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  for (;;) {
    std::size_t pos = s.find(sep, start);
    parts.push_back(s.substr(start, pos == std::string_view::npos ? s.npos : pos - start));
    if (pos == std::string_view::npos) break;
    start = pos + 1;
  }
  return parts;
}

}  // namespace

Result<std::string> RandomHex(std::size_t bytes) {
  std::string raw(bytes, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(raw.data()), static_cast<int>(raw.size())) != 1) {
    return ossl::FailWithQueue(Code::kInternal, "the random generator failed");
  }
  return ToHex(AsBytes(raw));
}

Result<std::string> HashPassword(std::string_view password, HashOptions options) {
  std::string salt(kSaltBytes, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(salt.data()), static_cast<int>(salt.size())) != 1) {
    return ossl::FailWithQueue(Code::kInternal, "the random generator failed");
  }
  auto hash = Derive(password, salt, options.iterations);
  if (!hash) return std::unexpected(hash.error());
  return std::string(kScheme) + "$" + std::to_string(options.iterations) + "$" +
         ToHex(AsBytes(salt)) + "$" + ToHex(AsBytes(*hash));
}

Result<bool> VerifyPassword(std::string_view password, std::string_view stored) {
  while (!stored.empty() && (stored.back() == '\n' || stored.back() == '\r')) stored.remove_suffix(1);
  auto parts = Split(stored, '$');
  std::uint32_t iterations = 0;
  std::string salt, expected;
  bool ok = parts.size() == 4 && parts[0] == kScheme;
  if (ok) {
    auto [p, ec] = std::from_chars(parts[1].data(), parts[1].data() + parts[1].size(), iterations);
    ok = ec == std::errc() && p == parts[1].data() + parts[1].size() && iterations >= 1000 &&
         iterations <= 100000000 && FromHex(parts[2], salt) && !salt.empty() &&
         FromHex(parts[3], expected) && expected.size() == kHashBytes;
  }
  if (!ok) return Fail(Code::kInvalidValue, "the stored password hash is malformed");
  auto actual = Derive(password, salt, iterations);
  if (!actual) return std::unexpected(actual.error());
  return ConstantTimeEquals(*actual, expected);
}

Result<std::string> GeneratePassword() {
  static constexpr std::string_view kAlphabet = "abcdefghijkmnpqrstuvwxyz23456789";  // 32: no l/o/0/1
  std::string out;
  unsigned char byte = 0;
  int produced = 0;
  while (produced < 20) {
    if (RAND_bytes(&byte, 1) != 1) return ossl::FailWithQueue(Code::kInternal, "the random generator failed");
    // 256 is a multiple of the alphabet's 32 letters, so byte % 32 is uniform.
    static_assert(256 % kAlphabet.size() == 0);
    if (produced > 0 && produced % 5 == 0) out += '-';
    out += kAlphabet[byte % kAlphabet.size()];
    ++produced;
  }
  return out;
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  if (a.empty()) return true;
  return CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace phonecert
