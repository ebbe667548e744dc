#include "state/state.h"

#include "base/file_io.h"
#include "identity/factory.h"
#include "identity/load_snapshot.h"
#include "settings/keys.h"
#include "state/admin_password.h"

namespace phonecert {
namespace {

std::string Describe(const Identity& id) {
  return std::string(IdentityKindName(id.kind)) + " certificate \"" + id.leaf.IssuedTo() +
         "\" issued by \"" + id.leaf.IssuedBy() + "\", expires " + FormatDate(id.leaf.NotAfter()) +
         ", sha256 " + id.leaf.Sha256().substr(0, 16);
}

bool SameIdentity(const std::shared_ptr<const Identity>& a, const std::shared_ptr<const Identity>& b) {
  if (!a || !b) return a == b;
  return a->kind == b->kind && a->leaf == b->leaf;
}

// Yealink writes "admin:PASSWORD"; plain "PASSWORD" is accepted too.
std::string_view PasswordFromSetting(std::string_view value) {
  constexpr std::string_view kAdminPrefix = "admin:";
  if (value.starts_with(kAdminPrefix)) value.remove_prefix(kAdminPrefix.size());
  return value;
}

}  // namespace

std::string_view LogLevelName(LogLevel level) {
  switch (level) {
    case LogLevel::kDebug: return "debug";
    case LogLevel::kInfo: return "info";
    case LogLevel::kWarning: return "warning";
    case LogLevel::kError: return "error";
  }
  return "info";
}

State::State(StatePaths paths, DirectoryLock lock, const StateOptions& options)
    : paths_(std::move(paths)),
      lock_(std::move(lock)),
      clock_(options.clock),
      log_(options.log),
      password_iterations_(options.password_iterations) {}

State::~State() = default;

void State::Log(LogLevel level, std::string_view line) const {
  if (log_) log_(level, line);
}

Result<std::unique_ptr<State>> State::Open(const StateOptions& options) {
  if (!options.clock) return Fail(Code::kInternal, "State::Open needs a clock");
  StatePaths paths{options.root};
  auto lock = DirectoryLock::Acquire(paths, {});
  if (!lock) return std::unexpected(lock.error());
  std::unique_ptr<State> s(new State(paths, std::move(*lock), options));

  s->settings_store_ = std::make_unique<SettingsStore>(paths.settings_file());
  for (const Diagnostic& d : s->settings_store_->Load()) {
    s->load_problems_.push_back(d.ToString());
    s->Log(LogLevel::kWarning, "settings: " + d.ToString());
  }
  auto trust = TrustStore::Open(paths, {.now = s->Now(), .builtin = std::nullopt});
  if (!trust) return std::unexpected(trust.error());
  s->trust_store_ = std::move(*trust);
  for (const std::string& p : s->trust_store_->load_problems()) {
    s->load_problems_.push_back(p);
    s->Log(LogLevel::kWarning, "trust: " + p);
  }
  s->custom_store_ = std::make_unique<CustomIdentityStore>(paths.custom_device());
  s->provider_ = std::make_shared<IdentityProvider>();

  std::lock_guard lock_w(s->write_mu_);
  if (options.initialise) {
    if (auto st = s->InitialiseFactory(options); !st) return std::unexpected(st.error());
  }
  if (auto r = ReadFileCapped(s->PasswordFile(), 4096); r) {
    s->password_hash_ = *r;
  } else if (r.error().code != Code::kNotFound) {
    return std::unexpected(r.error());
  }
  s->RefreshLocked("at start");
  if (options.initialise && s->password_hash_.empty()) {
    if (auto st = s->InitialisePassword(); !st) return std::unexpected(st.error());
  }
  for (const std::string& p : s->device_.snapshot->problems) s->load_problems_.push_back(p);
  return s;
}

Status State::InitialiseFactory(const StateOptions& options) {
  FactoryState factory = LoadFactory(paths_);
  if (factory.initialised) return {};
  FactoryInitOptions init;
  init.mac = options.factory_mac;
  init.now = Now();
  auto made = FactoryInit(paths_, init);
  if (!made) {
    return Fail(made.error().code,
                "cannot initialise the factory identity: " + made.error().detail);
  }
  first_start_.factory_initialised = true;
  first_start_.mac = made->mac;
  Log(LogLevel::kInfo, "identity: first start: factory identity created for MAC " + made->mac +
                           " with the development vendor CA (not for production)");
  return {};
}

Status State::InitialisePassword() {
  auto password = GeneratePassword();
  if (!password) return std::unexpected(password.error());
  if (auto st = StorePasswordHashLocked(*password); !st) return st;
  first_start_.generated_password = *password;
  Log(LogLevel::kInfo, "web: first start: a new administrator password was generated");
  return {};
}

Status State::StorePasswordHashLocked(std::string_view password) {
  auto hash = HashPassword(password, {.iterations = password_iterations_});
  if (!hash) return std::unexpected(hash.error());
  if (auto st = WriteFileAtomic(PasswordFile(), *hash + "\n", {.mode = 0600}); !st) return st;
  std::lock_guard lock(read_mu_);
  password_hash_ = *hash;
  ++password_generation_;
  return {};
}

Status State::AdoptSettingsPasswordLocked() {
  std::shared_ptr<const Settings> current = settings_store_->Current();
  if (current->UserPassword().empty()) return {};
  std::string_view password = PasswordFromSetting(current->UserPassword());
  if (password.empty()) {
    Log(LogLevel::kWarning, "web: static.security.user_password holds no password; ignored");
  } else {
    std::string stored;
    {
      std::lock_guard lock(read_mu_);
      stored = password_hash_;
    }
    auto same = stored.empty() ? Result<bool>(false) : VerifyPassword(password, stored);
    if (!same || !*same) {
      if (auto st = StorePasswordHashLocked(password); !st) return st;
      first_start_.password_from_settings = true;
      Log(LogLevel::kInfo, "web: administrator password set from static.security.user_password");
    }
  }
  auto emptied = current->With(keys::kUserPassword, "");
  if (!emptied) return std::unexpected(emptied.error());
  return settings_store_->Replace(std::move(*emptied));
}

void State::RefreshLocked(std::string_view why) {
  if (auto st = AdoptSettingsPasswordLocked(); !st) {
    Log(LogLevel::kError, "web: cannot adopt static.security.user_password: " + st.error().detail);
  }
  DeviceView next;
  next.snapshot = LoadIdentitySnapshot(paths_);
  next.selected = settings_store_->Current()->DevCert() == 1 ? DevCertChoice::kCustom
                                                            : DevCertChoice::kDefault;
  next.active = Select(*next.snapshot, next.selected);
  std::shared_ptr<const Identity> before = provider_->Get();
  if (!SameIdentity(before, next.active.identity)) {
    provider_->Swap(next.active.identity);
    if (next.active.identity) {
      Log(LogLevel::kInfo, "identity: now presenting the " + Describe(*next.active.identity) +
                               " (" + std::string(why) + "; " + next.active.reason + ")");
    } else {
      Log(LogLevel::kError, "identity: no device certificate to present: " + next.active.reason);
    }
    if (next.active.fell_back) Log(LogLevel::kWarning, "identity: " + next.active.reason);
  }
  std::lock_guard lock(read_mu_);
  device_ = std::move(next);
}

std::shared_ptr<const Settings> State::settings() const { return settings_store_->Current(); }
std::shared_ptr<const TrustSnapshot> State::trust() const { return trust_store_->Snapshot(); }

DeviceView State::device() const {
  std::lock_guard lock(read_mu_);
  return device_;
}

Result<std::vector<Change>> State::UpdateSettings(const std::vector<SettingAssignment>& assignments) {
  std::lock_guard lock(write_mu_);
  std::shared_ptr<const Settings> before = settings_store_->Current();
  SettingsBuilder builder(*before);
  for (const auto& [key, value] : assignments) {
    auto parameter = LookupParameter(key);
    if (!parameter) return std::unexpected(parameter.error());
    if (auto st = builder.Set(**parameter, value); !st) return std::unexpected(st.error());
  }
  Settings next = std::move(builder).Build();
  std::vector<Change> changes = Diff(*before, next);
  if (changes.empty()) return changes;
  if (auto st = settings_store_->Replace(std::move(next)); !st) return std::unexpected(st.error());
  for (const Change& c : changes) Log(LogLevel::kInfo, "settings: " + c.ToString());
  RefreshLocked("after a settings change");
  return changes;
}

Result<std::vector<Anchor>> State::AddTrusted(std::string_view data,
                                              std::optional<std::string> password) {
  std::lock_guard lock(write_mu_);
  auto added = trust_store_->Add(data, {.now = Now(), .password = std::move(password)});
  if (!added) return added;
  for (const Anchor& a : *added) {
    Log(LogLevel::kInfo, "trust: custom CA certificate added: \"" + a.certificate.IssuedTo() +
                             "\" sha256 " + a.certificate.Sha256().substr(0, 16));
  }
  return added;
}

Result<Anchor> State::RemoveTrusted(std::string_view index_or_fingerprint) {
  std::lock_guard lock(write_mu_);
  auto removed = trust_store_->Remove(index_or_fingerprint);
  if (removed) {
    Log(LogLevel::kInfo, "trust: custom CA certificate removed: \"" +
                             removed->certificate.IssuedTo() + "\" sha256 " +
                             removed->certificate.Sha256().substr(0, 16));
  }
  return removed;
}

Result<std::size_t> State::RemoveAllTrusted() {
  std::lock_guard lock(write_mu_);
  auto removed = trust_store_->RemoveAll();
  if (removed) {
    Log(LogLevel::kInfo, "trust: all custom CA certificates removed (" + std::to_string(*removed) + ")");
  }
  return removed;
}

Result<CustomInstallResult> State::InstallDevice(std::string_view data,
                                                 std::optional<std::string> password) {
  std::lock_guard lock(write_mu_);
  auto installed = custom_store_->InstallBytes(
      data, {.now = Now(), .password = std::move(password), .allow_expired = false});
  if (!installed) return installed;
  Log(LogLevel::kInfo, std::string("identity: custom device certificate ") +
                           (installed->replaced ? "replaced" : "installed") + ": " +
                           Describe(*installed->identity));
  RefreshLocked("after installing a custom certificate");
  return installed;
}

Result<bool> State::RemoveDevice() {
  std::lock_guard lock(write_mu_);
  auto removed = custom_store_->Remove();
  if (!removed) return removed;
  if (*removed) Log(LogLevel::kInfo, "identity: custom device certificate removed");
  RefreshLocked("after removing the custom certificate");
  return removed;
}

Status State::SelectDevice(DevCertChoice choice) {
  auto changes = UpdateSettings({{std::string(keys::kDevCert), choice == DevCertChoice::kCustom ? "1" : "0"}});
  if (!changes) return std::unexpected(changes.error());
  return {};
}

Result<bool> State::CheckAdminPassword(std::string_view password) const {
  std::string stored;
  {
    std::lock_guard lock(read_mu_);
    stored = password_hash_;
  }
  if (stored.empty()) return Fail(Code::kUnauthorized, "no administrator password is set");
  return VerifyPassword(password, stored);
}

Result<std::string> State::ResetAdminPassword() {
  std::lock_guard lock(write_mu_);
  auto password = GeneratePassword();
  if (!password) return password;
  if (auto st = StorePasswordHashLocked(*password); !st) return std::unexpected(st.error());
  Log(LogLevel::kInfo, "web: the administrator password was reset");
  return password;
}

std::uint64_t State::password_generation() const {
  std::lock_guard lock(read_mu_);
  return password_generation_;
}

}  // namespace phonecert
