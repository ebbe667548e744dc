#include "daemon/provisioning_service.h"

namespace phonecert::daemon {

ProvisioningService::ProvisioningService(State& state, const Clock& clock, ProvisioningOptions options)
    : state_(state), clock_(clock), options_(std::move(options)) {}

ProvisioningService::~ProvisioningService() { Stop(); }

void ProvisioningService::Start() {
  if (!options_.runner || thread_.joinable()) return;
  thread_ = std::thread([this] { Loop(); });
}

void ProvisioningService::Stop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

std::optional<web::ProvisioningRound> ProvisioningService::TryRound(const std::string& trigger) {
  std::unique_lock round_lock(round_mu_, std::try_to_lock);
  if (!round_lock.owns_lock()) return std::nullopt;
  {
    std::lock_guard lock(mu_);
    running_ = true;
  }
  state_.Log(LogLevel::kInfo, "provisioning: round started (" + trigger + ") from " +
                                  state_.settings()->AutoProvisionUrl());
  web::ProvisioningRound round = options_.runner(state_, trigger);
  state_.Log(round.applied ? LogLevel::kInfo : LogLevel::kWarning,
             std::string("provisioning: round ") + (round.applied ? "applied" : "failed, nothing applied") +
                 " (" + trigger + "): " + round.summary);
  for (const std::string& line : round.lines) state_.Log(LogLevel::kDebug, "provisioning:   " + line);
  std::lock_guard lock(mu_);
  running_ = false;
  last_ = round;
  return round;
}

void ProvisioningService::Loop() {
  using SteadyClock = std::chrono::steady_clock;
  bool first = true;
  for (;;) {
    if (state_.settings()->AutoProvisionUrl().empty()) {
      if (first) state_.Log(LogLevel::kInfo, "provisioning: no server URL set; no round at start");
    } else {
      TryRound(first ? "start" : "interval");
    }
    first = false;
    std::unique_lock lock(mu_);
    if (options_.interval.count() <= 0) {
      next_round_.reset();
      wake_.wait(lock, [this] { return stopping_; });
      return;
    }
    auto deadline = SteadyClock::now() + options_.interval;
    next_round_ = clock_.Now() + options_.interval;
    if (wake_.wait_until(lock, deadline, [this] { return stopping_; })) return;
  }
}

web::ProvisioningStatus ProvisioningService::Status() const {
  web::ProvisioningStatus s;
  s.available = static_cast<bool>(options_.runner);
  if (!s.available) s.unavailable_reason = options_.unavailable_reason;
  s.interval = options_.interval;
  std::lock_guard lock(mu_);
  s.running = running_;
  s.next_round = next_round_;
  s.last = last_;
  return s;
}

Result<web::ProvisioningRound> ProvisioningService::RunNow(std::string trigger) {
  if (!options_.runner) return Fail(Code::kProvisioningFailed, options_.unavailable_reason);
  if (state_.settings()->AutoProvisionUrl().empty()) {
    return Fail(Code::kInvalidArgument, "no provisioning server URL is set; enter the Server URL first");
  }
  auto round = TryRound(trigger);
  if (!round) return Fail(Code::kLocked, "a provisioning round is already running; try again when it ends");
  return *round;
}

}  // namespace phonecert::daemon
