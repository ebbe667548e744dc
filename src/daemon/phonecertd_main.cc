// phonecertd: the phone's daemon (web UI, REST API, auto-provisioning). See daemon/daemon.h.
#include <CLI/CLI.hpp>

#include <iostream>

#include "cli/command.h"
#include "daemon/daemon.h"
#include "daemon/log.h"

int main(int argc, char** argv) {
  using namespace phonecert;
  CLI::App app{"phonecertd: the phone's daemon: HTTPS web UI and REST API, auto-provisioning",
               "phonecertd"};
  app.set_version_flag("--version", std::string("phonecertd ") + PHONECERT_VERSION);
  cli::GlobalOptions global;
  daemon::DaemonOptions options;
  std::string interval = "24h";
  std::string expiry_interval = "24h";
  std::string log_level = "info";
  app.add_option("--state-dir", global.state_dir,
                 "State directory (default $PHONECERT_STATE_DIR, else $XDG_STATE_HOME/phonecert, "
                 "else ~/.local/state/phonecert), the same rule as phonecert");
  app.add_option("--listen", options.listen, "Address and port to serve HTTPS on (port 0: any free port)")
      ->default_str(std::string(daemon::kDefaultListen));
  app.add_option("--provision-interval", interval,
                 "Time between auto-provisioning rounds: 24h, 90m, 45s; 0 turns periodic rounds off")
      ->default_str("24h");
  app.add_option("--expiry-check-interval", expiry_interval,
                 "Time between checks for device and custom CA certificates that expire within 30 days "
                 "(logged): 24h, 90m; 0 checks at start only")
      ->default_str("24h");
  app.add_option("--mac", options.mac,
                 "MAC for the development factory identity made at first start (default: the host's)");
  app.add_option("--threads", options.threads, "HTTPS worker threads")->default_str("16");
  app.add_option("--log-level", log_level, "debug, info, warning or error")->default_str("info");
  app.add_flag("--reset-admin-password", options.reset_admin_password,
               "Generate a new password for user admin, print it and exit (phonecertd must not be running)");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : 2;
  }
  options.state_dir = cli::StateDir(global);
  auto parsed_interval = daemon::ParseInterval(interval);
  if (!parsed_interval) {
    std::cerr << "phonecertd: " << parsed_interval.error().detail << "\n";
    return 2;
  }
  options.provision_interval = *parsed_interval;
  auto parsed_expiry = daemon::ParseInterval(expiry_interval);
  if (!parsed_expiry) {
    std::cerr << "phonecertd: --expiry-check-interval: " << parsed_expiry.error().detail << "\n";
    return 2;
  }
  options.expiry_check_interval = *parsed_expiry;
  auto level = daemon::ParseLogLevel(log_level);
  if (!level) {
    std::cerr << "phonecertd: " << level.error().detail << "\n";
    return 2;
  }
  options.log_level = *level;
  return daemon::RunDaemon(options);
}
