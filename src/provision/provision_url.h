#pragma once
// URLs of provisioning servers and certificate files, parsed with libcurl's URL API.
// Accepted schemes: http, https, ftp, tftp, file (kSchemes, the same list the fetcher gives
// CURLOPT_PROTOCOLS_STR). A URL without a scheme is refused: the phone would have to guess.
// Credentials may be written in the URL (http://user:pass@host/); RedactUrl hides the password
// before a URL is shown, logged or put in a report.
#include <string>
#include <string_view>

#include "base/error.h"

namespace phonecert::provision {

enum class Scheme { kHttp, kHttps, kFtp, kTftp, kFile };
std::string_view SchemeName(Scheme scheme);  // "http", ...

// For CURLOPT_PROTOCOLS_STR.
inline constexpr const char* kSchemes = "http,https,ftp,tftp,file";

struct ParsedUrl {
  std::string url;   // the URL as libcurl normalises it (credentials included)
  Scheme scheme = Scheme::kHttp;
  std::string host;  // lower case; IPv6 literals without brackets; empty for file://
  std::string port;  // as written, empty for the scheme's default
  bool has_user = false;  // the URL carries a user name
  std::string path;  // URL-decoded path (file:// the local file)
};

// Code::kInvalidArgument naming the problem: empty, not a URL, no scheme, a scheme that is not
// one of kSchemes, a file:// URL naming another host.
Result<ParsedUrl> ParseUrl(std::string_view text);

// The URL of `file_name` in the directory the server URL names: the file name is appended to the
// path ("http://h/p" and "http://h/p/" both give "http://h/p/<file>"); query and credentials stay.
Result<std::string> FileUrl(std::string_view server_url, std::string_view file_name);

// Same scheme, host and port (credentials may be sent to it).
bool SameServer(const ParsedUrl& a, const ParsedUrl& b);

// The URL with any password replaced by "***" ("http://admin:***@h/"); safe to show.
std::string RedactUrl(std::string_view url);

}  // namespace phonecert::provision
