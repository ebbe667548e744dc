#pragma once
// What the web UI and the API need from the daemon's auto-provisioning: the last round's report
// and "run one now". The daemon implements it on top of src/provision; the web layer sees only
// this interface (and shows "not available" when there is none).
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/error.h"
#include "base/time.h"

namespace phonecert::web {

struct ProvisioningRound {
  TimePoint started{};
  TimePoint finished{};
  std::string trigger;              // "start", "interval", "web", "api"
  bool applied = false;             // false: failed, nothing of the round was applied
  std::string summary;              // one sentence
  std::vector<std::string> lines;   // files fetched, keys applied, diagnostics, certificates
  nlohmann::json details = nlohmann::json::object();  // the full report
};

struct ProvisioningStatus {
  bool available = false;
  std::string unavailable_reason;   // when !available
  bool running = false;
  std::chrono::seconds interval{0}; // 0: no periodic rounds
  std::optional<TimePoint> next_round;
  std::optional<ProvisioningRound> last;
};

class ProvisioningControl {
 public:
  virtual ~ProvisioningControl() = default;
  virtual ProvisioningStatus Status() const = 0;
  // Runs one round now and returns its report (Code::kLocked while another round runs;
  // Code::kInvalidArgument when no server URL is set). A failed round is a report with
  // applied = false, not an error.
  virtual Result<ProvisioningRound> RunNow(std::string trigger) = 0;
};

nlohmann::json ToJson(const ProvisioningRound& round);
nlohmann::json ToJson(const ProvisioningStatus& status);

}  // namespace phonecert::web
