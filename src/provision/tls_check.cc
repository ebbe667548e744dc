#include "provision/tls_check.h"

#include <openssl/ssl.h>
#include <openssl/x509_vfy.h>

#include <vector>

#include "ossl/ptr.h"
#include "settings/keys.h"
#include "x509/certificate.h"

namespace phonecert::provision {
namespace {

// The peer's chain as the server sent it: the untrusted stack holds the leaf first.
std::vector<Certificate> PeerChain(X509_STORE_CTX* ctx) {
  std::vector<Certificate> chain;
  X509* leaf = X509_STORE_CTX_get0_cert(ctx);
  if (leaf) chain.push_back(Certificate::Adopt(ossl::UpRef(leaf)));
  STACK_OF(X509)* sent = X509_STORE_CTX_get0_untrusted(ctx);
  const int n = sent ? sk_X509_num(sent) : 0;
  for (int i = 0; i < n; ++i) {
    X509* c = sk_X509_value(sent, i);
    if (c == leaf) continue;
    chain.push_back(Certificate::Adopt(ossl::UpRef(c)));
  }
  return chain;
}

int CertVerify(X509_STORE_CTX* ctx, void* arg) noexcept {
  auto* check = static_cast<TlsCheck*>(arg);
  try {
    const TlsCheckOptions& options = *check->options;
    VerifyRequest request;
    request.peer_chain = PeerChain(ctx);
    request.expected_name = check->host;
    request.check_time = options.now;
    request.snapshot = options.snapshot;
    VerifyResult result = options.verifier ? options.verifier->Verify(request, options.policy)
                                           : VerifyServerChain(request, options.policy);
    const bool go_on = result.verdict != Verdict::kNotTrusted;
    check->proceeded = go_on;
    check->result = std::move(result);
    X509_STORE_CTX_set_error(ctx, go_on ? X509_V_OK : X509_V_ERR_APPLICATION_VERIFICATION);
    return go_on ? 1 : 0;
  } catch (...) {
    X509_STORE_CTX_set_error(ctx, X509_V_ERR_UNSPECIFIED);
    return 0;
  }
}

CURLcode SslCtxFunction(CURL*, void* ssl_ctx, void* userptr) noexcept {
  auto* ctx = static_cast<SSL_CTX*>(ssl_ctx);
  // libcurl set SSL_VERIFY_NONE (its own verification is off); the handshake must stop when our
  // callback refuses, which OpenSSL does only in SSL_VERIFY_PEER mode.
  SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, nullptr);
  SSL_CTX_set_cert_verify_callback(ctx, CertVerify, userptr);
  SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_OFF);
  return CURLE_OK;
}

long SslVersion(SslMethod method) {
  switch (method) {
    case SslMethod::kTls13: return CURL_SSLVERSION_TLSv1_3;
    case SslMethod::kTls12: {
      // CURL_SSLVERSION_TLSv1_2 | CURL_SSLVERSION_MAX_TLSv1_2 (the maximum sits 16 bits up).
      const long v = CURL_SSLVERSION_TLSv1_2;
      return v | (v << 16);
    }
    case SslMethod::kTls10:
    case SslMethod::kTls11:
    case SslMethod::kAuto: break;
  }
  return CURL_SSLVERSION_TLSv1_2;
}

}  // namespace

VerifyPolicy ProvisioningPolicy(const Settings& settings) {
  // keys::kOverrideServices[0] is the "auto_provision" service.
  ServiceTrust t = settings.ForService(keys::kOverrideServices[0]);
  VerifyPolicy policy;
  policy.only_trusted = t.trust_certificates;
  policy.cn_validation = t.cn_validation;
  policy.ca_selection = t.ca_cert == 0   ? CaSelection::kBuiltin
                        : t.ca_cert == 1 ? CaSelection::kCustom
                                         : CaSelection::kAll;
  policy.required_eku = RequiredEku::kServerAuth;
  return policy;
}

Status InstallTlsCheck(CURL* easy, const std::string& host, const TlsCheckOptions& options,
                       TlsCheck& check) {
  if (!options.snapshot) return Fail(Code::kInternal, "no trust snapshot for the HTTPS check");
  check.host = host;
  check.options = &options;
  bool ok = curl_easy_setopt(easy, CURLOPT_SSL_VERIFYPEER, 0L) == CURLE_OK &&
            curl_easy_setopt(easy, CURLOPT_SSL_VERIFYHOST, 0L) == CURLE_OK &&
            curl_easy_setopt(easy, CURLOPT_SSL_SESSIONID_CACHE, 0L) == CURLE_OK &&
            curl_easy_setopt(easy, CURLOPT_SSLVERSION, SslVersion(options.method)) == CURLE_OK &&
            curl_easy_setopt(easy, CURLOPT_SSL_CTX_FUNCTION, SslCtxFunction) == CURLE_OK &&
            curl_easy_setopt(easy, CURLOPT_SSL_CTX_DATA, &check) == CURLE_OK;
  if (!ok) {
    return Fail(Code::kInternal,
                "libcurl refused the TLS options (is it built with OpenSSL?)");
  }
  return {};
}

}  // namespace phonecert::provision
