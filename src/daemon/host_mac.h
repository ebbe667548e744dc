#pragma once
// The MAC address the development factory identity gets at first start when --mac is not given:
// the first network interface (in name order) with a real, non-zero hardware address, from
// /sys/class/net/<if>/address; kFallbackMac when there is none (containers without a NIC).
#include <filesystem>
#include <string>
#include <string_view>

namespace phonecert::daemon {

inline constexpr std::string_view kFallbackMac = "00:15:65:00:00:01";

std::string HostMac(const std::filesystem::path& sys_class_net = "/sys/class/net");

}  // namespace phonecert::daemon
