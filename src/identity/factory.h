#pragma once
// The factory part of the state directory (StatePaths::factory()), written once at manufacture:
//   mac                  the device's MAC, 12 lower-case hex digits without separators + "\n"
//   unique.pem           unique device certificate (CN = the MAC in that same form), then the
//                        vendor chain
//   unique.key           its private key, generated on the device, mode 0600
//   generic.pem          generic device certificate (CN = kGenericCommonName), then the vendor chain
//   generic.key          its private key, mode 0600 (shared by all devices of the model)
//   vendor-ca.pem        the vendor chain: the issuing vendor CA first, then its issuers
//   dev-vendor-ca.pem    only with the development default (below): its self-signed CA ...
//   dev-vendor-ca.key    ... and that CA's key, mode 0600
//
// Development default, not for production: when no vendor CA is given, FactoryInit creates a
// self-signed "Phonecert Development Vendor CA" once, in the factory directory itself, and issues
// with it (later runs with --force reuse it). Its key sits on the device, so certificates it
// issued prove nothing about the manufacturer; a manufacturing line passes the real vendor CA
// certificate and key instead.
//
// The factory part is written once: FactoryInit refuses an initialised part (Code::kExists)
// unless options.overwrite. Factory reset never touches it. The caller holds the DirectoryLock.
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/time.h"
#include "ca/keygen.h"
#include "identity/device_identity.h"
#include "state/state_dir.h"

namespace phonecert {

inline constexpr std::string_view kGenericCommonName = "Phonecert Generic Device";
inline constexpr std::string_view kDevVendorCaCommonName =
    "Phonecert Development Vendor CA (not for production)";
// Unique and generic certificates are valid for 20 years (shortened to the vendor CA's end).
inline constexpr int kFactoryCertificateDays = 7305;
inline constexpr int kDevVendorCaDays = 10958;  // 30 years

struct FactoryPaths {
  std::filesystem::path dir;
  std::filesystem::path mac() const { return dir / "mac"; }
  std::filesystem::path unique_chain() const { return dir / "unique.pem"; }
  std::filesystem::path unique_key() const { return dir / "unique.key"; }
  std::filesystem::path generic_chain() const { return dir / "generic.pem"; }
  std::filesystem::path generic_key() const { return dir / "generic.key"; }
  std::filesystem::path vendor_chain() const { return dir / "vendor-ca.pem"; }
  std::filesystem::path dev_vendor_ca() const { return dir / "dev-vendor-ca.pem"; }
  std::filesystem::path dev_vendor_key() const { return dir / "dev-vendor-ca.key"; }
};
inline FactoryPaths FactoryPathsOf(const StatePaths& paths) { return {paths.factory()}; }

struct FactoryInitOptions {
  std::string mac;  // any usual form (NormalizeMac); stored as 12 lower-case hex digits
  // The vendor CA certificate (PEM; its own issuers may follow it in the file) and its key.
  // Both or neither; neither = the development default.
  std::optional<std::filesystem::path> vendor_ca;
  std::optional<std::filesystem::path> vendor_key;
  TimePoint now;            // not_before of the new certificates
  bool overwrite = false;   // --force: replace an initialised factory part
  ca::KeyType key_type = ca::KeyType::kEcP256;
};

struct FactoryInitResult {
  std::string mac;
  std::shared_ptr<const Identity> unique;
  std::shared_ptr<const Identity> generic;
  bool development_vendor_ca = false;          // the development default issued them
  bool created_development_vendor_ca = false;  // ... and it was created by this call
  std::vector<std::filesystem::path> written;
};

Result<FactoryInitResult> FactoryInit(const StatePaths& paths, const FactoryInitOptions& options);

struct FactoryState {
  bool initialised = false;  // the mac file exists
  std::string mac;
  std::shared_ptr<const Identity> unique;
  std::shared_ptr<const Identity> generic;
  std::vector<std::string> problems;  // files present but unusable
};

// Reads the factory part. Never fails: missing files mean "absent", unusable ones are reported.
FactoryState LoadFactory(const StatePaths& paths);

}  // namespace phonecert
