#pragma once
// WebServer: the phone's HTTPS server (cpp-httplib 0.11 SSLServer) with the web UI, the REST API
// and the static files. TLS comes from the State's IdentityProvider through ConfigureServerCtx:
// every handshake presents the device certificate in force at that moment (TLS 1.2+), so a new
// certificate is served without a restart.
//
// Limits, checked from the request headers before any body byte is read:
//   - certificate uploads (POST to the two upload pages and the two upload API resources):
//     5 MB for the file plus 64 KiB for the form around it; the file itself is held to 5 MB;
//   - every other request body: 64 KiB.
// A larger declared Content-Length is answered at once with 413 (JSON for /api/, a page with the
// sentence otherwise) and the body is never read; a chunked body is cut off at the upload limit.
// Unauthenticated routes: /login, /, /static/* (style sheet and script; the benchmark's route).
#include <cstddef>
#include <memory>
#include <string>

#include "base/error.h"
#include "base/time.h"
#include "state/state.h"
#include "verify/counters.h"
#include "web/provisioning_control.h"

namespace phonecert::web {

inline constexpr std::size_t kFormLimit = 64 * 1024;

struct WebServerOptions {
  std::string host = "127.0.0.1";
  int port = 8443;           // 0: any free port (see port())
  std::size_t threads = 16;  // worker threads; each serves one connection at a time
  // The daemon's verification counters for GET /api/v1/metrics; null: served as all zero.
  const VerifyCounters* verify_counters = nullptr;
};

class WebServer {
 public:
  // `state`, `provisioning` (may be null) and `clock` outlive the server.
  WebServer(State& state, ProvisioningControl* provisioning, const Clock& clock,
            WebServerOptions options);
  ~WebServer();

  // Binds the listening socket (Code::kIoError naming the address when it cannot).
  Status Bind();
  int port() const { return port_; }
  // Serves until Stop(); returns when the listener is closed and the workers have finished.
  Status Run();
  // Thread-safe; safe to call from another thread while Run() blocks.
  void Stop();

  WebServer(const WebServer&) = delete;
  WebServer& operator=(const WebServer&) = delete;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  WebServerOptions options_;
  int port_ = 0;
};

// "127.0.0.1:8443", "[::1]:8443", "0.0.0.0:443" → host and port (Code::kUsage when malformed).
struct ListenAddress {
  std::string host;
  int port = 0;
};
Result<ListenAddress> ParseListenAddress(std::string_view text);

}  // namespace phonecert::web
