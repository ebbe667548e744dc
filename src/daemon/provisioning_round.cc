#include "daemon/provisioning_round.h"

namespace phonecert::daemon {

// src/provision has not landed yet: the service reports "not available".
ProvisioningOptions MakeProvisioningOptions() {
  ProvisioningOptions o;
  o.unavailable_reason = "auto-provisioning is not available in this build (src/provision is missing)";
  return o;
}

}  // namespace phonecert::daemon
