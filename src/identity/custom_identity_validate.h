#pragma once
// Validating an uploaded custom device certificate before it may replace the installed one.
// Pure: no file access, no clock (the time is passed in). Each refusal has its own Code and a
// sentence naming the reason:
//   Code::kNotCertificate   the input holds no certificate
//   Code::kNoPrivateKey     no private key in the input and no key on the device to use
//   Code::kKeyMismatch      the key (or the pending / installed key) belongs to none of the
//                           certificates
//   Code::kCaAsLeaf         the certificate the key belongs to is a CA certificate
//   Code::kExpired          the certificate has expired (unless allow_expired)
//   Code::kNotYetValid      the certificate is not valid yet (unless allow_expired)
// Parse refusals (too large, encrypted key without passphrase, wrong password, ...) come from
// LoadBytes before this step.
// What the caller must still do: write the result atomically (CustomIdentityStore).
#include <optional>
#include <string>
#include <vector>

#include "base/time.h"
#include "identity/device_identity.h"
#include "x509/load.h"

namespace phonecert {

struct CustomValidateOptions {
  TimePoint now;
  // Accept a certificate outside its validity period (expired or not yet valid). A phone that
  // presents an expired certificate breaks its clients, so this is off by default.
  bool allow_expired = false;
  // The key `device csr` made and kept on the device; used when the input holds no key.
  std::optional<PrivateKey> pending_key;
  // The installed custom certificate's key; used when the input holds no key and the pending
  // key does not match (a certificate renewed for the same key, or the same one with its chain).
  std::optional<PrivateKey> installed_key;
};

struct ValidatedCustomIdentity {
  Identity identity;             // kind kCustom; chain ordered from the leaf towards its root
  bool used_pending_key = false;  // the key is the pending one (the caller then retires it)
  std::vector<std::string> notes;  // facts worth showing ("1 unrelated certificate left out")
};

Result<ValidatedCustomIdentity> ValidateCustomIdentity(const Loaded& loaded,
                                                       const CustomValidateOptions& options);

// The issuers of `leaf` among `others`, in path order (leaf's issuer first), each used once;
// stops at a self-issued certificate or when no issuer is found.
std::vector<Certificate> OrderChain(const Certificate& leaf, const std::vector<Certificate>& others);

}  // namespace phonecert
