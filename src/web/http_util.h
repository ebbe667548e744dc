#pragma once
// Small HTTP helpers shared by the pages and the API: cookies, basic auth, form fields (URL-encoded
// or multipart alike), JSON errors, security headers.
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "base/error.h"
#include "web/http.h"

namespace phonecert::web {

inline constexpr std::string_view kSessionCookie = "phonecert_session";
inline constexpr std::string_view kLoginCookie = "phonecert_login";  // CSRF of the login form
inline constexpr std::string_view kCsrfField = "csrf";
inline constexpr std::string_view kCsrfHeader = "X-CSRF-Token";
inline constexpr std::string_view kAdminUser = "admin";

// The value of one cookie from the Cookie header(s), or "".
std::string CookieValue(const httplib::Request& req, std::string_view name);
// "name=value; Path=/; Secure; HttpOnly; SameSite=Strict" (Max-Age=0 when value is empty).
std::string SessionCookieHeader(std::string_view name, std::string_view value);

struct BasicCredentials {
  std::string user;
  std::string password;
};
// Decodes "Authorization: Basic ..." (nullopt when absent or not Basic / malformed).
std::optional<BasicCredentials> BasicAuth(const httplib::Request& req);
bool HasAuthorizationHeader(const httplib::Request& req);

// A form field from an URL-encoded body (req.params) or a multipart body (req.files).
std::string FormField(const httplib::Request& req, std::string_view name);
bool HasFormField(const httplib::Request& req, std::string_view name);

// The client's address for the throttle and the log ("127.0.0.1").
std::string ClientAddress(const httplib::Request& req);

// Headers every response carries: CSP (scripts and styles from this origin only), no framing,
// no sniffing, no referrer; `no_store` adds Cache-Control: no-store (everything but /static).
void SetSecurityHeaders(httplib::Response& res, bool no_store);

// {"error": {"code": "parse.too_large", "message": "..."}} with HttpStatusFor(code).
void JsonError(httplib::Response& res, const Error& error);
void JsonReply(httplib::Response& res, const nlohmann::json& body, int status = 200);

// Declared Content-Length, or nullopt when absent / unparsable.
std::optional<std::size_t> DeclaredLength(const httplib::Request& req);

bool IsApiPath(std::string_view path);

}  // namespace phonecert::web
