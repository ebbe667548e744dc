#include "provision/fetcher.h"

#include <curl/curl.h>

#include <filesystem>
#include <utility>

#include "provision/curl_ptr.h"
#include "provision/provision_url.h"

namespace phonecert::provision {
namespace {

// Receives the body; drops HTTP error pages; stops the transfer once the cap is passed.
struct Sink {
  CURL* easy = nullptr;
  bool http = false;
  std::size_t max_bytes = 0;
  std::string body;
  std::size_t received = 0;
  bool over_cap = false;
};

std::size_t Write(char* data, std::size_t size, std::size_t count, void* user) noexcept {
  auto* sink = static_cast<Sink*>(user);
  const std::size_t n = size * count;
  if (sink->http) {
    long code = 0;
    curl_easy_getinfo(sink->easy, CURLINFO_RESPONSE_CODE, &code);
    if (code < 200 || code >= 300) return n;  // an error page or a redirect's body: not the file
  }
  sink->received += n;
  if (sink->received > sink->max_bytes) {
    sink->over_cap = true;
    return 0;  // libcurl stops with CURLE_WRITE_ERROR
  }
  try {
    sink->body.append(data, n);
  } catch (...) {
    return 0;
  }
  return n;
}

// The result of one request (one redirect hop).
struct Hop {
  FetchStatus status = FetchStatus::kFailed;
  long code = 0;
  std::string body;
  std::size_t bytes = 0;
  std::optional<TlsCheck> tls;
  std::optional<Error> error;
  std::string redirect;  // set when the server redirected (HTTP 3xx with Location)
};

Error MakeError(Code code, std::string detail) { return Error{code, std::move(detail), {}}; }

std::string Seconds(std::chrono::milliseconds ms) {
  const auto whole = ms.count() / 1000;
  const auto tenths = (ms.count() % 1000) / 100;
  return std::to_string(whole) + (tenths ? "." + std::to_string(tenths) : "") + " s";
}

template <class T>
bool Set(CURL* easy, CURLoption option, T value) {
  return curl_easy_setopt(easy, option, value) == CURLE_OK;
}

Error TlsRefused(const TlsCheck& check) {
  const VerifyResult& r = *check.result;
  std::string reasons;
  for (Reason reason : r.reasons) {
    if (!reasons.empty()) reasons += ", ";
    reasons += ReasonName(reason);
  }
  return MakeError(Code::kNotTrusted, "the HTTPS server " + check.host +
                                          " is not trusted (Only Accept Trusted Certificates is "
                                          "on): " + r.text + " [" + reasons + "]");
}

Error HttpStatusError(long code, bool sent_credentials) {
  const std::string status = "HTTP " + std::to_string(code);
  if (code == 401 || code == 407) {
    return MakeError(Code::kUnauthorized,
                     sent_credentials
                         ? "the server refused the user name or password (" + status + ")"
                         : "the server asks for credentials (" + status +
                               "); set static.auto_provision.server.username and .password");
  }
  if (code == 403) return MakeError(Code::kForbidden, "the server refused access (" + status + ")");
  return MakeError(Code::kFetchFailed, "the server answered " + status);
}

Hop FetchOnce(const ParsedUrl& url, const Credentials* credentials, const FetchRequest& request) {
  Hop hop;
  CurlEasyPtr easy = NewEasy();
  if (!easy) {
    hop.error = MakeError(Code::kInternal, "libcurl cannot make a handle");
    return hop;
  }
  if (url.scheme == Scheme::kFile) {
    std::error_code ec;
    if (std::filesystem::is_directory(url.path, ec)) {  // libcurl would read it as empty
      hop.error = MakeError(Code::kFetchFailed, url.path + " is a directory, not a file");
      return hop;
    }
  }
  CURL* e = easy.get();
  const FetchLimits& limits = request.limits;
  const bool http = url.scheme == Scheme::kHttp || url.scheme == Scheme::kHttps;
  Sink sink{e, http, limits.max_bytes, {}, 0, false};
  char errbuf[CURL_ERROR_SIZE] = {};
  std::optional<TlsCheck> tls;

  bool ok = Set(e, CURLOPT_URL, url.url.c_str()) && Set(e, CURLOPT_PROTOCOLS_STR, kSchemes) &&
            Set(e, CURLOPT_FOLLOWLOCATION, 0L) && Set(e, CURLOPT_NOSIGNAL, 1L) &&
            Set(e, CURLOPT_NOPROGRESS, 1L) &&
            Set(e, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(limits.connect_timeout.count())) &&
            Set(e, CURLOPT_TIMEOUT_MS, static_cast<long>(limits.total_timeout.count())) &&
            Set(e, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(limits.max_bytes)) &&
            Set(e, CURLOPT_WRITEFUNCTION, Write) && Set(e, CURLOPT_WRITEDATA, &sink) &&
            Set(e, CURLOPT_ERRORBUFFER, errbuf) &&
            Set(e, CURLOPT_USERAGENT, "phonecert/" PHONECERT_VERSION) &&
            Set(e, CURLOPT_HTTPAUTH, static_cast<long>(CURLAUTH_BASIC | CURLAUTH_DIGEST));
  if (ok && credentials) {
    ok = Set(e, CURLOPT_USERNAME, credentials->username.c_str()) &&
         Set(e, CURLOPT_PASSWORD, credentials->password.c_str());
  }
  if (!ok) {
    hop.error = MakeError(Code::kInternal, "libcurl refused an option");
    return hop;
  }
  if (url.scheme == Scheme::kHttps) {
    tls.emplace();
    if (auto s = InstallTlsCheck(e, url.host, request.tls, *tls); !s) {
      hop.error = s.error();
      return hop;
    }
  }

  const CURLcode rc = curl_easy_perform(e);
  long code = 0;
  curl_easy_getinfo(e, CURLINFO_RESPONSE_CODE, &code);
  curl_off_t announced = -1;
  curl_easy_getinfo(e, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &announced);
  hop.code = code;
  hop.bytes = sink.received;
  if (tls) {
    tls->options = nullptr;  // the options do not outlive this call
    hop.tls = tls;
  }
  const std::string detail = errbuf[0] ? std::string(errbuf) : curl_easy_strerror(rc);

  if (tls && tls->result && !tls->proceeded) {
    hop.error = TlsRefused(*tls);
    return hop;
  }
  switch (rc) {
    case CURLE_OK: break;
    case CURLE_REMOTE_FILE_NOT_FOUND:
    case CURLE_TFTP_NOTFOUND:
      hop.status = FetchStatus::kNotFound;
      return hop;
    case CURLE_FILE_COULDNT_READ_FILE: {
      std::error_code ec;
      if (url.scheme == Scheme::kFile && !std::filesystem::exists(url.path, ec)) {
        hop.status = FetchStatus::kNotFound;
        return hop;
      }
      hop.error = MakeError(Code::kFetchFailed, "cannot read the file: " + detail);
      return hop;
    }
    case CURLE_WRITE_ERROR:
      if (sink.over_cap) {
        hop.error = MakeError(Code::kTooLarge, "the file is larger than the limit of " +
                                                   FormatSize(limits.max_bytes) +
                                                   "; the transfer was stopped after " +
                                                   FormatSize(sink.received));
        return hop;
      }
      hop.error = MakeError(Code::kFetchFailed, detail);
      return hop;
    case CURLE_FILESIZE_EXCEEDED:
      hop.error = MakeError(
          Code::kTooLarge,
          "the server announces " +
              (announced >= 0 ? FormatSize(static_cast<std::size_t>(announced)) : "a file") +
              "; the limit is " + FormatSize(limits.max_bytes));
      return hop;
    case CURLE_PARTIAL_FILE:
      hop.error = MakeError(
          Code::kFetchFailed,
          "the transfer was cut short: received " + std::to_string(sink.received) + " bytes" +
              (announced >= 0 ? " of the " + std::to_string(announced) + " announced" : "") +
              " (" + detail + ")");
      return hop;
    case CURLE_OPERATION_TIMEDOUT:
      hop.error = MakeError(Code::kFetchFailed,
                            "timed out (limits: connect " + Seconds(limits.connect_timeout) +
                                ", whole file " + Seconds(limits.total_timeout) + "): " + detail);
      return hop;
    case CURLE_LOGIN_DENIED:
      hop.error = MakeError(Code::kUnauthorized, "the server refused the login: " + detail);
      return hop;
    default:
      hop.error = MakeError(Code::kFetchFailed, detail);
      return hop;
  }

  if (tls && !tls->result) {
    hop.error = MakeError(Code::kInternal, "the HTTPS server's certificate was not checked");
    return hop;
  }
  if (http) {
    if (code >= 300 && code < 400) {
      char* location = nullptr;
      curl_easy_getinfo(e, CURLINFO_REDIRECT_URL, &location);
      if (location) {
        hop.redirect = location;
        return hop;
      }
      hop.error = MakeError(Code::kFetchFailed,
                            "the server answered HTTP " + std::to_string(code) + " without a Location");
      return hop;
    }
    if (code == 404 || code == 410) {
      hop.status = FetchStatus::kNotFound;
      return hop;
    }
    if (code < 200 || code >= 300) {
      hop.error = HttpStatusError(code, credentials != nullptr || url.has_user);
      return hop;
    }
  }
  hop.status = FetchStatus::kOk;
  hop.body = std::move(sink.body);
  return hop;
}

}  // namespace

std::string_view FetchStatusName(FetchStatus status) {
  switch (status) {
    case FetchStatus::kOk: return "ok";
    case FetchStatus::kNotFound: return "not_found";
    case FetchStatus::kFailed: return "failed";
  }
  return "failed";
}

FetchResult Fetch(const FetchRequest& request) {
  FetchResult out;
  out.url = RedactUrl(request.url);
  auto first = ParseUrl(request.url);
  if (!first) {
    out.error = first.error();
    return out;
  }
  ParsedUrl current = *first;
  for (int redirects = 0;; ++redirects) {
    out.url = RedactUrl(current.url);
    const bool send = request.credentials && !current.has_user && SameServer(current, *first);
    Hop hop = FetchOnce(current, send ? &*request.credentials : nullptr, request);
    out.response_code = hop.code;
    out.bytes = hop.bytes;
    if (hop.tls) out.tls.push_back(std::move(*hop.tls));
    if (hop.redirect.empty()) {
      out.status = hop.status;
      out.body = std::move(hop.body);
      out.error = std::move(hop.error);
      return out;
    }
    auto next = ParseUrl(hop.redirect);
    if (!next) {
      out.error = MakeError(Code::kFetchFailed,
                            "the server redirected to an unusable URL: " + next.error().detail);
      return out;
    }
    if (next->scheme != current.scheme) {
      out.error = MakeError(Code::kFetchFailed, "the server redirected from " +
                                                    std::string(SchemeName(current.scheme)) +
                                                    " to " + std::string(SchemeName(next->scheme)) +
                                                    " (" + RedactUrl(next->url) +
                                                    "); redirects must keep the scheme");
      return out;
    }
    if (redirects >= request.limits.max_redirects) {
      out.error = MakeError(Code::kFetchFailed,
                            "more than " + std::to_string(request.limits.max_redirects) +
                                " redirects");
      return out;
    }
    out.redirected_from.push_back(out.url);
    current = std::move(*next);
  }
}

}  // namespace phonecert::provision
