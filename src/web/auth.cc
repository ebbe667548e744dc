#include "web/auth.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "state/admin_password.h"
#include "web/http_util.h"

namespace phonecert::web {
namespace {

std::string Hmac(std::string_view key, std::string_view data) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (!HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
            reinterpret_cast<const unsigned char*>(data.data()), data.size(), out, &len)) {
    return "";
  }
  return std::string(reinterpret_cast<const char*>(out), len);
}

std::string Seconds(std::chrono::seconds s) {
  long long n = s.count() < 1 ? 1 : s.count();
  return std::to_string(n) + (n == 1 ? " second" : " seconds");
}

}  // namespace

void Authenticator::SyncPasswordGeneration() {
  std::uint64_t g = state_.password_generation();
  std::lock_guard lock(mu_);
  if (g != generation_seen_) {
    if (generation_seen_ != 0) sessions_.RemoveAll();
    generation_seen_ = g;
    cache_mac_.clear();
  }
}

bool Authenticator::CachedMatch(std::string_view password) {
  std::lock_guard lock(mu_);
  if (cache_mac_.empty()) return false;
  return ConstantTimeEquals(Hmac(cache_key_, password), cache_mac_);
}

void Authenticator::Remember(std::string_view password) {
  std::lock_guard lock(mu_);
  if (cache_key_.empty()) {
    auto key = RandomHex(32);
    if (!key) return;
    cache_key_ = *key;
  }
  cache_mac_ = Hmac(cache_key_, password);
}

Status Authenticator::CheckCredentials(std::string_view user, std::string_view password,
                                       const std::string& client, std::string_view how) {
  TimePoint now = clock_.Now();
  if (auto wait = throttle_.WaitFor(client, now); wait.count() > 0) {
    return Fail(Code::kRateLimited, "too many wrong passwords from " + client + "; try again in " +
                                        Seconds(wait));
  }
  bool ok = false;
  if (user == kAdminUser) {
    if (CachedMatch(password)) {
      ok = true;
    } else {
      auto match = state_.CheckAdminPassword(password);
      if (!match) {
        state_.Log(LogLevel::kError, "web: cannot check the password: " + match.error().detail);
        return Fail(Code::kInternal, "the password could not be checked");
      }
      ok = *match;
      if (ok) Remember(password);
    }
  }
  if (ok) {
    throttle_.RecordSuccess(client);
    return {};
  }
  auto delay = throttle_.RecordFailure(client, now);
  int failures = throttle_.Failures(client);
  state_.Log(LogLevel::kWarning, "web: login failed (" + std::string(how) + ") for user \"" +
                                     std::string(user.substr(0, 64)) + "\" from " + client + ": " +
                                     std::to_string(failures) + " wrong password(s) in a row" +
                                     (delay.count() > 0 ? "; next attempt allowed in " + Seconds(delay) : ""));
  return Fail(Code::kUnauthorized, "the user name or the password is wrong");
}

Result<Principal> Authenticator::Authenticate(const httplib::Request& req) {
  SyncPasswordGeneration();
  std::string client = ClientAddress(req);
  std::string token = CookieValue(req, kSessionCookie);
  if (!token.empty()) {
    if (auto s = sessions_.Find(token, clock_.Now())) {
      return Principal{s->user, AuthMethod::kSession, s->token, s->csrf_token, client};
    }
  }
  if (auto basic = BasicAuth(req)) {
    if (auto st = CheckCredentials(basic->user, basic->password, client, "basic auth"); !st) {
      return std::unexpected(st.error());
    }
    return Principal{basic->user, AuthMethod::kBasic, "", "", client};
  }
  if (HasAuthorizationHeader(req)) {
    return Fail(Code::kUnauthorized, "only HTTP basic authentication is supported");
  }
  return Fail(Code::kUnauthorized, token.empty() ? "log in first" : "the session has ended; log in again");
}

Result<Principal> Authenticator::Login(std::string_view user, std::string_view password,
                                       const std::string& client) {
  SyncPasswordGeneration();
  if (auto st = CheckCredentials(user, password, client, "login form"); !st) {
    return std::unexpected(st.error());
  }
  auto s = sessions_.Create(std::string(user), client, clock_.Now());
  if (!s) return std::unexpected(s.error());
  state_.Log(LogLevel::kInfo, "web: login: user \"" + s->user + "\" from " + client);
  return Principal{s->user, AuthMethod::kSession, s->token, s->csrf_token, client};
}

void Authenticator::Logout(const Principal& p) {
  if (p.method != AuthMethod::kSession) return;
  sessions_.Remove(p.session_token);
  state_.Log(LogLevel::kInfo, "web: logout: user \"" + p.user + "\" from " + p.client);
}

Status Authenticator::CheckCsrf(const Principal& p, std::string_view token) const {
  if (p.method == AuthMethod::kBasic) return {};
  if (token.empty() || !ConstantTimeEquals(token, p.csrf_token)) {
    return Fail(Code::kForbidden, "the form is missing its security token or it is out of date; "
                                  "reload the page and try again");
  }
  return {};
}

}  // namespace phonecert::web
