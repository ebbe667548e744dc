#pragma once
// SettingsStore: the current Settings of a state directory, persisted in settings.cfg (the same
// .cfg syntax the phone reads, secrets included, mode 0600) with atomic writes.
//
// Threads: Current() hands out an immutable snapshot; Replace() writes the file first, then swaps
// the snapshot in under a short lock, so readers never wait for I/O. Writers are serialised.
// Several processes: the caller holds the state DirectoryLock around Load + Replace.
#include <filesystem>
#include <memory>
#include <mutex>
#include <vector>

#include "base/error.h"
#include "settings/diagnostic.h"
#include "settings/settings.h"

namespace phonecert {

class SettingsStore {
 public:
  // `file` is the state directory's settings file (StatePaths::settings_file()).
  // Starts with the defaults until Load().
  explicit SettingsStore(std::filesystem::path file);

  // Reads the file. A missing file gives the defaults with no diagnostic; an unreadable or
  // refused file (no header line, over 5 MB) gives the defaults and one error diagnostic; lines
  // the reader ignores give their diagnostics while the rest applies. Never fails.
  std::vector<Diagnostic> Load();

  std::shared_ptr<const Settings> Current() const;

  // Writes settings.cfg atomically, then makes `next` current. On a write error the current
  // settings stay as they were.
  Status Replace(Settings next);

  const std::filesystem::path& file() const { return file_; }

 private:
  void Swap(std::shared_ptr<const Settings> next);

  std::filesystem::path file_;
  mutable std::mutex current_mutex_;  // guards current_ only; held for a pointer copy
  std::mutex write_mutex_;            // serialises Load and Replace (held during I/O)
  std::shared_ptr<const Settings> current_;
};

}  // namespace phonecert
