#include "base/file_io.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <random>

namespace phonecert {
namespace {

std::string ErrnoText(const std::string& what, const std::filesystem::path& p) {
  return what + " " + p.string() + ": " + std::strerror(errno);
}

class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  int get() const { return fd_; }
  int release() {
    int f = fd_;
    fd_ = -1;
    return f;
  }

 private:
  int fd_;
};

}  // namespace

std::string FormatSize(std::size_t bytes) {
  char buf[32];
  if (bytes >= 1024u * 1024u) {
    std::snprintf(buf, sizeof buf, "%.1f MB", static_cast<double>(bytes) / (1024.0 * 1024.0));
  } else if (bytes >= 1024u) {
    std::snprintf(buf, sizeof buf, "%.1f KB", static_cast<double>(bytes) / 1024.0);
  } else {
    std::snprintf(buf, sizeof buf, "%zu bytes", bytes);
  }
  return buf;
}

Result<std::string> ReadFileCapped(const std::filesystem::path& path, std::size_t max_bytes) {
  Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) {
    return Fail(errno == ENOENT ? Code::kNotFound : Code::kIoError, ErrnoText("cannot open", path));
  }
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) return Fail(Code::kIoError, ErrnoText("cannot stat", path));
  if (S_ISDIR(st.st_mode)) return Fail(Code::kIoError, path.string() + " is a directory");
  if (S_ISREG(st.st_mode) && static_cast<std::size_t>(st.st_size) > max_bytes) {
    return Fail(Code::kTooLarge, "the file is " + FormatSize(static_cast<std::size_t>(st.st_size)) +
                                     "; the limit is " + FormatSize(max_bytes));
  }
  std::string data;
  char buf[65536];
  for (;;) {
    ssize_t n = ::read(fd.get(), buf, sizeof buf);
    if (n < 0) {
      if (errno == EINTR) continue;
      return Fail(Code::kIoError, ErrnoText("cannot read", path));
    }
    if (n == 0) break;
    data.append(buf, static_cast<std::size_t>(n));
    if (data.size() > max_bytes) {  // pipes and special files have no size up front
      return Fail(Code::kTooLarge, "the input is larger than the limit of " + FormatSize(max_bytes));
    }
  }
  return data;
}

Status SyncDirectory(const std::filesystem::path& dir) {
  Fd fd(::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (fd.get() < 0) return Fail(Code::kIoError, ErrnoText("cannot open directory", dir));
  if (::fsync(fd.get()) != 0) return Fail(Code::kIoError, ErrnoText("cannot sync directory", dir));
  return {};
}

Status WriteFileAtomic(const std::filesystem::path& path, std::string_view data,
                       WriteOptions options) {
  std::filesystem::path dir = path.parent_path();
  thread_local std::mt19937_64 rng{std::random_device{}()};
  std::filesystem::path tmp =
      (dir.empty() ? std::filesystem::path(".") : dir) /
      ("." + path.filename().string() + ".tmp" + std::to_string(rng() % 1000000000ULL));
  Fd fd(::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, options.mode));
  if (fd.get() < 0) return Fail(Code::kIoError, ErrnoText("cannot create", tmp));
  ::fchmod(fd.get(), options.mode);  // umask must not widen or narrow what was asked
  const char* p = data.data();
  std::size_t left = data.size();
  while (left > 0) {
    ssize_t n = ::write(fd.get(), p, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      auto err = ErrnoText("cannot write", tmp);
      ::unlink(tmp.c_str());
      return Fail(Code::kIoError, err);
    }
    p += n;
    left -= static_cast<std::size_t>(n);
  }
  if (::fsync(fd.get()) != 0) {
    auto err = ErrnoText("cannot sync", tmp);
    ::unlink(tmp.c_str());
    return Fail(Code::kIoError, err);
  }
  ::close(fd.release());
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    auto err = ErrnoText("cannot rename onto", path);
    ::unlink(tmp.c_str());
    return Fail(Code::kIoError, err);
  }
  return SyncDirectory(dir.empty() ? std::filesystem::path(".") : dir);
}

}  // namespace phonecert
