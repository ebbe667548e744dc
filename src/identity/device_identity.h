#pragma once
// Device identity: which certificate the phone presents as a TLS server (ARCHITECTURE.md,
// "Device identity").
//   unique   issued at manufacture for this device (CN = its MAC), by the vendor CA
//   generic  shared by all devices of the model: its private key is NOT secret to this device
//   custom   installed by an administrator (at most one)
// An Identity is an immutable value (certificate, chain, key). An IdentitySnapshot holds every
// identity present on the device at one moment; Select() applies static.security.dev_cert to it.
// Readers keep a shared_ptr to what they use; writers build a new snapshot (no lock is held while
// a handshake uses an identity).
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "x509/certificate.h"
#include "x509/private_key.h"

namespace phonecert {

enum class IdentityKind { kUnique, kGeneric, kCustom };
// "unique", "generic", "custom"
std::string_view IdentityKindName(IdentityKind kind);

// The sentence every status view shows for the generic certificate.
inline constexpr std::string_view kSharedKeyWarning =
    "the generic certificate's key is shared by all devices of the model";

struct Identity {
  IdentityKind kind = IdentityKind::kUnique;
  Certificate leaf;
  std::vector<Certificate> chain;  // the issuers sent after the leaf (leaf excluded), in order
  PrivateKey key;                  // matches leaf (checked by whoever builds the Identity)
  std::string shared_key_warning;  // kSharedKeyWarning for generic, empty otherwise
};

// Builds an Identity after checking that the key matches the leaf (Code::kKeyMismatch).
// Fills shared_key_warning for kGeneric.
Result<Identity> MakeIdentity(IdentityKind kind, Certificate leaf, std::vector<Certificate> chain,
                              PrivateKey key);

// Everything present on the device at one moment. Immutable once built; shared between readers.
struct IdentitySnapshot {
  std::shared_ptr<const Identity> unique;   // factory/, null when absent
  std::shared_ptr<const Identity> generic;  // factory/, null when absent
  std::shared_ptr<const Identity> custom;   // custom/device/, null when none installed
  bool pending_csr_key = false;             // `device csr` made a key that awaits its certificate
  std::string mac;                          // factory/mac (12 lower-case hex digits) or empty
  // Files that exist but could not be used, one sentence each ("factory/unique.pem: ...").
  std::vector<std::string> problems;
};

// static.security.dev_cert: 0 default (unique, else generic), 1 custom (else as for 0).
enum class DevCertChoice { kDefault = 0, kCustom = 1 };

struct ActiveIdentity {
  std::shared_ptr<const Identity> identity;  // null: the device has no certificate at all
  bool fell_back = false;  // dev_cert = 1 but no custom certificate is installed
  // Why this one, as a sentence: "custom selected but none installed: using the unique
  // certificate".
  std::string reason;
};

ActiveIdentity Select(const IdentitySnapshot& snapshot, DevCertChoice dev_cert);

}  // namespace phonecert
