#include "x509/asn1_time.h"

#include <ctime>

namespace phonecert {

std::optional<TimePoint> FromAsn1Time(const ASN1_TIME* t) {
  if (!t) return std::nullopt;
  std::tm tm{};
  if (ASN1_TIME_to_tm(t, &tm) != 1) return std::nullopt;
  return TimePoint{std::chrono::seconds{timegm(&tm)}};
}

}  // namespace phonecert
