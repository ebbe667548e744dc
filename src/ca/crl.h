#pragma once
// Certificate revocation lists for the toolkit's CA: a v2 CRL with AKI and CRL number.
#include <cstdint>
#include <string>
#include <vector>

#include "base/error.h"
#include "base/time.h"
#include "x509/certificate.h"
#include "x509/private_key.h"

namespace phonecert::ca {

struct RevokedEntry {
  std::string serial_hex;  // NormalizeSerial form
  TimePoint revoked_at;
};

struct CrlRequest {
  std::vector<RevokedEntry> revoked;
  TimePoint this_update;
  int next_update_days = 30;
  std::uint64_t crl_number = 1;  // increases with every CRL the CA publishes
};

// PEM of the CRL signed by `issuer_key`. The issuer must be a CA whose keyUsage (when present)
// allows cRLSign, and the key must be its key (Code::kKeyMismatch).
Result<std::string> MakeCrl(const CrlRequest& request, const Certificate& issuer,
                            const PrivateKey& issuer_key);

}  // namespace phonecert::ca
