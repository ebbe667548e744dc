#pragma once
// What every page and API handler shares, and the guards that wrap them:
//   GuardPage   GET page: a visitor without a session is sent to /login (303)
//   GuardForm   POST form: session + CSRF token (403 page otherwise)
//   GuardApi    JSON API: session or basic auth (401 JSON); mutating calls by session need the
//               CSRF token in X-CSRF-Token (403 JSON)
// Pages use post/redirect/get: a form's outcome is stored as the session's one-shot message and
// shown by the page the browser is sent back to.
#include <functional>
#include <string>

#include <nlohmann/json.hpp>

#include "base/time.h"
#include "state/expiry_notices.h"
#include "state/state.h"
#include "trust/anchor.h"
#include "verify/counters.h"
#include "web/auth.h"
#include "web/html.h"
#include "web/http.h"
#include "web/provisioning_control.h"

namespace phonecert::web {

struct WebContext {
  State& state;
  Authenticator& auth;
  ProvisioningControl* provisioning = nullptr;  // null: not available in this build
  const Clock& clock;
  const VerifyCounters* verify_counters = nullptr;  // null: none counted (all zero)
  TimePoint started{};                              // when the server was made (uptime)
};

using GuardedHandler =
    std::function<void(const httplib::Request&, httplib::Response&, const Principal&)>;

enum class ApiAccess { kRead, kWrite };

httplib::Server::Handler GuardPage(WebContext& ctx, GuardedHandler handler);
httplib::Server::Handler GuardForm(WebContext& ctx, GuardedHandler handler);
httplib::Server::Handler GuardApi(WebContext& ctx, ApiAccess access, GuardedHandler handler);

// A frame for an authenticated page: CSRF token, device label, the pending one-shot message.
Frame MakeFrame(WebContext& ctx, const Principal& p, std::string title, Nav nav);
void SendHtml(httplib::Response& res, const std::string& html, int status = 200);
// Stores the message for the session and redirects (303) to `path`.
void RedirectWithMessage(WebContext& ctx, const Principal& p, httplib::Response& res,
                         const std::string& path, std::string message, bool is_error);
// "the file is empty" -> "The file is empty." (capital first letter, one final period).
std::string Sentence(std::string text);
// A stand-alone error page (403, 413, 404) with one sentence and a way back.
std::string ErrorPage(const std::string& title, const std::string& sentence);

// Expiration facts for the tables come from ExpiryOf (state/expiry_notices.h): the 30-day rule
// of the log and the CLI.
// "<span class=badge ...>expires in 12 days</span>" or "" when not soon.
std::string ExpiryBadge(const Expiry& e);

nlohmann::json CertificateJson(const Certificate& cert, TimePoint now);
nlohmann::json AnchorJson(const Anchor& anchor, std::size_t index, TimePoint now);

}  // namespace phonecert::web
