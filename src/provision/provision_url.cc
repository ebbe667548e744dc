#include "provision/provision_url.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <utility>

#include "provision/curl_ptr.h"

namespace phonecert::provision {
namespace {

constexpr std::array<std::pair<std::string_view, Scheme>, 5> kSchemeNames = {{
    {"http", Scheme::kHttp},
    {"https", Scheme::kHttps},
    {"ftp", Scheme::kFtp},
    {"tftp", Scheme::kTftp},
    {"file", Scheme::kFile},
}};

// One part of a parsed URL; empty when the part is absent.
std::string Part(CURLU* u, CURLUPart part, unsigned flags = 0) {
  char* raw = nullptr;
  if (curl_url_get(u, part, &raw, flags) != CURLUE_OK) return {};
  CurlStringPtr owned(raw);
  return owned ? std::string(owned.get()) : std::string();
}

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

Result<CurlUrlPtr> Parse(std::string_view text) {
  if (text.empty()) return Fail(Code::kInvalidArgument, "the URL is empty");
  if (text.find("://") == std::string_view::npos) {
    return Fail(Code::kInvalidArgument,
                "'" + RedactUrl(text) +
                    "' has no scheme; write it as http://, https://, ftp://, tftp:// or file://");
  }
  CurlUrlPtr u = NewUrl();
  if (!u) return Fail(Code::kInternal, "libcurl cannot allocate a URL handle");
  std::string copy(text);
  CURLUcode rc = curl_url_set(u.get(), CURLUPART_URL, copy.c_str(), CURLU_NON_SUPPORT_SCHEME);
  if (rc != CURLUE_OK) {
    return Fail(Code::kInvalidArgument,
                "'" + RedactUrl(text) + "' is not a valid URL: " + curl_url_strerror(rc));
  }
  return u;
}

}  // namespace

std::string_view SchemeName(Scheme scheme) {
  for (const auto& [name, s] : kSchemeNames) {
    if (s == scheme) return name;
  }
  return "unknown";
}

Result<ParsedUrl> ParseUrl(std::string_view text) {
  auto u = Parse(text);
  if (!u) return std::unexpected(u.error());
  ParsedUrl p;
  std::string scheme = Lower(Part(u->get(), CURLUPART_SCHEME));
  auto it = std::find_if(kSchemeNames.begin(), kSchemeNames.end(),
                         [&](const auto& entry) { return entry.first == scheme; });
  if (it == kSchemeNames.end()) {
    return Fail(Code::kInvalidArgument, "'" + RedactUrl(text) + "' uses the scheme '" + scheme +
                                            "'; the phone fetches only over " + kSchemes);
  }
  p.scheme = it->second;
  p.url = Part(u->get(), CURLUPART_URL);
  p.host = Lower(Part(u->get(), CURLUPART_HOST));
  if (p.host.size() >= 2 && p.host.front() == '[' && p.host.back() == ']') {
    p.host = p.host.substr(1, p.host.size() - 2);
  }
  p.port = Part(u->get(), CURLUPART_PORT);
  p.has_user = !Part(u->get(), CURLUPART_USER).empty();
  p.path = Part(u->get(), CURLUPART_PATH, CURLU_URLDECODE);
  if (p.scheme == Scheme::kFile) {
    if (!p.host.empty() && p.host != "localhost") {
      return Fail(Code::kInvalidArgument,
                  "'" + RedactUrl(text) + "' names the host '" + p.host +
                      "'; a file:// URL may only name a file on this device");
    }
    p.host.clear();
  } else if (p.host.empty()) {
    return Fail(Code::kInvalidArgument, "'" + RedactUrl(text) + "' names no host");
  }
  return p;
}

Result<std::string> FileUrl(std::string_view server_url, std::string_view file_name) {
  if (auto parsed = ParseUrl(server_url); !parsed) return std::unexpected(parsed.error());
  auto u = Parse(server_url);
  if (!u) return std::unexpected(u.error());
  std::string path = Part(u->get(), CURLUPART_PATH);
  if (path.empty() || path.back() != '/') path += '/';
  path += file_name;
  if (curl_url_set(u->get(), CURLUPART_PATH, path.c_str(), 0) != CURLUE_OK) {
    return Fail(Code::kInvalidArgument,
                "cannot append '" + std::string(file_name) + "' to '" + RedactUrl(server_url) + "'");
  }
  return Part(u->get(), CURLUPART_URL);
}

bool SameServer(const ParsedUrl& a, const ParsedUrl& b) {
  return a.scheme == b.scheme && a.host == b.host && a.port == b.port;
}

std::string RedactUrl(std::string_view url) {
  std::size_t start = url.find("://");
  if (start == std::string_view::npos) return std::string(url);
  start += 3;
  std::size_t end = url.find_first_of("/?#", start);
  if (end == std::string_view::npos) end = url.size();
  std::string_view authority = url.substr(start, end - start);
  std::size_t at = authority.rfind('@');
  if (at == std::string_view::npos) return std::string(url);
  std::size_t colon = authority.find(':');
  if (colon == std::string_view::npos || colon > at) return std::string(url);
  std::string out(url.substr(0, start + colon + 1));
  out += "***";
  out += url.substr(start + at);
  return out;
}

}  // namespace phonecert::provision
