#pragma once
// Key generation for the CA toolkit: the key types an administrator may choose, by their CLI names.
#include <span>
#include <string>
#include <string_view>

#include "base/error.h"
#include "x509/private_key.h"

namespace phonecert::ca {

enum class KeyType { kEcP256, kEcP384, kRsa2048, kRsa3072, kRsa4096 };

// Every choice, in the order the CLI lists them.
std::span<const KeyType> AllKeyTypes();
// "ec-p256", "ec-p384", "rsa-2048", "rsa-3072", "rsa-4096"
std::string_view KeyTypeName(KeyType type);
// "ec-p256, ec-p384, rsa-2048, rsa-3072, rsa-4096"
std::string KeyTypeChoices();
// Accepts exactly the names above (case-insensitive); otherwise Code::kInvalidArgument naming
// the choices.
Result<KeyType> ParseKeyType(std::string_view name);

// A fresh key from OpenSSL's default random source (EVP_PKEY_Q_keygen).
Result<PrivateKey> GenerateKey(KeyType type);

}  // namespace phonecert::ca
