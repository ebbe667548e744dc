#pragma once
// CustomIdentityStore: the one custom device certificate in custom/device/ (StatePaths::
// custom_device()), and the key `device csr` keeps on the device while its certificate is made.
//
// Layout (all writes atomic: temp file, fsync, rename, fsync the directory):
//   current          the stem of the installed pair, e.g. "device-3f9a0c1e2b4d5a6f"
//   <stem>.pem       the chain: leaf first, then its issuers
//   <stem>.key       the PKCS#8 private key, mode 0600
//   pending.key      the key made by CreatePendingCsr, mode 0600; it never leaves the device
//   pending.csr      the PKCS#10 request for it (to show it again)
// Replacing is atomic: the new pair is validated and written under a new stem first; only then
// does `current` switch to it (one rename). Until that rename, the old certificate stays in
// force; a crash in between leaves the old one current and an orphan pair that the next install
// removes.
//
// The caller holds the DirectoryLock for every write (Install*, Remove*, CreatePendingCsr).
// Keys are written to 0600 files only; nothing here returns key material.
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ca/keygen.h"
#include "identity/custom_identity_validate.h"
#include "identity/device_identity.h"

namespace phonecert {

struct CustomInstallOptions {
  TimePoint now;
  std::optional<std::string> password;  // PKCS#12 password or PEM key passphrase
  bool allow_expired = false;           // see CustomValidateOptions
};

struct CustomInstallResult {
  std::shared_ptr<const Identity> identity;
  bool replaced = false;          // another custom certificate was installed before
  bool used_pending_key = false;  // the certificate matched the key from `device csr`
  std::vector<std::string> notes;
};

struct CustomState {
  std::shared_ptr<const Identity> identity;  // null: none installed (or unreadable: see problems)
  std::optional<PrivateKey> pending_key;
  std::vector<std::string> problems;
};

struct DeviceCsrRequest {
  std::string common_name;             // required
  std::vector<std::string> alt_names;  // DNS names and IP literals (ca::ParseAltName)
  ca::KeyType key_type = ca::KeyType::kEcP256;
};

struct PendingCsr {
  std::string pem;              // "-----BEGIN CERTIFICATE REQUEST-----..."
  std::string key_description;  // "EC P-256"
  bool replaced_pending = false;  // an earlier pending key was discarded
};

class CustomIdentityStore {
 public:
  explicit CustomIdentityStore(std::filesystem::path dir) : dir_(std::move(dir)) {}

  // Reads the current pair and the pending key. Never fails: unreadable files are reported in
  // `problems` and treated as absent.
  CustomState Load() const;

  // Validates (LoadBytes, then ValidateCustomIdentity) and, only when everything passed, writes
  // the new pair and switches `current` to it. A refusal writes nothing.
  Result<CustomInstallResult> InstallBytes(std::string_view data,
                                           const CustomInstallOptions& options);
  // Refuses files over 5 MB unread (Code::kTooLarge).
  Result<CustomInstallResult> InstallFile(const std::filesystem::path& path,
                                          const CustomInstallOptions& options);

  // Removes the custom certificate. Returns false when none was installed. The pending key stays.
  Result<bool> Remove();

  // Makes a fresh key (replacing any earlier pending key) and a PKCS#10 request for it, signed
  // with it. The key is stored as pending.key (0600); the request is returned and kept as
  // pending.csr.
  Result<PendingCsr> CreatePendingCsr(const DeviceCsrRequest& request);
  // The pending request's PEM, or nullopt when there is none.
  std::optional<std::string> PendingCsrPem() const;

  // Removes everything: the custom certificate, its key, the pending key and request (factory
  // reset).
  Status RemoveAll();

  const std::filesystem::path& dir() const { return dir_; }

 private:
  std::filesystem::path current_file() const { return dir_ / "current"; }
  std::filesystem::path pending_key_file() const { return dir_ / "pending.key"; }
  std::filesystem::path pending_csr_file() const { return dir_ / "pending.csr"; }
  std::optional<std::string> CurrentStem() const;
  // Removes *.pem / *.key pairs other than `keep_stem` and the pending files.
  Status RemoveOrphans(const std::string& keep_stem);

  std::filesystem::path dir_;
};

}  // namespace phonecert
