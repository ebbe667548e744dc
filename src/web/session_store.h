#pragma once
// Login sessions for the web UI, held in memory only (a restart logs everybody out).
// A session is found by its cookie token (32 random bytes, hex); it carries its own CSRF token
// (32 random bytes, hex) that every form and every cookie-authenticated mutating API request
// must echo. Sessions end on logout, after kIdleTimeout without a request, after kMaxLifetime,
// or when the password changes. Time is passed in; the store never reads the clock.
// Thread-safe.
#include <chrono>
#include <cstddef>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "base/error.h"
#include "base/time.h"

namespace phonecert::web {

inline constexpr std::chrono::seconds kIdleTimeout{30 * 60};
inline constexpr std::chrono::seconds kMaxLifetime{12 * 60 * 60};
inline constexpr std::size_t kMaxSessions = 64;

struct Session {
  std::string token;       // the cookie value
  std::string csrf_token;  // echoed by forms (field "csrf") and API calls (X-CSRF-Token)
  std::string user;
  std::string client;      // remote address at login, for the log
  TimePoint created{};
  TimePoint last_seen{};
  std::string flash;       // one message shown on the next page, then cleared
  bool flash_is_error = false;
};

class SessionStore {
 public:
  // A new session; the oldest one is dropped when kMaxSessions are open.
  Result<Session> Create(std::string user, std::string client, TimePoint now);
  // The live session for the token (refreshing its idle timer), or nullopt.
  std::optional<Session> Find(std::string_view token, TimePoint now);
  void Remove(std::string_view token);
  void RemoveAll();
  // Sets the one-shot message of a session; TakeFlash returns and clears it.
  void SetFlash(std::string_view token, std::string message, bool is_error);
  std::optional<std::pair<std::string, bool>> TakeFlash(std::string_view token);
  std::size_t size() const;

 private:
  bool Expired(const Session& s, TimePoint now) const;
  mutable std::mutex mutex_;
  std::map<std::string, Session, std::less<>> sessions_;
};

}  // namespace phonecert::web
