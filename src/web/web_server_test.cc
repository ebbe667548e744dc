#include "web/web_server.h"

#include <gtest/gtest.h>

namespace phonecert::web {
namespace {

TEST(WebServer, ParseListenAddress) {
  auto a = ParseListenAddress("127.0.0.1:8443");
  ASSERT_TRUE(a);
  EXPECT_EQ(a->host, "127.0.0.1");
  EXPECT_EQ(a->port, 8443);
  auto b = ParseListenAddress("[::1]:0");
  ASSERT_TRUE(b);
  EXPECT_EQ(b->host, "::1");
  EXPECT_EQ(b->port, 0);
  for (const char* bad : {"", "8443", "host:", "host:x", "host:70000", "[::1]8443", ":80"}) {
    EXPECT_FALSE(ParseListenAddress(bad)) << bad;
  }
}

}  // namespace
}  // namespace phonecert::web
