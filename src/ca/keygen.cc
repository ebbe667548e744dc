#include "ca/keygen.h"

#include <array>
#include <cctype>

#include "ossl/error.h"

namespace phonecert::ca {
namespace {

constexpr std::array<KeyType, 5> kAll = {KeyType::kEcP256, KeyType::kEcP384, KeyType::kRsa2048,
                                         KeyType::kRsa3072, KeyType::kRsa4096};

}  // namespace

std::span<const KeyType> AllKeyTypes() { return kAll; }

std::string_view KeyTypeName(KeyType type) {
  switch (type) {
    case KeyType::kEcP256: return "ec-p256";
    case KeyType::kEcP384: return "ec-p384";
    case KeyType::kRsa2048: return "rsa-2048";
    case KeyType::kRsa3072: return "rsa-3072";
    case KeyType::kRsa4096: return "rsa-4096";
  }
  return "ec-p256";
}

std::string KeyTypeChoices() {
  std::string out;
  for (KeyType t : kAll) {
    if (!out.empty()) out += ", ";
    out += KeyTypeName(t);
  }
  return out;
}

Result<KeyType> ParseKeyType(std::string_view name) {
  std::string lower;
  for (char c : name) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (KeyType t : kAll) {
    if (lower == KeyTypeName(t)) return t;
  }
  return Fail(Code::kInvalidArgument, "\"" + std::string(name) +
                                          "\" is not a key type phonecert generates; choose one "
                                          "of " +
                                          KeyTypeChoices());
}

Result<PrivateKey> GenerateKey(KeyType type) {
  ossl::ClearErrors();
  ossl::EvpPkeyPtr key;
  switch (type) {
    case KeyType::kEcP256: key.reset(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256")); break;
    case KeyType::kEcP384: key.reset(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-384")); break;
    case KeyType::kRsa2048:
      key.reset(EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<size_t>(2048)));
      break;
    case KeyType::kRsa3072:
      key.reset(EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<size_t>(3072)));
      break;
    case KeyType::kRsa4096:
      key.reset(EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<size_t>(4096)));
      break;
  }
  if (!key) {
    return ossl::FailWithQueue(Code::kInternal,
                               "generating a " + std::string(KeyTypeName(type)) + " key failed");
  }
  return PrivateKey::Adopt(std::move(key));
}

}  // namespace phonecert::ca
