#pragma once
// The warnings an anchor carries in listings. Phones accept a trusted certificate that is not a
// CA, or is expired, and show why it may not work; so do we. Time is passed in.
#include <string>
#include <vector>

#include "base/time.h"
#include "x509/certificate.h"

namespace phonecert {

// "not a CA certificate", "expired on 2002-01-01", "not valid before 2090-01-01"; empty when none.
std::vector<std::string> AnchorWarnings(const Certificate& cert, TimePoint now);

}  // namespace phonecert
