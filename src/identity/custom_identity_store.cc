#include "identity/custom_identity_store.h"

#include <algorithm>

#include "base/file_io.h"
#include "identity/identity_files.h"
#include "x509/load.h"

namespace phonecert {
namespace {

constexpr std::size_t kStemHexDigits = 16;

// A stem read from `current` must be one we wrote: "device-" and hex digits (no path parts).
bool IsValidStem(std::string_view stem) {
  constexpr std::string_view kPrefix = "device-";
  if (!stem.starts_with(kPrefix) || stem.size() != kPrefix.size() + kStemHexDigits) return false;
  return std::all_of(stem.begin() + kPrefix.size(), stem.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
  });
}

std::string StemFor(const Certificate& leaf) {
  return "device-" + leaf.Sha256().substr(0, kStemHexDigits);
}

std::string Trim(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ')) s.pop_back();
  return s;
}

}  // namespace

std::optional<std::string> CustomIdentityStore::CurrentStem() const {
  std::error_code ec;
  if (!std::filesystem::exists(current_file(), ec)) return std::nullopt;
  auto text = ReadFileCapped(current_file(), 256);
  if (!text) return std::nullopt;
  return Trim(*text);
}

CustomState CustomIdentityStore::Load() const {
  CustomState state;
  if (auto stem = CurrentStem()) {
    if (!IsValidStem(*stem)) {
      state.problems.push_back(current_file().string() + " names no certificate we wrote");
    } else {
      auto identity = LoadIdentityFiles(IdentityKind::kCustom, dir_ / (*stem + ".pem"),
                                        dir_ / (*stem + ".key"));
      if (identity) {
        state.identity = std::make_shared<const Identity>(std::move(*identity));
      } else {
        state.problems.push_back("custom device certificate: " + identity.error().detail);
      }
    }
  }
  std::error_code ec;
  if (std::filesystem::exists(pending_key_file(), ec)) {
    auto loaded = LoadFile(pending_key_file());
    if (loaded && loaded->key) {
      state.pending_key = *loaded->key;
    } else {
      state.problems.push_back(pending_key_file().string() + ": " +
                               (loaded ? "holds no private key" : loaded.error().detail));
    }
  }
  return state;
}

Result<CustomInstallResult> CustomIdentityStore::InstallBytes(
    std::string_view data, const CustomInstallOptions& options) {
  LoadOptions load;
  load.password = options.password;
  auto loaded = LoadBytes(data, load);
  if (!loaded) return std::unexpected(loaded.error());

  CustomState before = Load();
  CustomValidateOptions validate;
  validate.now = options.now;
  validate.allow_expired = options.allow_expired;
  validate.pending_key = before.pending_key;
  if (before.identity) validate.installed_key = before.identity->key;
  auto valid = ValidateCustomIdentity(*loaded, validate);
  if (!valid) return std::unexpected(valid.error());

  // Everything is checked: write the new pair under its own stem, then switch `current`.
  std::error_code ec;
  std::filesystem::create_directories(dir_, ec);
  if (ec) return Fail(Code::kIoError, "cannot create " + dir_.string() + ": " + ec.message());
  const Identity& identity = valid->identity;
  std::string stem = StemFor(identity.leaf);
  if (auto s = WriteIdentityFiles(identity, dir_ / (stem + ".pem"), dir_ / (stem + ".key")); !s) {
    return std::unexpected(s.error());
  }
  if (auto s = WriteFileAtomic(current_file(), stem + "\n", {.mode = 0644}); !s) {
    return std::unexpected(s.error());
  }
  // The new certificate is in force. Tidy up: the pending key now lives in <stem>.key.
  if (valid->used_pending_key) {
    if (auto s = RemoveIfExists(pending_key_file()); !s) return std::unexpected(s.error());
    if (auto s = RemoveIfExists(pending_csr_file()); !s) return std::unexpected(s.error());
  }
  if (auto s = RemoveOrphans(stem); !s) return std::unexpected(s.error());

  CustomInstallResult result;
  result.identity = std::make_shared<const Identity>(std::move(valid->identity));
  result.replaced = before.identity != nullptr;
  result.used_pending_key = valid->used_pending_key;
  result.notes = std::move(valid->notes);
  return result;
}

Result<CustomInstallResult> CustomIdentityStore::InstallFile(const std::filesystem::path& path,
                                                             const CustomInstallOptions& options) {
  auto data = ReadFileCapped(path, kMaxUploadBytes);
  if (!data) return std::unexpected(data.error());
  return InstallBytes(*data, options);
}

Result<bool> CustomIdentityStore::Remove() {
  std::optional<std::string> stem = CurrentStem();
  if (!stem) return false;
  // Removing `current` is the switch; the pair goes afterwards.
  if (auto s = RemoveIfExists(current_file()); !s) return std::unexpected(s.error());
  if (auto s = SyncDirectory(dir_); !s) return std::unexpected(s.error());
  if (auto s = RemoveOrphans(""); !s) return std::unexpected(s.error());
  return true;
}

Status CustomIdentityStore::RemoveOrphans(const std::string& keep_stem) {
  std::error_code ec;
  if (!std::filesystem::exists(dir_, ec)) return {};
  std::vector<std::filesystem::path> doomed;
  for (const auto& entry : std::filesystem::directory_iterator(dir_, ec)) {
    const auto& p = entry.path();
    std::string stem = p.stem().string();
    std::string ext = p.extension().string();
    if ((ext == ".pem" || ext == ".key") && IsValidStem(stem) && stem != keep_stem) {
      doomed.push_back(p);
    }
  }
  if (ec) return Fail(Code::kIoError, "cannot list " + dir_.string() + ": " + ec.message());
  for (const auto& p : doomed) {
    if (auto s = RemoveIfExists(p); !s) return s;
  }
  return SyncDirectory(dir_);
}

std::optional<std::string> CustomIdentityStore::PendingCsrPem() const {
  std::error_code ec;
  if (!std::filesystem::exists(pending_csr_file(), ec)) return std::nullopt;
  auto text = ReadFileCapped(pending_csr_file(), kMaxUploadBytes);
  if (!text) return std::nullopt;
  return *text;
}

Status CustomIdentityStore::RemoveAll() {
  if (auto s = RemoveIfExists(current_file()); !s) return s;
  if (auto s = RemoveIfExists(pending_key_file()); !s) return s;
  if (auto s = RemoveIfExists(pending_csr_file()); !s) return s;
  return RemoveOrphans("");
}

}  // namespace phonecert
