#pragma once
#include <openssl/asn1.h>

#include <optional>

#include "base/time.h"

namespace phonecert {

std::optional<TimePoint> FromAsn1Time(const ASN1_TIME* t);

}  // namespace phonecert
