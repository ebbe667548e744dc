#pragma once
// Connect: one TCP connection and TLS handshake to a server, decided by the client context's
// Verifier (client_context.h). Used by `phonecert connect` and by services that only need to
// know whether the phone would trust a server.
//
// Contract:
//  - The expected name is what the caller meant to reach: options.servername when given,
//    else options.host. SNI carries the same name unless it is an IP literal (RFC 6066).
//  - A refused certificate is not an error: the result says handshake_completed = false and
//    holds the VerifyResult with its reasons. Errors (Code::kConnectFailed, Code::kTlsError) are
//    for what happened before or beside the certificate decision: name resolution, TCP, timeouts,
//    protocol mismatch.
//  - The connection is closed (close_notify when the handshake completed) before returning.
#include <chrono>
#include <string>
#include <vector>

#include "base/error.h"
#include "tls/client_context.h"
#include "verify/result.h"
#include "x509/certificate.h"

namespace phonecert {

struct ConnectOptions {
  std::string host;        // DNS name or IP literal to connect to
  int port = 443;
  std::string servername;  // the name meant (SNI + name check); empty: host
  std::chrono::milliseconds timeout{10000};  // for TCP connect and for the handshake
};

struct ConnectResult {
  bool handshake_completed = false;
  std::vector<Certificate> peer_chain;  // as the server sent it, leaf first
  VerifyResult verify;                  // the verifier's decision (always computed)
  std::string protocol;                 // "TLSv1.3" (empty when the handshake did not complete)
  std::string cipher;                   // "TLS_AES_256_GCM_SHA384"
  std::string address;                  // the address connected to ("127.0.0.1:8443")
};

Result<ConnectResult> Connect(const ClientContext& context, const ConnectOptions& options);

// "host:port", "[v6]:port" → host and port; Code::kUsage when it is neither.
struct HostPort {
  std::string host;
  int port = 0;
};
Result<HostPort> ParseHostPort(const std::string& text);

}  // namespace phonecert
