#include "verify/name_match.h"

#include <arpa/inet.h>
#include <libpsl.h>
#include <openssl/x509v3.h>

#include <algorithm>

#include "ossl/ptr.h"
#include "x509/certificate.h"

namespace phonecert {
namespace {

char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

std::string LowerAscii(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), Lower);
  return out;
}

std::string_view StripTrailingDot(std::string_view s) {
  if (!s.empty() && s.back() == '.') s.remove_suffix(1);
  return s;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return Lower(x) == Lower(y); });
}

std::size_t CountLabels(std::string_view s) {
  return static_cast<std::size_t>(std::count(s.begin(), s.end(), '.')) + 1;
}

bool IsLdhLabel(std::string_view label) {
  if (label.empty() || label.size() > 63) return false;
  if (label.front() == '-' || label.back() == '-') return false;
  return std::all_of(label.begin(), label.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
  });
}

std::string_view AsView(const ASN1_STRING* s) {
  return {reinterpret_cast<const char*>(ASN1_STRING_get0_data(s)),
          static_cast<std::size_t>(ASN1_STRING_length(s))};
}

}  // namespace

std::optional<ReferenceName> ParseReferenceName(std::string_view name) {
  ReferenceName ref;
  ref.text = std::string(name);
  std::string literal(name);
  if (literal.size() > 2 && literal.front() == '[' && literal.back() == ']') {
    literal = literal.substr(1, literal.size() - 2);
  }
  unsigned char buf[16];
  if (inet_pton(AF_INET, literal.c_str(), buf) == 1) {
    ref.kind = ReferenceName::Kind::kIp;
    ref.ip_bytes.assign(reinterpret_cast<const char*>(buf), 4);
    return ref;
  }
  if (inet_pton(AF_INET6, literal.c_str(), buf) == 1) {
    ref.kind = ReferenceName::Kind::kIp;
    ref.ip_bytes.assign(reinterpret_cast<const char*>(buf), 16);
    return ref;
  }
  std::string_view dns = StripTrailingDot(name);
  if (dns.empty() || dns.size() > 253) return std::nullopt;
  std::size_t start = 0;
  while (start <= dns.size()) {
    std::size_t dot = dns.find('.', start);
    std::string_view label = dns.substr(start, dot == std::string_view::npos ? dns.npos : dot - start);
    if (label.empty() || label.size() > 63) return std::nullopt;
    for (char c : label) {
      // Reference names are what a person typed or a URL held: LDH plus '_' (service labels);
      // never a wildcard, never white space or control characters.
      bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                c == '-' || c == '_';
      if (!ok) return std::nullopt;
    }
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  ref.kind = ReferenceName::Kind::kDns;
  ref.dns = LowerAscii(dns);
  return ref;
}

bool IsPublicSuffix(std::string_view domain) {
  if (domain.empty() || domain.find('.') == std::string_view::npos) return true;
  const psl_ctx_t* psl = psl_builtin();
  if (psl == nullptr) return false;  // without a list, only the single-label rule applies
  std::string d(domain);
  return psl_is_public_suffix2(psl, d.c_str(), PSL_TYPE_ANY | PSL_TYPE_NO_STAR_RULE) != 0;
}

bool MatchDnsName(std::string_view presented, std::string_view reference_dns) {
  presented = StripTrailingDot(presented);
  if (presented.empty() || reference_dns.empty()) return false;
  if (presented.find('*') == std::string_view::npos) {
    return EqualsIgnoreCase(presented, reference_dns);
  }
  // Only a whole left-most "*" label, over something that is not a public suffix.
  if (presented.size() < 3 || presented[0] != '*' || presented[1] != '.') return false;
  std::string_view rest = presented.substr(2);
  if (rest.find('*') != std::string_view::npos || rest.empty()) return false;
  std::string rest_lower = LowerAscii(rest);
  if (CountLabels(rest_lower) < 2 || IsPublicSuffix(rest_lower)) return false;
  std::size_t dot = reference_dns.find('.');
  if (dot == 0 || dot == std::string_view::npos) return false;
  return EqualsIgnoreCase(reference_dns.substr(dot + 1), rest_lower);
}

bool IsValidPresentedDnsName(std::string_view name) {
  name = StripTrailingDot(name);
  if (name.empty() || name.size() > 253) return false;
  std::size_t start = 0;
  std::size_t index = 0;
  std::string_view last;
  while (true) {
    std::size_t dot = name.find('.', start);
    std::string_view label = name.substr(start, dot == std::string_view::npos ? name.npos : dot - start);
    bool wildcard = (index == 0 && label == "*");
    if (!wildcard && !IsLdhLabel(label)) return false;
    last = label;
    ++index;
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  if (name.front() == '*' && index < 3) return false;
  // A final label of digits only is an IPv4 address (or garbage), not a host name.
  return !std::all_of(last.begin(), last.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string CanonicalIpText(std::string_view bytes) {
  char buf[INET6_ADDRSTRLEN] = {};
  if (bytes.size() == 4) {
    inet_ntop(AF_INET, bytes.data(), buf, sizeof buf);
  } else if (bytes.size() == 16) {
    inet_ntop(AF_INET6, bytes.data(), buf, sizeof buf);
  } else {
    return {};
  }
  return buf;
}

bool CertificateMatchesName(X509* cert, const ReferenceName& ref, const NameMatchOptions& options) {
  int crit = -1;
  ossl::GeneralNamesPtr sans(
      static_cast<GENERAL_NAMES*>(X509_get_ext_d2i(cert, NID_subject_alt_name, &crit, nullptr)));
  bool has_san_extension = X509_get_ext_by_NID(cert, NID_subject_alt_name, -1) >= 0;
  if (sans) {
    for (int i = 0; i < sk_GENERAL_NAME_num(sans.get()); ++i) {
      const GENERAL_NAME* gn = sk_GENERAL_NAME_value(sans.get(), i);
      if (ref.kind == ReferenceName::Kind::kDns && gn->type == GEN_DNS) {
        if (MatchDnsName(AsView(gn->d.dNSName), ref.dns)) return true;
      } else if (ref.kind == ReferenceName::Kind::kIp && gn->type == GEN_IPADD) {
        if (AsView(gn->d.iPAddress) == ref.ip_bytes) return true;
      }
    }
  }
  if (has_san_extension || !options.allow_cn_fallback) return false;
  if (ref.kind != ReferenceName::Kind::kDns) return false;
  std::string cn = CommonName(X509_get_subject_name(cert));
  return !cn.empty() && MatchDnsName(cn, ref.dns);
}

}  // namespace phonecert
