#include "daemon/host_mac.h"

#include <algorithm>
#include <fstream>
#include <vector>

#include "base/mac.h"

namespace phonecert::daemon {

std::string HostMac(const std::filesystem::path& sys_class_net) {
  std::error_code ec;
  std::vector<std::filesystem::path> interfaces;
  for (const auto& entry : std::filesystem::directory_iterator(sys_class_net, ec)) {
    if (entry.path().filename() != "lo") interfaces.push_back(entry.path());
  }
  std::sort(interfaces.begin(), interfaces.end());
  for (const auto& dir : interfaces) {
    std::ifstream in(dir / "address");
    std::string text;
    if (!std::getline(in, text)) continue;
    if (auto mac = NormalizeMac(text)) return *mac;  // refuses all-zero and broadcast
  }
  return *NormalizeMac(kFallbackMac);
}

}  // namespace phonecert::daemon
