#pragma once
// The adapter between the daemon's scheduler and the auto-provisioning layer (src/provision):
// MakeProvisioningOptions() returns the RoundRunner that performs one round under the State's
// writer lock and turns its report into a web::ProvisioningRound.
#include "daemon/provisioning_service.h"

namespace phonecert::daemon {

ProvisioningOptions MakeProvisioningOptions();

}  // namespace phonecert::daemon
