#pragma once
// Reading the device identities of a state directory into one immutable IdentitySnapshot
// (factory unique + generic, the custom certificate, the pending key from `device csr`), and
// applying static.security.dev_cert to it.
// Reads only: no lock needed, since every file is replaced atomically by its writer.
#include <memory>

#include "identity/device_identity.h"
#include "settings/settings.h"
#include "state/state_dir.h"

namespace phonecert {

// Never fails: absent files mean absent identities; unusable ones are listed in `problems`.
std::shared_ptr<const IdentitySnapshot> LoadIdentitySnapshot(const StatePaths& paths);

// Settings::DevCert() as a choice (1 = custom; anything else = default).
DevCertChoice DevCertChoiceOf(const Settings& settings);

struct DeviceIdentityState {
  std::shared_ptr<const IdentitySnapshot> snapshot;
  DevCertChoice dev_cert = DevCertChoice::kDefault;
  ActiveIdentity active;
};

// LoadIdentitySnapshot + Select with the settings' dev_cert.
DeviceIdentityState LoadDeviceIdentity(const StatePaths& paths, const Settings& settings);

}  // namespace phonecert
