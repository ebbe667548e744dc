#include "cli/state_access.h"

#include <iostream>
#include <string>

namespace phonecert::cli {

std::unique_ptr<SettingsStore> OpenSettings(const StatePaths& paths) {
  auto store = std::make_unique<SettingsStore>(paths.settings_file());
  for (const Diagnostic& d : store->Load()) std::cerr << d.ToString() << "\n";
  return store;
}

Result<std::unique_ptr<TrustStore>> OpenTrust(const StatePaths& paths, TimePoint now) {
  auto store = TrustStore::Open(paths, TrustStoreOptions{now, std::nullopt});
  if (store) {
    for (const auto& problem : (*store)->load_problems()) {
      std::cerr << "phonecert: warning: " << problem << "\n";
    }
  }
  return store;
}

Result<TimePoint> CheckTime(std::string_view at, TimePoint now) {
  if (at.empty()) return now;
  auto parsed = ParseIso8601(at);
  if (!parsed) return Fail(Code::kUsage, "--at \"" + std::string(at) + "\" is not an ISO 8601 time");
  return *parsed;
}

}  // namespace phonecert::cli
