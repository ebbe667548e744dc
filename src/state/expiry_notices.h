#pragma once
// Which certificates an administrator should renew: expired ones, and those that expire within
// kExpiryWarningDays. Looked at: the device certificate the phone presents and the issuers it
// sends with it, the installed custom device certificate when another one is in use, and every
// custom CA certificate. Built-in anchors are left out: only a firmware update changes them, and
// their expiry is shown in the trusted-certificate list.
#include <string>
#include <vector>

#include "base/time.h"
#include "state/state.h"
#include "trust/snapshot.h"

namespace phonecert {

inline constexpr int kExpiryWarningDays = 30;

// One certificate's expiry at a moment; the rule the pages, the log and the CLI share.
struct Expiry {
  long days_left = 0;  // whole days until not-after, rounded down; negative once expired
  bool expired = false;
  bool soon = false;  // not expired, and not-after within kExpiryWarningDays
};
Expiry ExpiryOf(const Certificate& cert, TimePoint now);

struct ExpiryNotice {
  LogLevel level = LogLevel::kWarning;  // kError: the certificate the phone presents has expired
  std::string sentence;  // "the device certificate in use "X" expires in 12 days (2026-12-16)"
};

// In a fixed order: device certificate in use, its chain, the custom device certificate, then
// the custom CA certificates in list order. Empty when nothing needs attention.
std::vector<ExpiryNotice> ExpiryNotices(const TrustSnapshot& trust, const DeviceView& device,
                                        TimePoint now);

}  // namespace phonecert
