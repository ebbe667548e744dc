#include "cli/command.h"

#include <cstdlib>

namespace phonecert::cli {

int Report(const Error& error) {
  std::cerr << "phonecert: " << error.detail << " [" << CodeName(error.code) << "]\n";
  return ExitCodeFor(error.code);
}

std::filesystem::path StateDir(const GlobalOptions& global) {
  if (!global.state_dir.empty()) return global.state_dir;
  if (const char* env = std::getenv("PHONECERT_STATE_DIR"); env && *env) return env;
  if (const char* xdg = std::getenv("XDG_STATE_HOME"); xdg && *xdg) {
    return std::filesystem::path(xdg) / "phonecert";
  }
  if (const char* home = std::getenv("HOME"); home && *home) {
    return std::filesystem::path(home) / ".local/state/phonecert";
  }
  return std::filesystem::path(".phonecert-state");
}

}  // namespace phonecert::cli
