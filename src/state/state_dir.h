#pragma once
// The state directory's layout (ARCHITECTURE.md) and the lock that makes one process its owner.
//   factory/          read-only after manufacture
//   custom/trusted/   custom CA certificates, normalised PEM, named <sha256>.pem
//   custom/device/    the custom device certificate chain + key (key 0600)
//   settings.cfg      current settings in .cfg syntax
#include <filesystem>

#include "base/error.h"

namespace phonecert {

struct StatePaths {
  std::filesystem::path root;
  std::filesystem::path factory() const { return root / "factory"; }
  std::filesystem::path custom_trusted() const { return root / "custom" / "trusted"; }
  std::filesystem::path custom_device() const { return root / "custom" / "device"; }
  std::filesystem::path settings_file() const { return root / "settings.cfg"; }
  std::filesystem::path lock_file() const { return root / ".lock"; }
};

// Creates the directory tree (0700 for the root) when missing.
Status EnsureStateLayout(const StatePaths& paths);

// An exclusive advisory lock on <root>/.lock, held for the object's lifetime.
class DirectoryLock {
 public:
  // Fails with Code::kLocked when another process holds it (unless wait is set).
  struct Options {
    bool wait = false;
  };
  static Result<DirectoryLock> Acquire(const StatePaths& paths, Options options);
  DirectoryLock(DirectoryLock&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
  DirectoryLock& operator=(DirectoryLock&&) = delete;
  DirectoryLock(const DirectoryLock&) = delete;
  ~DirectoryLock();

 private:
  explicit DirectoryLock(int fd) : fd_(fd) {}
  int fd_ = -1;
};

}  // namespace phonecert
