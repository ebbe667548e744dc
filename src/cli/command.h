#pragma once
// The CLI's shared pieces. One file per subcommand (CLI11's subcom_in_files model): an options
// struct, a Register function that adds the subcommand to the app, and a Run function.
#include <CLI/CLI.hpp>

#include <filesystem>
#include <iostream>
#include <string>

#include "base/error.h"

namespace phonecert::cli {

struct GlobalOptions {
  std::string state_dir;  // empty: the documented default (see DefaultStateDir)
  bool json = false;      // set by subcommands that take --json
};

// Each subcommand's callback stores its exit code here.
struct Context {
  GlobalOptions global;
  int exit_code = 0;
};

// Prints "phonecert: <sentence> [code]" to stderr and returns the exit code for it.
int Report(const Error& error);

// The state directory chosen by --state-dir, $PHONECERT_STATE_DIR, $XDG_STATE_HOME/phonecert,
// or ~/.local/state/phonecert (no root needed).
std::filesystem::path StateDir(const GlobalOptions& global);

// Registration functions, one per subcommand file. main.cc calls each of them.
void RegisterInspect(CLI::App& app, Context& ctx);
void RegisterTrust(CLI::App& app, Context& ctx);    // trust list/add/remove (trust.cc)
void RegisterVerify(CLI::App& app, Context& ctx);   // verify CHAIN (verify.cc)
void RegisterConnect(CLI::App& app, Context& ctx);  // connect HOST:PORT (connect.cc)
void RegisterCa(CLI::App& app, Context& ctx);      // ca init/issue/sign/revoke/crl (ca.cc)
void RegisterDevice(CLI::App& app, Context& ctx);   // device show/use/install/remove/csr
void RegisterFactory(CLI::App& app, Context& ctx);  // factory init, factory-reset
void RegisterConfig(CLI::App& app, Context& ctx);       // config get/set/list (config.cc)
void RegisterConfigFiles(CLI::App& config, Context& ctx);  // config apply/export (config_files.cc)
void RegisterProvision(CLI::App& app, Context& ctx);  // provision (provision.cc)
void RegisterExpiry(CLI::App& app, Context& ctx);     // expiry (expiry.cc)

}  // namespace phonecert::cli
