#pragma once
// Internal to the CA directory code: writing a set of files with the overwrite rule, and the lock.
#include <filesystem>
#include <string>
#include <vector>

#include "base/error.h"
#include "ca/ca_dir.h"

namespace phonecert::ca::internal {

struct PendingFile {
  std::filesystem::path path;
  std::string data;
  FileRole role;
  unsigned mode = 0644;  // 0600 for anything holding a private key
};

// Code::kExists naming the first existing path, unless force.
Status RefuseExisting(const std::vector<std::filesystem::path>& paths, bool force);
std::vector<std::filesystem::path> PathsOf(const std::vector<PendingFile>& files);
// Writes each file atomically, in order (put keys first); appends to `written`.
Status WriteAll(const std::vector<PendingFile>& files, std::vector<WrittenFile>& written);
// An exclusive flock on DIR/.lock, held for the object's lifetime (waits for another holder).
class CaDirLock {
 public:
  static Result<CaDirLock> Acquire(const std::filesystem::path& dir);
  CaDirLock(CaDirLock&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
  CaDirLock& operator=(CaDirLock&&) = delete;
  CaDirLock(const CaDirLock&) = delete;
  ~CaDirLock();

 private:
  explicit CaDirLock(int fd) : fd_(fd) {}
  int fd_ = -1;
};
inline Result<CaDirLock> LockCaDir(const std::filesystem::path& dir) {
  return CaDirLock::Acquire(dir);
}
// Refuses a file stem that would replace the CA's own files (ca, intermediate, crl, root-crl).
Status CheckStem(const std::string& stem);

}  // namespace phonecert::ca::internal
