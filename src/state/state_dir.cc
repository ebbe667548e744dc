#include "state/state_dir.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace phonecert {

Status EnsureStateLayout(const StatePaths& paths) {
  std::error_code ec;
  for (const auto& dir : {paths.root, paths.factory(), paths.custom_trusted(),
                          paths.custom_device()}) {
    std::filesystem::create_directories(dir, ec);
    if (ec) return Fail(Code::kIoError, "cannot create " + dir.string() + ": " + ec.message());
  }
  std::filesystem::permissions(paths.root, std::filesystem::perms::owner_all,
                               std::filesystem::perm_options::replace, ec);
  std::filesystem::permissions(paths.custom_device(), std::filesystem::perms::owner_all,
                               std::filesystem::perm_options::replace, ec);
  return {};
}

Result<DirectoryLock> DirectoryLock::Acquire(const StatePaths& paths, Options options) {
  if (auto s = EnsureStateLayout(paths); !s) return std::unexpected(s.error());
  int fd = ::open(paths.lock_file().c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) {
    return Fail(Code::kIoError, "cannot open " + paths.lock_file().string() + ": " +
                                    std::strerror(errno));
  }
  if (::flock(fd, LOCK_EX | (options.wait ? 0 : LOCK_NB)) != 0) {
    ::close(fd);
    return Fail(Code::kLocked, "the state directory " + paths.root.string() +
                                   " is in use by another phonecert process; while phonecertd "
                                   "runs it owns the directory: make the change in its web UI or "
                                   "REST API, or stop it first");
  }
  return DirectoryLock(fd);
}

DirectoryLock::~DirectoryLock() {
  if (fd_ >= 0) ::close(fd_);
}

}  // namespace phonecert
