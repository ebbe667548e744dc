#include "web/login_throttle.h"

#include <algorithm>

namespace phonecert::web {

std::chrono::seconds DelayAfter(int failures) {
  if (failures <= kFreeFailures) return std::chrono::seconds{0};
  int exponent = std::min(failures - kFreeFailures - 1, 16);
  return std::min(std::chrono::seconds{1LL << exponent}, kMaxDelay);
}

void LoginThrottle::Prune(TimePoint now) {
  std::erase_if(records_, [&](const auto& kv) { return now - kv.second.last_failure > kForgetAfter; });
  while (records_.size() >= kMaxClients) {
    auto oldest = std::min_element(records_.begin(), records_.end(), [](const auto& a, const auto& b) {
      return a.second.last_failure < b.second.last_failure;
    });
    records_.erase(oldest);
  }
}

std::chrono::seconds LoginThrottle::WaitFor(const std::string& client, TimePoint now) {
  std::lock_guard lock(mutex_);
  auto it = records_.find(client);
  if (it == records_.end() || now >= it->second.next_allowed) return std::chrono::seconds{0};
  return std::chrono::duration_cast<std::chrono::seconds>(it->second.next_allowed - now);
}

std::chrono::seconds LoginThrottle::RecordFailure(const std::string& client, TimePoint now) {
  std::lock_guard lock(mutex_);
  if (records_.find(client) == records_.end()) Prune(now);
  Record& r = records_[client];
  r.failures += 1;
  r.last_failure = now;
  auto delay = DelayAfter(r.failures);
  r.next_allowed = now + delay;
  return delay;
}

void LoginThrottle::RecordSuccess(const std::string& client) {
  std::lock_guard lock(mutex_);
  records_.erase(client);
}

int LoginThrottle::Failures(const std::string& client) const {
  std::lock_guard lock(mutex_);
  auto it = records_.find(client);
  return it == records_.end() ? 0 : it->second.failures;
}

}  // namespace phonecert::web
