#pragma once
// How the CLI's read commands open a state directory: the stored settings and the trust store,
// each with its load problems reported on stderr (a damaged file is named, and never stops a read
// command), and the check-time option `--at`. Reading needs no lock: every file is replaced
// atomically by its writer.
#include <memory>
#include <string_view>

#include "base/error.h"
#include "base/time.h"
#include "settings/settings_store.h"
#include "state/state_dir.h"
#include "trust/trust_store.h"

namespace phonecert::cli {

// settings.cfg; a damaged one is reported line by line and replaced by the defaults.
std::unique_ptr<SettingsStore> OpenSettings(const StatePaths& paths);

// The built-in and custom anchors; unusable custom files are reported as warnings.
Result<std::unique_ptr<TrustStore>> OpenTrust(const StatePaths& paths, TimePoint now);

// `--at`: empty means `now`; otherwise an ISO 8601 time (Code::kUsage when it is not one).
Result<TimePoint> CheckTime(std::string_view at, TimePoint now);

}  // namespace phonecert::cli
