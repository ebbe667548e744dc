#pragma once
// Lingering close, as nginx's `lingering_close`: after a response that refused a request whose
// body was left unread (413 from the headers), the client may still be sending that body. Closing
// the socket with unread bytes makes the kernel reset the connection, and a client that has not
// yet read the response loses it ("Send failure: Broken pipe" instead of the 413). So the server
// first reads and discards what arrives, until the client closes or a time or size bound is hit.
// The bytes are discarded raw (TLS records unparsed): they can never become requests.
#include <chrono>
#include <cstddef>

namespace phonecert::web {

struct LingerOptions {
  std::chrono::milliseconds max_time{1000};  // the worker thread is held at most this long
  std::size_t max_bytes = 16 * 1024 * 1024;  // and reads at most this much
};

enum class LingerEnd { kPeerClosed, kTimeLimit, kByteLimit, kError };

struct LingerResult {
  LingerEnd end = LingerEnd::kError;
  std::size_t discarded = 0;
};

// Reads and discards from `fd` until end of stream, an error, or a bound of `options`. Waits with
// poll(); the socket may be blocking or not. The elapsed time is measured on the steady clock.
LingerResult DrainUntilClosed(int fd, const LingerOptions& options);

}  // namespace phonecert::web
