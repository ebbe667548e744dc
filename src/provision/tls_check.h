#pragma once
// HTTPS to a provisioning server is verified with the phone's own trust settings and anchors,
// not with libcurl's CA bundle: InstallTlsCheck turns libcurl's verification off
// (CURLOPT_SSL_VERIFYPEER/VERIFYHOST = 0) and, through CURLOPT_SSL_CTX_FUNCTION, installs an
// OpenSSL certificate-verify callback that runs our Verifier on the chain the server sent, with
// the host name of the URL (never a resolved address), the trust snapshot and the policy given
// here. The handshake goes on when the verdict is kTrusted or kProceedUntrusted (Only Accept
// Trusted Certificates = 0) and stops with a TLS alert when it is kNotTrusted. Either way the
// result is kept in the TlsCheck for the report.
//
// Also set here: TLS 1.2 at least (TLS 1.3 only with default_ssl_method = 6, TLS 1.2 only with
// 5; the older methods are not used for provisioning), no TLS session reuse (every handshake is
// verified again).
//
// What the caller must still do: keep `options` and `check` alive for the whole transfer, and
// use one easy handle per host (the check holds one host name).
#include <curl/curl.h>

#include <memory>
#include <optional>
#include <string>

#include "base/error.h"
#include "base/time.h"
#include "settings/settings.h"
#include "trust/snapshot.h"
#include "verify/policy.h"
#include "verify/result.h"
#include "verify/verifier.h"

namespace phonecert::provision {

struct TlsCheckOptions {
  std::shared_ptr<const TrustSnapshot> snapshot;  // required for https
  VerifyPolicy policy;
  TimePoint now;                  // the check time
  SslMethod method = SslMethod::kAuto;
  Verifier* verifier = nullptr;   // optional: counts every verification
};

// The policy the phone applies to its provisioning server: the auto_provision service's trust
// settings (Settings::ForService), server-auth purpose.
VerifyPolicy ProvisioningPolicy(const Settings& settings);

struct TlsCheck {
  std::string host;                     // the name the phone meant to reach
  std::optional<VerifyResult> result;   // set once the server's certificate was checked
  bool proceeded = false;               // the handshake was allowed to go on
  const TlsCheckOptions* options = nullptr;  // set by InstallTlsCheck, used by its callback
};

// Configures `easy` for one HTTPS transfer to `host`. `check.host` is set here.
Status InstallTlsCheck(CURL* easy, const std::string& host, const TlsCheckOptions& options,
                       TlsCheck& check);

}  // namespace phonecert::provision
