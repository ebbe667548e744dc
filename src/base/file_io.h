#pragma once
// Reading with a size cap, and atomic writes (temp file in the same directory, fsync, rename,
// fsync the directory): a crash never leaves a half-written file.
#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

#include "base/error.h"

namespace phonecert {

inline constexpr std::size_t kMaxUploadBytes = 5u * 1024u * 1024u;  // 5 MB, PARAMETERS.md

// Refuses a file larger than max_bytes before reading it (Code::kTooLarge).
Result<std::string> ReadFileCapped(const std::filesystem::path& path, std::size_t max_bytes);

struct WriteOptions {
  unsigned mode = 0644;  // permission bits of the new file (0600 for keys)
};
Status WriteFileAtomic(const std::filesystem::path& path, std::string_view data,
                       WriteOptions options = {});

// fsync a directory so a rename inside it is durable.
Status SyncDirectory(const std::filesystem::path& dir);

// "5.2 MB"
std::string FormatSize(std::size_t bytes);

}  // namespace phonecert
