#pragma once
// Host names and IP addresses as they go into a subjectAltName: each text is classified and
// checked once here, so everything that issues certificates agrees on what a name is.
#include <string>
#include <string_view>

#include "base/error.h"

namespace phonecert::ca {

enum class NameKind { kDns, kIp };

struct AltName {
  NameKind kind = NameKind::kDns;
  // DNS: lower-case, without a trailing dot ("sfb.corp.test", "*.corp.test").
  // IP: the canonical text form ("192.0.2.7", "2001:db8::1").
  std::string value;
  friend bool operator==(const AltName&, const AltName&) = default;
};

// An IPv4 or IPv6 literal (brackets around IPv6 allowed), else a DNS name: labels of letters,
// digits and hyphens (1-63 characters, no hyphen at either end), at most 253 characters, the
// last label not all digits; "*." is allowed as the whole first label of a name with at least
// two more labels. Code::kInvalidArgument with a sentence naming what is wrong otherwise.
Result<AltName> ParseAltName(std::string_view text);

// "DNS:sfb.corp.test", "IP:192.0.2.7"
std::string ToString(const AltName& name);

// A file name stem for the name: the value itself, with "*" written as "_wildcard" and ":" (IPv6)
// as "_" ("_wildcard.corp.test", "2001_db8__1").
std::string FileStem(const AltName& name);

}  // namespace phonecert::ca
