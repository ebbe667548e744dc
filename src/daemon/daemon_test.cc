#include "daemon/daemon.h"

#include <gtest/gtest.h>

#include <fstream>

#include "daemon/host_mac.h"
#include "test_support.h"

namespace phonecert::daemon {
namespace {

TEST(Daemon, ParseInterval) {
  EXPECT_EQ(*ParseInterval("24h"), std::chrono::hours(24));
  EXPECT_EQ(*ParseInterval("90m"), std::chrono::minutes(90));
  EXPECT_EQ(*ParseInterval("45s"), std::chrono::seconds(45));
  EXPECT_EQ(*ParseInterval("3600"), std::chrono::seconds(3600));
  EXPECT_EQ(*ParseInterval("2d"), std::chrono::hours(48));
  EXPECT_EQ(*ParseInterval("0"), std::chrono::seconds(0));
  for (const char* bad : {"", "h", "-1h", "1.5h", "1w", "10x", "999d"}) {
    auto r = ParseInterval(bad);
    ASSERT_FALSE(r) << bad;
    EXPECT_EQ(r.error().code, Code::kUsage);
  }
}

TEST(Daemon, HostMacTakesTheFirstRealInterfaceInNameOrder) {
  testing::TempDir dir;
  auto add = [&](const char* name, const char* address) {
    std::filesystem::create_directories(dir.path() / name);
    std::ofstream(dir.path() / name / "address") << address << "\n";
  };
  add("lo", "00:00:00:00:00:00");
  add("eth1", "00:15:65:00:00:02");
  add("dummy0", "00:00:00:00:00:00");  // all zero: not a device address
  add("eth0", "00:15:65:AA:BB:CC");
  EXPECT_EQ(HostMac(dir.path()), "001565aabbcc");
  testing::TempDir empty;
  EXPECT_EQ(HostMac(empty.path()), "001565000001");
  EXPECT_EQ(HostMac(empty.path() / "missing"), "001565000001");
}

}  // namespace
}  // namespace phonecert::daemon
