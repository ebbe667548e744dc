#pragma once
// Who is asking: the web UI's session cookie, or HTTP basic authentication for scripts (the
// same administrator, user "admin", the same password and the same throttle).
//   - Cookie: `phonecert_session`, Secure; HttpOnly; SameSite=Strict. A session-authenticated
//     request that changes something must carry the session's CSRF token (form field "csrf" or
//     header X-CSRF-Token); basic-authenticated requests need none (a browser never sends our
//     basic credentials on its own: the UI never asks for them).
//   - Wrong passwords are slowed down per client address (LoginThrottle); an attempt during the
//     wait is refused unchecked with Code::kRateLimited (HTTP 429).
//   - A password change (State::password_generation) ends every session.
// Logs: every login, failed login and logout (user and client address, never the password).
#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "base/error.h"
#include "base/time.h"
#include "state/state.h"
#include "web/http.h"
#include "web/login_throttle.h"
#include "web/session_store.h"

namespace phonecert::web {

enum class AuthMethod { kSession, kBasic };

struct Principal {
  std::string user;
  AuthMethod method = AuthMethod::kSession;
  std::string session_token;  // kSession only
  std::string csrf_token;     // kSession only
  std::string client;
};

class Authenticator {
 public:
  Authenticator(State& state, const Clock& clock) : state_(state), clock_(clock) {}

  // Cookie session first, else HTTP basic. Code::kUnauthorized (no or wrong credentials),
  // Code::kRateLimited (wait; the sentence says how long).
  Result<Principal> Authenticate(const httplib::Request& req);
  // The login form.
  Result<Principal> Login(std::string_view user, std::string_view password, const std::string& client);
  void Logout(const Principal& principal);
  // Code::kForbidden unless a session principal presents its CSRF token; basic always passes.
  Status CheckCsrf(const Principal& principal, std::string_view token) const;

  SessionStore& sessions() { return sessions_; }
  LoginThrottle& throttle() { return throttle_; }

 private:
  // Throttle, user name and password check. Logs failures.
  Status CheckCredentials(std::string_view user, std::string_view password,
                          const std::string& client, std::string_view how);
  void SyncPasswordGeneration();
  // Fast path for repeated basic auth: HMAC of the last accepted password under a random key.
  bool CachedMatch(std::string_view password);
  void Remember(std::string_view password);

  State& state_;
  const Clock& clock_;
  SessionStore sessions_;
  LoginThrottle throttle_;
  std::mutex mu_;
  std::uint64_t generation_seen_ = 0;
  std::string cache_key_;
  std::string cache_mac_;
};

}  // namespace phonecert::web
