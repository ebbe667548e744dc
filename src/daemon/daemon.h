#pragma once
// phonecertd's lifecycle: open the state directory (taking its lock; first start initialises it),
// serve HTTPS, schedule auto-provisioning and the expiry watch, and stop cleanly on SIGTERM /
// SIGINT.
//
// Standard output carries only the start banner (URL, state directory, device certificate, how
// to log in; the generated password on first start, once). Everything else is the log on stderr.
#include <chrono>
#include <cstddef>
#include <filesystem>
#include <string>

#include "base/error.h"
#include "daemon/expiry_watch.h"
#include "daemon/provisioning_service.h"
#include "state/state.h"

namespace phonecert::daemon {

inline constexpr std::string_view kDefaultListen = "127.0.0.1:8443";

struct DaemonOptions {
  std::filesystem::path state_dir;
  std::string listen = std::string(kDefaultListen);
  std::chrono::seconds provision_interval = kDefaultProvisionInterval;
  std::chrono::seconds expiry_check_interval = kDefaultExpiryCheckInterval;  // 0: at start only
  std::string mac;            // for the development factory identity at first start; "" = host's
  std::size_t threads = 16;
  LogLevel log_level = LogLevel::kInfo;
  bool reset_admin_password = false;  // print a new password and exit
};

// Returns the process exit code: 0 after a clean stop, 1 when it could not start.
int RunDaemon(const DaemonOptions& options);

// "24h", "90m", "45s", "3600" (seconds), "0" (off). Code::kUsage otherwise.
Result<std::chrono::seconds> ParseInterval(std::string_view text);

}  // namespace phonecert::daemon
