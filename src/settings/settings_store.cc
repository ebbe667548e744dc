#include "settings/settings_store.h"

#include <utility>

#include "base/file_io.h"
#include "settings/cfg_apply.h"
#include "settings/cfg_reader.h"
#include "settings/cfg_writer.h"

namespace phonecert {

SettingsStore::SettingsStore(std::filesystem::path file)
    : file_(std::move(file)), current_(std::make_shared<const Settings>(Settings::Defaults())) {}

std::vector<Diagnostic> SettingsStore::Load() {
  std::lock_guard write_lock(write_mutex_);
  auto defaults_with = [&](const Error& e) {
    Swap(std::make_shared<const Settings>(Settings::Defaults()));
    return std::vector<Diagnostic>{{file_.string(), 0, Severity::kError,
                                    DiagnosticCode::kBadFile,
                                    e.detail + "; using the default settings"}};
  };
  auto text = ReadFileCapped(file_, kMaxUploadBytes);
  if (!text) {
    if (text.error().code == Code::kNotFound) {
      Swap(std::make_shared<const Settings>(Settings::Defaults()));
      return {};
    }
    return defaults_with(text.error());
  }
  CfgReadOptions options;
  options.file_name = file_.string();
  auto parsed = ParseCfg(*text, options);
  if (!parsed) return defaults_with(parsed.error());
  ApplyResult applied = Apply(Settings::Defaults(), *parsed);
  Swap(std::make_shared<const Settings>(std::move(applied.settings)));
  return std::move(applied.diagnostics);
}

std::shared_ptr<const Settings> SettingsStore::Current() const {
  std::lock_guard lock(current_mutex_);
  return current_;
}

Status SettingsStore::Replace(Settings next) {
  std::lock_guard write_lock(write_mutex_);
  CfgWriteOptions options;
  options.include_secrets = true;
  if (auto s = WriteFileAtomic(file_, WriteCfg(next, options), WriteOptions{.mode = 0600}); !s) {
    return s;
  }
  Swap(std::make_shared<const Settings>(std::move(next)));
  return {};
}

void SettingsStore::Swap(std::shared_ptr<const Settings> next) {
  std::shared_ptr<const Settings> old;
  {
    std::lock_guard lock(current_mutex_);
    old = std::exchange(current_, std::move(next));
  }
  // `old` is released here, outside the lock.
}

}  // namespace phonecert
