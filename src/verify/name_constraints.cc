#include "verify/name_constraints.h"

#include <openssl/x509v3.h>

#include <optional>
#include <string>
#include <string_view>

#include "ossl/ptr.h"
#include "verify/cert_facts.h"

namespace phonecert {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string_view AsView(const ASN1_STRING* s) {
  return {reinterpret_cast<const char*>(ASN1_STRING_get0_data(s)),
          static_cast<std::size_t>(ASN1_STRING_length(s))};
}

// `name` equals `base` or is below it (OpenSSL's reading: a leading "." in `base` means
// strictly below).
bool WithinDnsSubtree(std::string_view name, std::string_view base) {
  if (base.empty()) return true;
  if (base.front() == '.') {
    return name.size() > base.size() && name.substr(name.size() - base.size()) == base;
  }
  if (name == base) return true;
  return name.size() > base.size() && name.substr(name.size() - base.size()) == base &&
         name[name.size() - base.size() - 1] == '.';
}

// Could "*.<suffix>" match a name inside the excluded subtree `base`?
bool WildcardMayEnter(std::string_view suffix, std::string_view base) {
  std::string_view plain = (!base.empty() && base.front() == '.') ? base.substr(1) : base;
  if (WithinDnsSubtree(suffix, plain)) return true;  // every expansion is inside
  if (!base.empty() && base.front() == '.') return false;
  // base is exactly one label below suffix: the wildcard can expand to it.
  if (plain.size() > suffix.size() + 1 && plain.substr(plain.size() - suffix.size()) == suffix &&
      plain[plain.size() - suffix.size() - 1] == '.') {
    std::string_view head = plain.substr(0, plain.size() - suffix.size() - 1);
    return head.find('.') == std::string_view::npos;
  }
  return false;
}

bool ContiguousMask(std::string_view mask) {
  bool zeros = false;
  for (unsigned char byte : mask) {
    for (int bit = 7; bit >= 0; --bit) {
      bool one = (byte >> bit) & 1;
      if (one && zeros) return false;
      if (!one) zeros = true;
    }
  }
  return true;
}

void Add(std::vector<Finding>& out, const X509* x, int depth, const std::string& what) {
  out.push_back(MakeFinding(Reason::kNameConstraints, depth, CertLabel(x, depth) + " " + what));
}

// Checks one subtree list for malformed entries.
void CheckSubtrees(const STACK_OF(GENERAL_SUBTREE) * trees, const X509* x, int depth,
                   const NameConstraintOptions& options, std::vector<Finding>& out) {
  for (int i = 0; i < sk_GENERAL_SUBTREE_num(trees); ++i) {
    const GENERAL_NAME* base = sk_GENERAL_SUBTREE_value(trees, i)->base;
    if (base->type == GEN_DNS) {
      std::string_view dns = AsView(base->d.dNSName);
      if (dns.find('*') != std::string_view::npos) {
        Add(out, x, depth, "has a DNS name constraint \"" + std::string(dns) +
                               "\" with a wildcard, which constraints cannot hold");
      } else if (options.strict && !dns.empty() && dns.front() == '.') {
        Add(out, x, depth, "has a DNS name constraint \"" + std::string(dns) +
                               "\" with a leading period (RFC 5280 4.2.1.10)");
      }
    } else if (base->type == GEN_IPADD) {
      std::string_view ip = AsView(base->d.iPAddress);
      if ((ip.size() != 8 && ip.size() != 32) || !ContiguousMask(ip.substr(ip.size() / 2))) {
        Add(out, x, depth, "has an iPAddress name constraint that is not an address and mask");
      }
    }
  }
}

}  // namespace

void CheckNameConstraints(const std::vector<X509*>& chain, const NameConstraintOptions& options,
                          std::vector<Finding>& out) {
  if (chain.empty()) return;
  X509* leaf = chain.front();
  if (FindExtension(leaf, NID_name_constraints).present) {
    Add(out, leaf, 0, "is not a CA but carries nameConstraints (RFC 5280 4.2.1.10)");
  }
  std::optional<SanNames> san;  // read only when some CA has constraints
  for (std::size_t j = 1; j < chain.size(); ++j) {
    X509* ca = chain[j];
    int depth = static_cast<int>(j);
    if (!FindExtension(ca, NID_name_constraints).present) continue;
    if (!san) san = ReadSanNames(leaf);
    int crit = -1;
    ossl::NameConstraintsPtr nc(
        static_cast<NAME_CONSTRAINTS*>(X509_get_ext_d2i(ca, NID_name_constraints, &crit, nullptr)));
    if (!nc) {
      Add(out, ca, depth, "has a nameConstraints extension that does not decode");
      continue;
    }
    int permitted = nc->permittedSubtrees ? sk_GENERAL_SUBTREE_num(nc->permittedSubtrees) : 0;
    int excluded = nc->excludedSubtrees ? sk_GENERAL_SUBTREE_num(nc->excludedSubtrees) : 0;
    if (options.strict && permitted == 0 && excluded == 0) {
      Add(out, ca, depth,
          "has a nameConstraints extension with no subtree at all (CA/B BR 7.1.2.5.2)");
    }
    if (nc->permittedSubtrees) CheckSubtrees(nc->permittedSubtrees, ca, depth, options, out);
    if (nc->excludedSubtrees) CheckSubtrees(nc->excludedSubtrees, ca, depth, options, out);

    for (const auto& raw : san->dns) {
      std::string name = Lower(raw);
      if (!name.empty() && name.back() == '.') name.pop_back();
      if (name.size() < 3 || name[0] != '*' || name[1] != '.') continue;
      std::string suffix = name.substr(2);
      for (int i = 0; i < excluded; ++i) {
        const GENERAL_NAME* base = sk_GENERAL_SUBTREE_value(nc->excludedSubtrees, i)->base;
        if (base->type != GEN_DNS) continue;
        std::string b = Lower(AsView(base->d.dNSName));
        if (WildcardMayEnter(suffix, b)) {
          Add(out, ca, depth, "excludes \"" + b + "\", which the leaf's wildcard \"" + raw +
                                  "\" could name");
        }
      }
      bool any_dns_permit = false;
      bool covered = false;
      for (int i = 0; i < permitted; ++i) {
        const GENERAL_NAME* base = sk_GENERAL_SUBTREE_value(nc->permittedSubtrees, i)->base;
        if (base->type != GEN_DNS) continue;
        any_dns_permit = true;
        std::string b = Lower(AsView(base->d.dNSName));
        std::string_view plain = (!b.empty() && b.front() == '.') ? std::string_view(b).substr(1)
                                                                  : std::string_view(b);
        if (WithinDnsSubtree(suffix, plain)) covered = true;
      }
      if (any_dns_permit && !covered) {
        Add(out, ca, depth, "permits DNS names that do not cover every name the leaf's wildcard \"" +
                                raw + "\" could match");
      }
    }
  }
}

}  // namespace phonecert
