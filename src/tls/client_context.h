#pragma once
// The phone as TLS client: an SSL_CTX whose server-certificate decision is made by our Verifier
// (verify/verifier.h) inside the handshake, on the chain the server sent, against the trust
// snapshot current at that handshake and the name the caller meant to reach.
//
// How a handshake is decided (SSL_CTX_set_cert_verify_callback, so OpenSSL's own X509_verify_cert
// is not used):
//  - trusted: the handshake goes on;
//  - not trusted and policy.only_trusted: the handshake is aborted with a bad_certificate alert;
//  - not trusted and !policy.only_trusted: the handshake goes on (kProceedUntrusted);
// and in every case the VerifyResult is kept on the SSL (HandshakeVerification) for the caller
// to report and log, and is counted in the Verifier's counters.
//
// Protocol versions come from static.security.default_ssl_method: 3 auto (TLS 1.2..1.3), 5 TLS
// 1.2 only, 6 TLS 1.3 only, and 0 / 4 (TLS 1.0 / 1.1 only) only when set explicitly, with a
// warning; those two also need OpenSSL security level 0, which the context then sets.
//
// The caller must, per connection: SSL_new from this context, AttachVerification (the expected
// name; SNI is the caller's business, see connect.h), and keep the HandshakeVerification alive
// until the SSL is freed.
#include <openssl/ssl.h>

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "base/error.h"
#include "base/time.h"
#include "ossl/ptr.h"
#include "trust/snapshot.h"
#include "verify/policy.h"
#include "verify/result.h"
#include "verify/verifier.h"

namespace phonecert {

struct TlsVersions {
  int min_version = TLS1_2_VERSION;
  int max_version = TLS1_3_VERSION;
  std::string warning;  // non-empty for TLS 1.0 / 1.1
};
// static.security.default_ssl_method → versions; Code::kInvalidValue for other values.
Result<TlsVersions> VersionsForSslMethod(int default_ssl_method);

struct ClientContextOptions {
  VerifyPolicy policy;
  int default_ssl_method = 3;
  // Returns the trust snapshot in force; called once per handshake (TrustStore::Snapshot).
  std::function<std::shared_ptr<const TrustSnapshot>()> snapshots;
  const Clock* clock = nullptr;  // required; read once per handshake
  Verifier* verifier = nullptr;  // optional: counts results; outlives the context
};

// What one handshake decided. Filled by the verify callback.
struct HandshakeVerification {
  std::string expected_name;  // set by the caller before the handshake
  bool verified = false;      // the callback ran
  std::vector<Certificate> peer_chain;  // as the server sent it, leaf first
  VerifyResult result;
};

class ClientContext {
 public:
  static Result<std::unique_ptr<ClientContext>> Create(ClientContextOptions options);

  SSL_CTX* native() const { return ctx_.get(); }
  const TlsVersions& versions() const { return versions_; }
  const VerifyPolicy& policy() const { return options_.policy; }
  // Warnings about the configuration (old protocol versions), for the caller to show or log.
  const std::vector<std::string>& warnings() const { return warnings_; }

  // Ties `verification` to `ssl` (which must come from this context).
  Status AttachVerification(SSL* ssl, HandshakeVerification* verification) const;

  ClientContext(const ClientContext&) = delete;
  ClientContext& operator=(const ClientContext&) = delete;

 private:
  explicit ClientContext(ClientContextOptions options) : options_(std::move(options)) {}
  static int VerifyCallback(X509_STORE_CTX* store_ctx, void* arg);

  ClientContextOptions options_;
  TlsVersions versions_;
  std::vector<std::string> warnings_;
  ossl::SslCtxPtr ctx_;
};

}  // namespace phonecert
