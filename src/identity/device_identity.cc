#include "identity/device_identity.h"

namespace phonecert {

std::string_view IdentityKindName(IdentityKind kind) {
  switch (kind) {
    case IdentityKind::kUnique: return "unique";
    case IdentityKind::kGeneric: return "generic";
    case IdentityKind::kCustom: return "custom";
  }
  return "unknown";
}

Result<Identity> MakeIdentity(IdentityKind kind, Certificate leaf, std::vector<Certificate> chain,
                              PrivateKey key) {
  if (!key.Matches(leaf)) {
    return Fail(Code::kKeyMismatch, "the private key does not belong to the " +
                                        std::string(IdentityKindName(kind)) +
                                        " certificate \"" + leaf.IssuedTo() + "\"");
  }
  std::string warning = kind == IdentityKind::kGeneric ? std::string(kSharedKeyWarning) : "";
  return Identity{kind, std::move(leaf), std::move(chain), std::move(key), std::move(warning)};
}

namespace {

// The default rule: unique, else generic.
ActiveIdentity SelectDefault(const IdentitySnapshot& s, std::string_view prefix) {
  ActiveIdentity out;
  if (s.unique) {
    out.identity = s.unique;
    out.reason = std::string(prefix) + "using the unique certificate";
  } else if (s.generic) {
    out.identity = s.generic;
    out.reason = std::string(prefix) + "no unique certificate: using the generic certificate (" +
                 std::string(kSharedKeyWarning) + ")";
  } else {
    out.reason = std::string(prefix) +
                 "no unique or generic certificate: the device has no certificate to present "
                 "(run `phonecert factory init`)";
  }
  return out;
}

}  // namespace

ActiveIdentity Select(const IdentitySnapshot& snapshot, DevCertChoice dev_cert) {
  if (dev_cert == DevCertChoice::kCustom) {
    if (snapshot.custom) {
      return {snapshot.custom, false, "custom selected (dev_cert = 1): using the custom certificate"};
    }
    ActiveIdentity out = SelectDefault(snapshot, "custom selected but none installed: ");
    out.fell_back = true;
    return out;
  }
  return SelectDefault(snapshot, "default selected (dev_cert = 0): ");
}

}  // namespace phonecert
