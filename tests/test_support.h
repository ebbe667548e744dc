#pragma once
// Shared helpers for unit tests: where the generated test data is, running a command.
#include <filesystem>
#include <string>

namespace phonecert::testing {

// The folder tests/data/gen-certs.sh filled (a ctest fixture).
std::filesystem::path DataDir();
std::filesystem::path Data(const std::string& name);
std::string ReadAll(const std::filesystem::path& p);

struct CommandResult {
  int exit_code = -1;
  std::string out;  // stdout and stderr together
};
// Runs a shell command and captures its output.
CommandResult RunCommand(const std::string& command);

// A fresh empty directory under the system temp folder, removed by the destructor.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace phonecert::testing
