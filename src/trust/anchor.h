#pragma once
// A trust anchor and where it came from. Built-in anchors are public roots embedded in the
// binary (held to the strict public-web profile); custom anchors are an administrator's
// enterprise CAs (RFC 5280 + RFC 2818 profile).
#include <string>
#include <vector>

#include "x509/certificate.h"

namespace phonecert {

enum class AnchorSource { kBuiltin, kCustom };

// static.security.ca_cert: 0 built-in ("Default Certificates"), 1 custom, 2 all.
enum class CaSelection { kBuiltin = 0, kCustom = 1, kAll = 2 };

struct Anchor {
  Certificate certificate;
  AnchorSource source = AnchorSource::kCustom;
  std::string name;                   // manifest name (built-in) or Issued To (custom)
  std::vector<std::string> warnings;  // "not a CA certificate", "expired on 2020-01-01"
};

}  // namespace phonecert
