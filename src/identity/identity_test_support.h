#pragma once
// Helpers for the identity and TLS server unit tests: identities from the OpenSSL-CLI test data
// (tests/data/gen-certs.sh), fixed times, file modes.
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>

#include "base/time.h"
#include "identity/device_identity.h"
#include "test_support.h"
#include "x509/load.h"

namespace phonecert::identity_testing {

inline TimePoint At(const char* iso) { return *ParseIso8601(iso); }
// Inside the validity of every "valid" test certificate (2020-2099).
inline const TimePoint kNow = At("2030-01-01T00:00:00Z");

// An identity from a test file holding certificate(s) and the matching key (PEM, any order).
inline std::shared_ptr<const Identity> TestIdentity(IdentityKind kind, const std::string& chain,
                                                    const std::string& key) {
  auto certs = LoadCertificatesFile(phonecert::testing::Data(chain));
  auto k = LoadFile(phonecert::testing::Data(key));
  if (!certs || !k || !k->key) throw std::runtime_error("test data " + chain + " / " + key);
  std::vector<Certificate> rest(certs->certificates.begin() + 1, certs->certificates.end());
  auto id = MakeIdentity(kind, certs->certificates.front(), rest, *k->key);
  if (!id) throw std::runtime_error(id.error().ToString());
  return std::make_shared<const Identity>(std::move(*id));
}

inline std::string Concat(std::initializer_list<std::string> names) {
  std::string out;
  for (const auto& n : names) out += phonecert::testing::ReadAll(phonecert::testing::Data(n));
  return out;
}

inline std::filesystem::path WriteTestFile(const std::filesystem::path& p, const std::string& s) {
  std::ofstream(p, std::ios::binary) << s;
  return p;
}

inline unsigned Mode(const std::filesystem::path& p) {
  struct stat st {};
  ::stat(p.c_str(), &st);
  return st.st_mode & 0777;
}

}  // namespace phonecert::identity_testing
