#pragma once
// The phone as TLS server: an SSL_CTX whose certificate, chain and key come from the current
// device identity at each handshake.
//
// IdentityProvider holds the identity in force (a shared_ptr to an immutable Identity). A writer
// calls Swap() with a new one; handshakes that start afterwards present it, without a restart.
// Established connections keep what they were given: each SSL owns references to its own
// certificate and key (SSL_use_cert_and_key), so nothing they use is freed under them.
// The provider's mutex is held only to copy the shared_ptr, never during a handshake.
//
// ConfigureServerCtx fits any server that lets the caller set up its SSL_CTX, for example
// cpp-httplib 0.11:
//   httplib::SSLServer server(ServerCtxSetup(provider));
// or directly:
//   SSL_CTX_new(TLS_server_method()) -> ConfigureServerCtx(ctx, provider).
// Protocol: TLS 1.2 and 1.3 only; renegotiation off. A handshake that starts while the provider
// holds no identity fails (the client sees a handshake failure alert).
#include <openssl/ssl.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>

#include "base/error.h"
#include "identity/device_identity.h"
#include "ossl/ptr.h"

namespace phonecert {

class IdentityProvider {
 public:
  explicit IdentityProvider(std::shared_ptr<const Identity> initial = nullptr)
      : current_(std::move(initial)) {}

  // The identity in force (null: none). Thread-safe.
  std::shared_ptr<const Identity> Get() const;
  // Puts `next` in force for new handshakes and bumps the generation. Thread-safe.
  void Swap(std::shared_ptr<const Identity> next);
  // How many times Swap was called.
  std::uint64_t generation() const;

 private:
  mutable std::mutex mu_;
  std::shared_ptr<const Identity> current_;
  std::uint64_t generation_ = 0;
};

// Sets TLS 1.2+ and the per-handshake certificate callback on `ctx`. The context keeps its own
// reference to the provider (freed with the context). Calling it again replaces the provider.
Status ConfigureServerCtx(SSL_CTX* ctx, std::shared_ptr<IdentityProvider> provider);

// The same as a callback of the shape cpp-httplib's SSLServer(setup) constructor takes.
std::function<bool(SSL_CTX&)> ServerCtxSetup(std::shared_ptr<IdentityProvider> provider);

// A new server context (TLS_server_method) configured as above.
Result<ossl::SslCtxPtr> NewServerCtx(std::shared_ptr<IdentityProvider> provider);

}  // namespace phonecert
