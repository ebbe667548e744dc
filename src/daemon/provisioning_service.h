#pragma once
// The daemon's auto-provisioning: one round at start when a server URL is set, then one every
// `interval` (default 24 h; 0 = none), and one on demand (web UI, API). Rounds never overlap: an
// on-demand request during a round is refused with Code::kLocked. Each round is logged (one line
// with its outcome, one per report line at debug level) and kept as the "last round" for the
// Auto Provision page and GET /api/v1/provisioning.
//
// The round itself is a RoundRunner (provisioning_round.h adapts src/provision); without one the
// service reports "not available" and never schedules.
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "state/state.h"
#include "web/provisioning_control.h"

namespace phonecert::daemon {

using RoundRunner = std::function<web::ProvisioningRound(State& state, const std::string& trigger)>;

inline constexpr std::chrono::seconds kDefaultProvisionInterval{24 * 60 * 60};

struct ProvisioningOptions {
  std::chrono::seconds interval = kDefaultProvisionInterval;  // 0: no periodic rounds
  RoundRunner runner;                                          // null: not available
  std::string unavailable_reason = "auto-provisioning is not available in this build";
};

class ProvisioningService final : public web::ProvisioningControl {
 public:
  ProvisioningService(State& state, const Clock& clock, ProvisioningOptions options);
  ~ProvisioningService() override;

  // Starts the scheduler thread (the start round runs on it, so serving starts at once).
  void Start();
  // Stops the scheduler; waits for a running round to end.
  void Stop();

  web::ProvisioningStatus Status() const override;
  Result<web::ProvisioningRound> RunNow(std::string trigger) override;

 private:
  void Loop();
  // Runs a round if none is running; nullopt when one is.
  std::optional<web::ProvisioningRound> TryRound(const std::string& trigger);

  State& state_;
  const Clock& clock_;
  ProvisioningOptions options_;

  std::mutex round_mu_;       // held for the whole of a round
  mutable std::mutex mu_;     // guards the fields below
  std::condition_variable wake_;
  bool stopping_ = false;
  bool running_ = false;
  std::optional<web::ProvisioningRound> last_;
  std::optional<TimePoint> next_round_;
  std::thread thread_;
};

}  // namespace phonecert::daemon
