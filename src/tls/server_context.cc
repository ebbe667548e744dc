#include "tls/server_context.h"

#include "ossl/error.h"

namespace phonecert {
namespace {

using ProviderRef = std::shared_ptr<IdentityProvider>;

void FreeProviderRef(void*, void* ptr, CRYPTO_EX_DATA*, int, long, void*) {
  delete static_cast<ProviderRef*>(ptr);
}

// The SSL_CTX ex_data slot that keeps the provider alive as long as the context.
int ProviderIndex() {
  static const int index =
      SSL_CTX_get_ex_new_index(0, nullptr, nullptr, nullptr, FreeProviderRef);
  return index;
}

// Called by OpenSSL for each handshake, after the ClientHello, before the certificate is chosen.
int CertCallback(SSL* ssl, void* arg) {
  std::shared_ptr<const Identity> identity = static_cast<IdentityProvider*>(arg)->Get();
  if (!identity) return 0;
  ossl::X509StackPtr chain(sk_X509_new_null());
  if (!chain) return 0;
  for (const Certificate& c : identity->chain) {
    ossl::X509Ptr ref = c.NewRef();
    if (sk_X509_push(chain.get(), ref.get()) <= 0) return 0;
    ref.release();  // owned by the stack now
  }
  // Copies references into this SSL: the connection keeps them whatever happens to `identity`.
  return SSL_use_cert_and_key(ssl, identity->leaf.native(), identity->key.native(), chain.get(),
                              /*override=*/1) == 1
             ? 1
             : 0;
}

}  // namespace

std::shared_ptr<const Identity> IdentityProvider::Get() const {
  std::lock_guard lock(mu_);
  return current_;
}

void IdentityProvider::Swap(std::shared_ptr<const Identity> next) {
  std::shared_ptr<const Identity> old;
  {
    std::lock_guard lock(mu_);
    old = std::move(current_);
    current_ = std::move(next);
    ++generation_;
  }
  // `old` is released here, outside the lock.
}

std::uint64_t IdentityProvider::generation() const {
  std::lock_guard lock(mu_);
  return generation_;
}

Status ConfigureServerCtx(SSL_CTX* ctx, std::shared_ptr<IdentityProvider> provider) {
  if (!ctx || !provider) return Fail(Code::kInternal, "no SSL_CTX or no identity provider");
  ossl::ClearErrors();
  int index = ProviderIndex();
  if (index < 0) return ossl::FailWithQueue(Code::kTlsError, "cannot reserve SSL_CTX ex_data");
  if (SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION) != 1) {
    return ossl::FailWithQueue(Code::kTlsError, "cannot set the minimum TLS version to 1.2");
  }
  SSL_CTX_set_options(ctx, SSL_OP_NO_RENEGOTIATION | SSL_OP_CIPHER_SERVER_PREFERENCE);
  IdentityProvider* raw = provider.get();
  auto ref = std::make_unique<ProviderRef>(std::move(provider));
  std::unique_ptr<ProviderRef> old(static_cast<ProviderRef*>(SSL_CTX_get_ex_data(ctx, index)));
  if (SSL_CTX_set_ex_data(ctx, index, ref.get()) != 1) {
    old.release();  // still attached to the context
    return ossl::FailWithQueue(Code::kTlsError, "cannot attach the identity provider");
  }
  ref.release();  // owned by the context now (FreeProviderRef)
  SSL_CTX_set_cert_cb(ctx, CertCallback, raw);
  return {};
}

std::function<bool(SSL_CTX&)> ServerCtxSetup(std::shared_ptr<IdentityProvider> provider) {
  return [provider = std::move(provider)](SSL_CTX& ctx) {
    return ConfigureServerCtx(&ctx, provider).has_value();
  };
}

Result<ossl::SslCtxPtr> NewServerCtx(std::shared_ptr<IdentityProvider> provider) {
  ossl::ClearErrors();
  ossl::SslCtxPtr ctx(SSL_CTX_new(TLS_server_method()));
  if (!ctx) return ossl::FailWithQueue(Code::kTlsError, "cannot create a TLS server context");
  if (auto s = ConfigureServerCtx(ctx.get(), std::move(provider)); !s) {
    return std::unexpected(s.error());
  }
  return ctx;
}

}  // namespace phonecert
