#pragma once
// Host name and IP address matching for server certificates (RFC 6125 / RFC 9525, RFC 2818),
// plus the syntax rules for presented names that the strict profile enforces.
//
// Matching rules:
//  - A DNS reference name matches a presented dNSName case-insensitively (ASCII only); one
//    trailing dot on either side is ignored.
//  - A wildcard is only the whole left-most label ("*.example.com"); it matches exactly one
//    non-empty label. Partial wildcards ("f*.example.com", "xn--*-x.example.com"), wildcards in
//    other labels, a lone "*", and wildcards over a public suffix ("*.com", "*.co.uk",
//    "*.s3.amazonaws.com": the Public Suffix List built into libpsl, ICANN and private sections)
//    never match.
//  - An IP reference (IPv4 dotted decimal, IPv6 text, optionally in brackets) matches only a SAN
//    iPAddress of the same bytes; never a dNSName, never the subject CN.
//  - The subject CN is consulted only when the caller allows it (RFC 2818 fallback) and the
//    certificate has no subjectAltName extension at all.
#include <openssl/x509.h>

#include <optional>
#include <string>
#include <string_view>

namespace phonecert {

struct ReferenceName {
  enum class Kind { kDns, kIp };
  Kind kind = Kind::kDns;
  std::string dns;       // kDns: lower case, no trailing dot
  std::string ip_bytes;  // kIp: 4 or 16 network-order bytes
  std::string text;      // as the caller gave it
};

// Parses what the caller meant to reach. nullopt when it is neither an IP literal nor a
// syntactically possible DNS name (empty, empty label, "*", spaces...).
std::optional<ReferenceName> ParseReferenceName(std::string_view name);

// True when `domain` (lower case, no trailing dot) is a public suffix: a single label, or an
// explicit rule of the Public Suffix List built into libpsl.
bool IsPublicSuffix(std::string_view domain);

// One presented identifier (a SAN dNSName or a CN) against a DNS reference (as parsed above).
bool MatchDnsName(std::string_view presented, std::string_view reference_dns);

// True when `name` is a valid presented dNSName for the public web: LDH labels of 1..63
// characters, no leading/trailing hyphen, at most 253 characters, a final label that is not all
// digits (so no IPv4 address written as a DNS name), and at most a whole left-most "*" label
// followed by at least two labels.
bool IsValidPresentedDnsName(std::string_view name);

// The RFC 5952 / dotted-decimal text of a 4- or 16-byte address ("2001:db8::1"); empty for other
// lengths.
std::string CanonicalIpText(std::string_view bytes);

struct NameMatchOptions {
  bool allow_cn_fallback = false;  // RFC 2818: CN only when there is no subjectAltName at all
};

// Whether the certificate names `ref` under the rules above.
bool CertificateMatchesName(X509* cert, const ReferenceName& ref, const NameMatchOptions& options);

}  // namespace phonecert
