#include "web/lingering_close.h"

#include <poll.h>
#include <sys/socket.h>

#include <array>
#include <cerrno>

namespace phonecert::web {

LingerResult DrainUntilClosed(int fd, const LingerOptions& options) {
  using Clock = std::chrono::steady_clock;
  const Clock::time_point deadline = Clock::now() + options.max_time;
  LingerResult result;
  std::array<char, 64 * 1024> buffer{};
  for (;;) {
    auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0) {
      result.end = LingerEnd::kTimeLimit;
      return result;
    }
    pollfd pfd{fd, POLLIN, 0};
    int ready = ::poll(&pfd, 1, static_cast<int>(left.count()));
    if (ready < 0 && errno == EINTR) continue;
    if (ready < 0) {
      result.end = LingerEnd::kError;
      return result;
    }
    if (ready == 0) continue;  // the deadline is checked at the top
    ssize_t n = ::recv(fd, buffer.data(), buffer.size(), MSG_DONTWAIT);
    if (n == 0) {
      result.end = LingerEnd::kPeerClosed;
      return result;
    }
    if (n < 0) {
      if (errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK) continue;
      result.end = LingerEnd::kError;  // ECONNRESET and the like: nothing left to protect
      return result;
    }
    result.discarded += static_cast<std::size_t>(n);
    if (result.discarded >= options.max_bytes) {
      result.end = LingerEnd::kByteLimit;
      return result;
    }
  }
}

}  // namespace phonecert::web
