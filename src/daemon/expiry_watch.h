#pragma once
// The daemon's expiry watch: at start and then every `interval` (default 24 h; 0 = at start
// only) it logs what an administrator should renew (state/expiry_notices.h), one line each with
// the area "expiry", or one info line saying that nothing expires within 30 days.
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

#include "state/expiry_notices.h"
#include "state/state.h"

namespace phonecert::daemon {

inline constexpr std::chrono::seconds kDefaultExpiryCheckInterval{24 * 60 * 60};

class ExpiryWatch {
 public:
  ExpiryWatch(State& state, std::chrono::seconds interval);
  ~ExpiryWatch();

  // Starts the watch thread; its first check runs at once.
  void Start();
  void Stop();

  // One check now, logged; returns the notices (for tests and callers that show them).
  std::vector<ExpiryNotice> CheckNow();

  ExpiryWatch(const ExpiryWatch&) = delete;
  ExpiryWatch& operator=(const ExpiryWatch&) = delete;

 private:
  void Loop();

  State& state_;
  std::chrono::seconds interval_;
  std::mutex mu_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace phonecert::daemon
