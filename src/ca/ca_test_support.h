#pragma once
// Helpers for the CA unit tests: write what we issued to files and ask the OpenSSL CLI about it.
#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>

#include "base/time.h"
#include "test_support.h"
#include "x509/certificate.h"
#include "x509/load.h"

namespace phonecert::ca::testing {

// 2030-01-01T00:00:00Z: fixed dates, so nothing these tests make expires.
inline TimePoint FixedStart() {
  return TimePoint{std::chrono::sys_days{std::chrono::year{2030} / 1 / 1}.time_since_epoch()};
}
// Seconds since the epoch one day after FixedStart, for `openssl verify -attime`.
inline std::string VerifyAt() {
  return std::to_string((FixedStart() + std::chrono::days(1)).time_since_epoch().count());
}

// True when `part` occurs in `text` (for the OpenSSL CLI's output).
inline bool Has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

inline std::filesystem::path WriteFile(const std::filesystem::path& p, const std::string& data) {
  std::ofstream(p, std::ios::binary) << data;
  return p;
}

inline std::string OpensslText(const std::filesystem::path& dir, const Certificate& cert) {
  auto p = WriteFile(dir / "text-input.pem", cert.Pem());
  return phonecert::testing::RunCommand("openssl x509 -noout -text -in '" + p.string() + "'").out;
}

inline Certificate LoadTestCert(const std::string& name) {
  auto loaded = LoadCertificatesFile(phonecert::testing::Data(name));
  if (!loaded) throw std::runtime_error(name + ": " + loaded.error().ToString());
  return loaded->certificates.at(0);
}

inline PrivateKey LoadTestKey(const std::string& name) {
  auto loaded = LoadFile(phonecert::testing::Data(name));
  if (!loaded || !loaded->key) throw std::runtime_error(name + ": no key");
  return *loaded->key;
}

}  // namespace phonecert::ca::testing
