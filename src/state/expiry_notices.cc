#include "state/expiry_notices.h"

#include <chrono>

namespace phonecert {
namespace {

// "expired on 2026-11-27" / "expires in 12 days (2026-12-16)"; for an expired or soon one.
std::string WhenText(const Certificate& cert, const Expiry& e) {
  if (e.expired) return "expired on " + FormatDate(cert.NotAfter());
  long days = e.days_left;
  std::string in = days == 0 ? "today" : days == 1 ? "tomorrow" : "in " + std::to_string(days) + " days";
  return "expires " + in + " (" + FormatDate(cert.NotAfter()) + ")";
}

void Add(std::vector<ExpiryNotice>& out, const Certificate& cert, TimePoint now,
         const std::string& what, bool in_use, const std::string& advice) {
  Expiry e = ExpiryOf(cert, now);
  if (!e.expired && !e.soon) return;
  ExpiryNotice n;
  n.level = e.expired && in_use ? LogLevel::kError : LogLevel::kWarning;
  n.sentence = what + " \"" + cert.IssuedTo() + "\" " + WhenText(cert, e) + "; " + advice;
  out.push_back(std::move(n));
}

}  // namespace

Expiry ExpiryOf(const Certificate& cert, TimePoint now) {
  Expiry e;
  auto left = cert.NotAfter() - now;
  e.days_left = static_cast<long>(std::chrono::floor<std::chrono::days>(left).count());
  e.expired = cert.NotAfter() < now;
  e.soon = !e.expired && left <= std::chrono::days{kExpiryWarningDays};
  return e;
}

std::vector<ExpiryNotice> ExpiryNotices(const TrustSnapshot& trust, const DeviceView& device,
                                        TimePoint now) {
  std::vector<ExpiryNotice> out;
  const Identity* active = device.active.identity.get();
  if (active) {
    std::string kind(IdentityKindName(active->kind));
    Add(out, active->leaf, now, "the device certificate in use (" + kind + ")", true,
        active->kind == IdentityKind::kCustom
            ? "install a renewed one (Security -> Server Certificates or static.server_certificates.url)"
            : "install a custom device certificate (Security -> Server Certificates)");
    for (const Certificate& issuer : active->chain) {
      Add(out, issuer, now, "the issuer sent with the device certificate", true,
          "clients that need it will refuse the phone; install a chain with a renewed issuer");
    }
  }
  if (device.snapshot && device.snapshot->custom && device.snapshot->custom.get() != active) {
    Add(out, device.snapshot->custom->leaf, now, "the installed custom device certificate (not in use)",
        false, "renew or delete it");
  }
  for (const Anchor& a : trust.custom()) {
    Add(out, a.certificate, now, "the custom CA certificate", false,
        "servers whose chains end in it are refused after that date; replace it");
  }
  return out;
}

}  // namespace phonecert
