#include "daemon/expiry_watch.h"

namespace phonecert::daemon {

ExpiryWatch::ExpiryWatch(State& state, std::chrono::seconds interval)
    : state_(state), interval_(interval) {}

ExpiryWatch::~ExpiryWatch() { Stop(); }

void ExpiryWatch::Start() {
  if (thread_.joinable()) return;
  thread_ = std::thread([this] { Loop(); });
}

void ExpiryWatch::Stop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

std::vector<ExpiryNotice> ExpiryWatch::CheckNow() {
  std::vector<ExpiryNotice> notices = ExpiryNotices(*state_.trust(), state_.device(), state_.Now());
  for (const ExpiryNotice& n : notices) state_.Log(n.level, "expiry: " + n.sentence);
  if (notices.empty()) {
    state_.Log(LogLevel::kInfo, "expiry: no device or custom CA certificate expires within " +
                                    std::to_string(kExpiryWarningDays) + " days");
  }
  return notices;
}

void ExpiryWatch::Loop() {
  for (;;) {
    CheckNow();
    std::unique_lock lock(mu_);
    if (interval_.count() <= 0) {
      wake_.wait(lock, [this] { return stopping_; });
      return;
    }
    if (wake_.wait_for(lock, interval_, [this] { return stopping_; })) return;
  }
}

}  // namespace phonecert::daemon
