#pragma once
// A provisioning round on a running daemon's State: the round runs under the State's writer lock
// (State::Exclusive), so no other writer (web UI, API) changes the stores between planning and
// commit; readers (TLS handshakes, pages) never wait. The State reloads the device identity
// afterwards, so a new custom device certificate is presented from the next handshake on.
// The writer lock is held for the whole round: at most (2 .cfg files + 2 certificate files) x
// FetchLimits::total_timeout (x redirects) in the worst case; writers wait, readers do not.
#include "provision/round.h"
#include "state/state.h"

namespace phonecert::provision {

// options.now is set from the State's clock when left at its default (the epoch).
RoundReport RunRoundOnState(State& state, RoundOptions options);

}  // namespace phonecert::provision
