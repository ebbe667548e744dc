#include "provision/state_round.h"

namespace phonecert::provision {

RoundReport RunRoundOnState(State& state, RoundOptions options) {
  if (options.now == TimePoint{}) options.now = state.Now();
  return state.Exclusive([&](SettingsStore& settings, TrustStore& trust,
                             CustomIdentityStore& device) {
    return RunRound(RoundStores{settings, trust, device}, options);
  });
}

}  // namespace phonecert::provision
