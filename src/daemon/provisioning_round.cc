#include "daemon/provisioning_round.h"

#include "provision/round_report.h"
#include "provision/state_round.h"

namespace phonecert::daemon {
namespace {

std::string Join(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : ", ") + p;
  return out;
}

web::ProvisioningRound RunOne(State& state, const std::string& trigger, Verifier* verifier) {
  provision::RoundOptions options;
  options.verifier = verifier;
  DeviceView device = state.device();
  if (device.snapshot) options.mac = device.snapshot->mac;
  options.now = state.Now();
  provision::RoundReport report = provision::RunRoundOnState(state, options);
  // Every TLS verification of the round that did not end "trusted" is an event of its own.
  for (const provision::FileRecord& file : report.files) {
    for (const provision::TlsRecord& tls : file.tls) {
      if (tls.verdict == "trusted") continue;
      state.Log(LogLevel::kWarning, "verify: " + tls.host + " (" + file.role + "): " + tls.verdict +
                                        " [" + Join(tls.reasons) + "]: " + tls.text +
                                        (tls.proceeded ? " (proceeded: Only Accept Trusted Certificates is off)" : ""));
    }
  }
  web::ProvisioningRound round;
  round.started = report.started;
  round.finished = state.Now();
  round.trigger = trigger;
  round.applied = report.applied;
  round.summary = report.Summary();
  round.lines = provision::ToLines(report);
  round.details = provision::ToJson(report);
  return round;
}

}  // namespace

ProvisioningOptions MakeProvisioningOptions(Verifier* verifier) {
  ProvisioningOptions o;
  o.runner = [verifier](State& state, const std::string& trigger) { return RunOne(state, trigger, verifier); };
  return o;
}

}  // namespace phonecert::daemon
