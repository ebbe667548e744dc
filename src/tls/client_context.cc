#include "tls/client_context.h"

#include <openssl/err.h>

#include "ossl/error.h"

namespace phonecert {
namespace {

int VerificationIndex() {
  static const int index = SSL_get_ex_new_index(0, nullptr, nullptr, nullptr, nullptr);
  return index;
}

}  // namespace

Result<TlsVersions> VersionsForSslMethod(int method) {
  switch (method) {
    case 3: return TlsVersions{TLS1_2_VERSION, TLS1_3_VERSION, ""};
    case 5: return TlsVersions{TLS1_2_VERSION, TLS1_2_VERSION, ""};
    case 6: return TlsVersions{TLS1_3_VERSION, TLS1_3_VERSION, ""};
    case 0:
      return TlsVersions{TLS1_VERSION, TLS1_VERSION,
                         "static.security.default_ssl_method = 0 allows only TLS 1.0, which is "
                         "obsolete and insecure (RFC 8996); use 3 (auto)"};
    case 4:
      return TlsVersions{TLS1_1_VERSION, TLS1_1_VERSION,
                         "static.security.default_ssl_method = 4 allows only TLS 1.1, which is "
                         "obsolete and insecure (RFC 8996); use 3 (auto)"};
    default:
      return Fail(Code::kInvalidValue,
                  "static.security.default_ssl_method is " + std::to_string(method) +
                      "; permitted values: 0 (TLS 1.0), 3 (auto), 4 (TLS 1.1), 5 (TLS 1.2), "
                      "6 (TLS 1.3)");
  }
}

Result<std::unique_ptr<ClientContext>> ClientContext::Create(ClientContextOptions options) {
  if (!options.snapshots || options.clock == nullptr) {
    return Fail(Code::kInvalidArgument, "a TLS client context needs a trust snapshot source and a clock");
  }
  auto versions = VersionsForSslMethod(options.default_ssl_method);
  if (!versions) return std::unexpected(versions.error());
  std::unique_ptr<ClientContext> c(new ClientContext(std::move(options)));
  c->versions_ = *versions;
  if (!versions->warning.empty()) c->warnings_.push_back(versions->warning);

  ossl::ClearErrors();
  c->ctx_.reset(SSL_CTX_new(TLS_client_method()));
  if (!c->ctx_) return ossl::FailWithQueue(Code::kTlsError, "cannot create a TLS client context");
  SSL_CTX* ctx = c->ctx_.get();
  if (SSL_CTX_set_min_proto_version(ctx, versions->min_version) != 1 ||
      SSL_CTX_set_max_proto_version(ctx, versions->max_version) != 1) {
    return ossl::FailWithQueue(Code::kTlsError, "cannot set the TLS protocol versions");
  }
  if (versions->min_version < TLS1_2_VERSION) {
    // OpenSSL 3 refuses TLS 1.0/1.1 handshakes (SHA-1/MD5 signatures) above security level 0.
    SSL_CTX_set_security_level(ctx, 0);
  }
  SSL_CTX_set_options(ctx, SSL_OP_NO_RENEGOTIATION | SSL_OP_NO_COMPRESSION);
  // The verify callback replaces X509_verify_cert; SSL_VERIFY_PEER makes its verdict final.
  SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, nullptr);
  SSL_CTX_set_cert_verify_callback(ctx, &ClientContext::VerifyCallback, c.get());
  return c;
}

Status ClientContext::AttachVerification(SSL* ssl, HandshakeVerification* verification) const {
  if (SSL_get_SSL_CTX(ssl) != ctx_.get()) {
    return Fail(Code::kInvalidArgument, "the connection does not come from this client context");
  }
  if (SSL_set_ex_data(ssl, VerificationIndex(), verification) != 1) {
    return ossl::FailWithQueue(Code::kTlsError, "cannot attach the verification to the connection");
  }
  return {};
}

int ClientContext::VerifyCallback(X509_STORE_CTX* store_ctx, void* arg) {
  auto* self = static_cast<ClientContext*>(arg);
  auto* ssl = static_cast<SSL*>(
      X509_STORE_CTX_get_ex_data(store_ctx, SSL_get_ex_data_X509_STORE_CTX_idx()));
  auto* verification =
      ssl ? static_cast<HandshakeVerification*>(SSL_get_ex_data(ssl, VerificationIndex())) : nullptr;

  VerifyRequest request;
  if (X509* leaf = X509_STORE_CTX_get0_cert(store_ctx)) {
    request.peer_chain.push_back(Certificate::Adopt(ossl::UpRef(leaf)));
  }
  if (STACK_OF(X509)* sent = X509_STORE_CTX_get0_untrusted(store_ctx)) {
    for (int i = 0; i < sk_X509_num(sent); ++i) {
      X509* x = sk_X509_value(sent, i);
      if (!request.peer_chain.empty() && x == request.peer_chain.front().native()) continue;
      request.peer_chain.push_back(Certificate::Adopt(ossl::UpRef(x)));
    }
  }
  request.snapshot = self->options_.snapshots();
  request.check_time = self->options_.clock->Now();
  // Without a HandshakeVerification there is no name to check: refuse rather than skip it when
  // the policy asks for a name check.
  if (verification) request.expected_name = verification->expected_name;

  VerifyResult result = self->options_.verifier
                            ? self->options_.verifier->Verify(request, self->options_.policy)
                            : VerifyServerChain(request, self->options_.policy);
  bool proceed = result.verdict != Verdict::kNotTrusted;
  if (!verification && self->options_.policy.cn_validation) proceed = false;
  if (!proceed) X509_STORE_CTX_set_error(store_ctx, X509_V_ERR_APPLICATION_VERIFICATION);
  if (verification) {
    verification->verified = true;
    verification->peer_chain = request.peer_chain;
    verification->result = std::move(result);
  }
  return proceed ? 1 : 0;
}

}  // namespace phonecert
