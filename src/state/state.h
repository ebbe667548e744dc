#pragma once
// State: the one writer of a state directory in a running daemon. It holds the directory's lock
// for its whole life and ties together the settings (settings.cfg), the trust store
// (custom/trusted), the device identities (factory/ + custom/device) and the web administrator's
// password hash (admin-password.pbkdf2, mode 0600).
//
// First start: on a directory whose factory part is empty, Open initialises it with the
// development default vendor CA (as `phonecert factory init` without --vendor-ca) for the MAC in
// the options; when no admin password is stored, Open generates one, stores only its salted
// PBKDF2 hash and hands the plain password out once in first_start().generated_password, unless
// static.security.user_password is set (a provisioning file), which then becomes the password.
//
// static.security.user_password ("PASSWORD" or Yealink's "admin:PASSWORD") is consumed whenever
// it appears in the settings (at Open, after UpdateSettings, after Refresh): its hash replaces the
// stored one, password_generation() grows (the web UI ends open sessions) and the key is emptied
// again, so the plain password never stays on disk.
//
// Readers (settings(), trust(), device()) return immutable snapshots and never wait for writers.
// Every mutating method is serialised, returns the stable Code and a sentence when it refuses,
// and changes nothing then. After a change of the identities or of dev_cert the IdentityProvider
// is swapped, so the next TLS handshake presents the new certificate (no restart).
// Events (certificate changes, password changes, load problems) go to the log sink, one line each,
// never with key material.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/error.h"
#include "base/time.h"
#include "identity/custom_identity_store.h"
#include "identity/device_identity.h"
#include "settings/settings.h"
#include "settings/settings_store.h"
#include "state/admin_password.h"
#include "state/state_dir.h"
#include "tls/server_context.h"
#include "trust/trust_store.h"

namespace phonecert {

enum class LogLevel { kDebug, kInfo, kWarning, kError };
std::string_view LogLevelName(LogLevel level);  // "debug", "info", "warning", "error"
// One event, one line: "<area>: <sentence>". Must be thread-safe.
using LogSink = std::function<void(LogLevel, std::string_view)>;

inline constexpr std::string_view kAdminPasswordFile = "admin-password.pbkdf2";

struct StateOptions {
  std::filesystem::path root;
  const Clock* clock = nullptr;  // required; outlives the State
  LogSink log;                   // optional
  // MAC for the development factory identity made at first start (any usual form).
  std::string factory_mac;
  // Initialise an empty directory (factory identity, admin password). Off: open as it is.
  bool initialise = true;
  // PBKDF2 iterations for new password hashes (tests lower it; verification reads the stored count).
  std::uint32_t password_iterations = kPbkdf2Iterations;
};

struct FirstStart {
  bool factory_initialised = false;  // this start created the development factory identity
  std::string mac;
  std::optional<std::string> generated_password;  // shown once, never stored in clear
  bool password_from_settings = false;             // static.security.user_password was adopted
};

struct DeviceView {
  std::shared_ptr<const IdentitySnapshot> snapshot;
  ActiveIdentity active;
  DevCertChoice selected = DevCertChoice::kDefault;
};

// One key = value change for UpdateSettings.
using SettingAssignment = std::pair<std::string, std::string>;

class State {
 public:
  static Result<std::unique_ptr<State>> Open(const StateOptions& options);
  ~State();

  const StatePaths& paths() const { return paths_; }
  const FirstStart& first_start() const { return first_start_; }
  TimePoint Now() const { return clock_->Now(); }
  void Log(LogLevel level, std::string_view line) const;

  // ---- readers (snapshots; never block on writers) ----
  std::shared_ptr<const Settings> settings() const;
  std::shared_ptr<const TrustSnapshot> trust() const;
  DeviceView device() const;
  std::shared_ptr<IdentityProvider> identity_provider() const { return provider_; }
  // Sentences about files found unusable at Open (settings lines, trust index, identity files).
  const std::vector<std::string>& load_problems() const { return load_problems_; }

  // ---- writers (serialised; all or nothing) ----
  // Validates every assignment against the parameter table first (Code::kUnknownKey,
  // Code::kInvalidValue naming the key and the permitted values); writes settings.cfg once.
  Result<std::vector<Change>> UpdateSettings(const std::vector<SettingAssignment>& assignments);
  // Adds every certificate of a file (PEM/DER/PKCS#12) to the custom trusted certificates.
  Result<std::vector<Anchor>> AddTrusted(std::string_view data, std::optional<std::string> password);
  // "3" (1-based index) or a SHA-256 fingerprint (prefix of at least 8 digits).
  Result<Anchor> RemoveTrusted(std::string_view index_or_fingerprint);
  Result<std::size_t> RemoveAllTrusted();
  // Installs (replaces) the custom device certificate: PEM chain + key, or PKCS#12 + password.
  Result<CustomInstallResult> InstallDevice(std::string_view data, std::optional<std::string> password);
  // False when none was installed.
  Result<bool> RemoveDevice();
  Status SelectDevice(DevCertChoice choice);

  // ---- the web administrator (user "admin") ----
  Result<bool> CheckAdminPassword(std::string_view password) const;
  // A new random password; the old one stops working. Returns the plain password once.
  Result<std::string> ResetAdminPassword();
  std::uint64_t password_generation() const;

  // ---- for a writer from another layer (a provisioning round) ----
  // Runs `work` with the stores while holding the writer lock, then reloads what it may have
  // changed (identities, dev_cert, user_password).
  template <class F>
  auto Exclusive(F&& work) {
    std::lock_guard lock(write_mu_);
    struct Refresher {
      State* s;
      ~Refresher() { s->RefreshLocked("after a provisioning round"); }
    } refresher{this};
    return work(*settings_store_, *trust_store_, *custom_store_);
  }

  State(const State&) = delete;
  State& operator=(const State&) = delete;

 private:
  State(StatePaths paths, DirectoryLock lock, const StateOptions& options);
  Status InitialiseFactory(const StateOptions& options);
  Status InitialisePassword();
  // Re-reads identities, re-selects with dev_cert, swaps the provider when the active certificate
  // changed, adopts static.security.user_password. Caller holds write_mu_.
  void RefreshLocked(std::string_view why);
  Status AdoptSettingsPasswordLocked();
  Status StorePasswordHashLocked(std::string_view password);
  std::filesystem::path PasswordFile() const { return paths_.root / kAdminPasswordFile; }

  StatePaths paths_;
  DirectoryLock lock_;
  const Clock* clock_;
  LogSink log_;
  std::uint32_t password_iterations_;
  FirstStart first_start_;
  std::vector<std::string> load_problems_;

  std::unique_ptr<SettingsStore> settings_store_;
  std::unique_ptr<TrustStore> trust_store_;
  std::unique_ptr<CustomIdentityStore> custom_store_;
  std::shared_ptr<IdentityProvider> provider_;

  std::mutex write_mu_;  // serialises every writer
  mutable std::mutex read_mu_;  // guards device_ and password_hash_ (pointer/string copies only)
  DeviceView device_;
  std::string password_hash_;
  std::uint64_t password_generation_ = 0;
};

}  // namespace phonecert
