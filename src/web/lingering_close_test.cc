#include "web/lingering_close.h"

#include <gtest/gtest.h>
#include <sys/socket.h>
#include <unistd.h>

#include <string>
#include <thread>

namespace phonecert::web {
namespace {

struct SocketPair {
  int server = -1;
  int client = -1;
  SocketPair() {
    int fds[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, fds) == 0) {
      server = fds[0];
      client = fds[1];
    }
  }
  ~SocketPair() {
    if (server >= 0) ::close(server);
    if (client >= 0) ::close(client);
  }
  void CloseClient() {
    ::close(client);
    client = -1;
  }
};

TEST(LingeringClose, DiscardsWhatArrivesUntilThePeerCloses) {
  SocketPair s;
  ASSERT_GE(s.server, 0);
  std::thread writer([&] {
    std::string chunk(100000, 'x');
    for (int i = 0; i < 3; ++i) {
      ASSERT_EQ(::send(s.client, chunk.data(), chunk.size(), 0), static_cast<ssize_t>(chunk.size()));
    }
    s.CloseClient();
  });
  LingerResult r = DrainUntilClosed(s.server, LingerOptions{});
  writer.join();
  EXPECT_EQ(r.end, LingerEnd::kPeerClosed);
  EXPECT_EQ(r.discarded, 300000u);
}

TEST(LingeringClose, GivesUpAfterTheTimeLimitWhenThePeerStaysOpen) {
  SocketPair s;
  ASSERT_GE(s.server, 0);
  ASSERT_EQ(::send(s.client, "abc", 3, 0), 3);
  auto start = std::chrono::steady_clock::now();
  LingerResult r = DrainUntilClosed(s.server, LingerOptions{.max_time = std::chrono::milliseconds(100)});
  auto took = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(r.end, LingerEnd::kTimeLimit);
  EXPECT_EQ(r.discarded, 3u);
  EXPECT_GE(took, std::chrono::milliseconds(100));
}

TEST(LingeringClose, StopsAtTheByteLimit) {
  SocketPair s;
  ASSERT_GE(s.server, 0);
  std::string chunk(4096, 'y');
  ASSERT_EQ(::send(s.client, chunk.data(), chunk.size(), 0), 4096);
  LingerResult r = DrainUntilClosed(s.server, LingerOptions{.max_bytes = 1000});
  EXPECT_EQ(r.end, LingerEnd::kByteLimit);
  EXPECT_GE(r.discarded, 1000u);
}

TEST(LingeringClose, AClosedPeerWithNothingSentEndsAtOnce) {
  SocketPair s;
  ASSERT_GE(s.server, 0);
  s.CloseClient();
  LingerResult r = DrainUntilClosed(s.server, LingerOptions{});
  EXPECT_EQ(r.end, LingerEnd::kPeerClosed);
  EXPECT_EQ(r.discarded, 0u);
}

}  // namespace
}  // namespace phonecert::web
