#include "state/expiry_notices.h"

#include <chrono>

namespace phonecert {
namespace {

// "expired on 2026-11-27" / "expires in 12 days (2026-12-16)" / nullopt when not soon.
std::optional<std::string> WhenText(const Certificate& cert, TimePoint now, bool* expired) {
  *expired = cert.NotAfter() < now;
  if (*expired) return "expired on " + FormatDate(cert.NotAfter());
  auto left = cert.NotAfter() - now;
  if (left > std::chrono::days{kExpiryWarningDays}) return std::nullopt;
  auto days = std::chrono::floor<std::chrono::days>(left).count();
  std::string in = days == 0 ? "today" : days == 1 ? "tomorrow" : "in " + std::to_string(days) + " days";
  return "expires " + in + " (" + FormatDate(cert.NotAfter()) + ")";
}

void Add(std::vector<ExpiryNotice>& out, const Certificate& cert, TimePoint now,
         const std::string& what, bool in_use, const std::string& advice) {
  bool expired = false;
  auto when = WhenText(cert, now, &expired);
  if (!when) return;
  ExpiryNotice n;
  n.level = expired && in_use ? LogLevel::kError : LogLevel::kWarning;
  n.sentence = what + " \"" + cert.IssuedTo() + "\" " + *when + "; " + advice;
  out.push_back(std::move(n));
}

}  // namespace

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
