#pragma once
// Fetching one file for auto-provisioning with libcurl: http, https, ftp, tftp and file URLs
// (provision_url.h), nothing else, also after a redirect.
//
// Limits (FetchLimits, documented in the README):
//   connect timeout 10 s, total time 60 s per file (every redirect hop counts anew);
//   5 MB per file (kMaxUploadBytes, the same cap as an upload): a server that announces more is
//   refused before the body (CURLOPT_MAXFILESIZE_LARGE); one that sends more is cut off by the
//   write callback as soon as the cap is passed;
//   at most 5 redirects, each to the same scheme (http -> https is refused too: the
//   administrator writes the URL the phone must use). Credentials go to the first server
//   and to redirects on the same scheme, host and port only.
//
// Outcomes (FetchStatus):
//   kOk        the whole file arrived (HTTP 2xx; FTP/TFTP/file transfer complete)
//   kNotFound  the file does not exist: HTTP 404 or 410, FTP 550 (CURLE_REMOTE_FILE_NOT_FOUND),
//              TFTP "file not found", file:// naming no file. Not an error: the caller decides.
//   kFailed    everything else, with an Error: Code::kFetchFailed (cannot connect, DNS, time
//              out, a transfer cut short: Content-Length not reached or CURLE_PARTIAL_FILE, an
//              HTTP status other than 2xx/404/410, a redirect refused), Code::kUnauthorized (401,
//              407: wrong or missing credentials), Code::kForbidden (403), Code::kTooLarge (over
//              the cap), Code::kNotTrusted (the HTTPS server's certificate was refused by our
//              Verifier; see tls_check.h), Code::kInvalidArgument (the URL).
// Credentials: those written in the URL win; else FetchRequest::credentials (the
// static.auto_provision.server.username / .password settings) are sent (HTTP basic or digest,
// FTP USER/PASS). Nothing secret is kept in the result (URLs are redacted).
#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "base/error.h"
#include "base/file_io.h"
#include "provision/tls_check.h"

namespace phonecert::provision {

struct FetchLimits {
  std::chrono::milliseconds connect_timeout{10'000};
  std::chrono::milliseconds total_timeout{60'000};
  std::size_t max_bytes = kMaxUploadBytes;
  int max_redirects = 5;
};

struct Credentials {
  std::string username;
  std::string password;
};

struct FetchRequest {
  std::string url;
  std::optional<Credentials> credentials;  // used when the URL carries no user name
  FetchLimits limits;
  TlsCheckOptions tls;                     // for https URLs
};

enum class FetchStatus { kOk, kNotFound, kFailed };
std::string_view FetchStatusName(FetchStatus status);  // "ok", "not_found", "failed"

struct FetchResult {
  FetchStatus status = FetchStatus::kFailed;
  std::string url;            // the last URL tried, password redacted
  std::vector<std::string> redirected_from;  // earlier URLs of a redirect chain, redacted
  long response_code = 0;     // HTTP status or last FTP reply; 0 for tftp and file
  std::string body;           // the file (kOk only)
  std::size_t bytes = 0;      // bytes received for the last URL tried
  std::vector<TlsCheck> tls;  // one per HTTPS connection, in order
  std::optional<Error> error; // kFailed only
};

FetchResult Fetch(const FetchRequest& request);

}  // namespace phonecert::provision
