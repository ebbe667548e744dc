#pragma once
// Slows down password guessing, per client address (web login form and HTTP basic auth alike).
// The first kFreeFailures wrong passwords from a client cost nothing; after that each further
// wrong password makes the client wait before its next attempt is even checked:
//   1 s, 2 s, 4 s, 8 s, ... doubling, at most kMaxDelay (5 minutes).
// An attempt during the wait is refused unchecked (HTTP 429 with Retry-After), so a guesser gains
// nothing by hammering, and no server thread sleeps. A correct password clears the client's
// record; a record with no failure for kForgetAfter is forgotten. At most kMaxClients records are
// kept (the oldest is dropped). Time is passed in. Thread-safe.
#include <chrono>
#include <cstddef>
#include <map>
#include <mutex>
#include <string>

#include "base/time.h"

namespace phonecert::web {

inline constexpr int kFreeFailures = 3;
inline constexpr std::chrono::seconds kMaxDelay{300};
inline constexpr std::chrono::seconds kForgetAfter{3600};
inline constexpr std::size_t kMaxClients = 4096;

class LoginThrottle {
 public:
  // Zero when the client may try now; otherwise how long it must still wait.
  std::chrono::seconds WaitFor(const std::string& client, TimePoint now);
  // Records a wrong password; returns the wait now imposed (zero within the free failures).
  std::chrono::seconds RecordFailure(const std::string& client, TimePoint now);
  void RecordSuccess(const std::string& client);
  int Failures(const std::string& client) const;

 private:
  struct Record {
    int failures = 0;
    TimePoint last_failure{};
    TimePoint next_allowed{};
  };
  void Prune(TimePoint now);
  mutable std::mutex mutex_;
  std::map<std::string, Record> records_;
};

// The wait imposed after `failures` consecutive wrong passwords.
std::chrono::seconds DelayAfter(int failures);

}  // namespace phonecert::web
