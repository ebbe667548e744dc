#pragma once
// The adapter between the daemon's scheduler and the auto-provisioning layer (src/provision):
// MakeProvisioningOptions() returns the RoundRunner that performs one round under the State's
// writer lock and turns its report into a web::ProvisioningRound. Every TLS verification of a
// round is counted in `verifier` (the daemon's, served at /api/v1/metrics) when one is given.
#include "daemon/provisioning_service.h"
#include "verify/verifier.h"

namespace phonecert::daemon {

ProvisioningOptions MakeProvisioningOptions(Verifier* verifier);

}  // namespace phonecert::daemon
