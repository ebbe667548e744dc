#include "identity/load_snapshot.h"

#include "identity/custom_identity_store.h"
#include "identity/factory.h"

namespace phonecert {

std::shared_ptr<const IdentitySnapshot> LoadIdentitySnapshot(const StatePaths& paths) {
  auto snapshot = std::make_shared<IdentitySnapshot>();
  FactoryState factory = LoadFactory(paths);
  snapshot->unique = std::move(factory.unique);
  snapshot->generic = std::move(factory.generic);
  snapshot->mac = std::move(factory.mac);
  snapshot->problems = std::move(factory.problems);
  CustomState custom = CustomIdentityStore(paths.custom_device()).Load();
  snapshot->custom = std::move(custom.identity);
  snapshot->pending_csr_key = custom.pending_key.has_value();
  for (auto& p : custom.problems) snapshot->problems.push_back(std::move(p));
  return snapshot;
}

DevCertChoice DevCertChoiceOf(const Settings& settings) {
  return settings.DevCert() == 1 ? DevCertChoice::kCustom : DevCertChoice::kDefault;
}

DeviceIdentityState LoadDeviceIdentity(const StatePaths& paths, const Settings& settings) {
  DeviceIdentityState state;
  state.snapshot = LoadIdentitySnapshot(paths);
  state.dev_cert = DevCertChoiceOf(settings);
  state.active = Select(*state.snapshot, state.dev_cert);
  return state;
}

}  // namespace phonecert
