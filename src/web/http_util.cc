#include "web/http_util.h"

#include <openssl/evp.h>

#include <charconv>

namespace phonecert::web {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::optional<std::string> DecodeBase64(std::string_view in) {
  if (in.empty() || in.size() % 4 != 0 || in.size() > 4096) return std::nullopt;
  std::string out(in.size() / 4 * 3, '\0');
  int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(in.data()),
                          static_cast<int>(in.size()));
  if (n < 0) return std::nullopt;
  std::size_t len = static_cast<std::size_t>(n);
  // EVP_DecodeBlock counts padding bytes as zero output bytes: drop them.
  if (in.ends_with("==")) len -= 2;
  else if (in.ends_with("=")) len -= 1;
  out.resize(len);
  return out;
}

}  // namespace

std::string CookieValue(const httplib::Request& req, std::string_view name) {
  std::size_t count = req.get_header_value_count("Cookie");
  for (std::size_t i = 0; i < count; ++i) {
    std::string header = req.get_header_value("Cookie", i);
    std::string_view rest = header;
    while (!rest.empty()) {
      std::size_t semi = rest.find(';');
      std::string_view part = Trim(rest.substr(0, semi));
      rest = semi == std::string_view::npos ? std::string_view{} : rest.substr(semi + 1);
      std::size_t eq = part.find('=');
      if (eq == std::string_view::npos) continue;
      if (Trim(part.substr(0, eq)) == name) return std::string(Trim(part.substr(eq + 1)));
    }
  }
  return "";
}

std::string SessionCookieHeader(std::string_view name, std::string_view value) {
  std::string h = std::string(name) + "=" + std::string(value) +
                  "; Path=/; Secure; HttpOnly; SameSite=Strict";
  if (value.empty()) h += "; Max-Age=0";
  return h;
}

bool HasAuthorizationHeader(const httplib::Request& req) { return req.has_header("Authorization"); }

std::optional<BasicCredentials> BasicAuth(const httplib::Request& req) {
  std::string header = req.get_header_value("Authorization");
  std::string_view h = Trim(header);
  if (h.size() < 6) return std::nullopt;
  std::string scheme(h.substr(0, 6));
  for (char& c : scheme) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (scheme != "basic ") return std::nullopt;
  auto decoded = DecodeBase64(Trim(h.substr(6)));
  if (!decoded) return std::nullopt;
  std::size_t colon = decoded->find(':');
  if (colon == std::string::npos) return std::nullopt;
  return BasicCredentials{decoded->substr(0, colon), decoded->substr(colon + 1)};
}

std::string FormField(const httplib::Request& req, std::string_view name) {
  std::string key(name);
  if (req.has_param(key)) return req.get_param_value(key);
  if (req.has_file(key)) return req.get_file_value(key).content;
  return "";
}

bool HasFormField(const httplib::Request& req, std::string_view name) {
  std::string key(name);
  return req.has_param(key) || req.has_file(key);
}

std::string ClientAddress(const httplib::Request& req) {
  return req.remote_addr.empty() ? "unknown" : req.remote_addr;
}

void SetSecurityHeaders(httplib::Response& res, bool no_store) {
  res.set_header("Content-Security-Policy",
                 "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                 "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
  res.set_header("X-Frame-Options", "DENY");
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_header("Referrer-Policy", "no-referrer");
  if (no_store) res.set_header("Cache-Control", "no-store");
}

void JsonReply(httplib::Response& res, const nlohmann::json& body, int status) {
  res.status = status;
  res.set_content(body.dump(2) + "\n", "application/json");
}

void JsonError(httplib::Response& res, const Error& error) {
  nlohmann::json body = {{"error", {{"code", std::string(CodeName(error.code))}, {"message", error.detail}}}};
  if (error.certificate_index) body["error"]["certificate_index"] = *error.certificate_index;
  JsonReply(res, body, HttpStatusFor(error.code));
}

std::optional<std::size_t> DeclaredLength(const httplib::Request& req) {
  if (!req.has_header("Content-Length")) return std::nullopt;
  std::string v = req.get_header_value("Content-Length");
  std::size_t n = 0;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  if (ec != std::errc() || p != v.data() + v.size()) return std::nullopt;
  return n;
}

bool IsApiPath(std::string_view path) { return path.starts_with("/api/"); }

}  // namespace phonecert::web
