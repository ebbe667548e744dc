#include "verify/cert_facts.h"

#include <openssl/x509v3.h>

#include "ossl/ptr.h"
#include "x509/certificate.h"

namespace phonecert {

ExtensionPresence FindExtension(const X509* x, int nid) {
  int loc = X509_get_ext_by_NID(x, nid, -1);
  if (loc < 0) return {};
  return {true, X509_EXTENSION_get_critical(X509_get_ext(x, loc)) != 0};
}

std::string CertLabel(const X509* x, int depth) {
  std::string name = CommonName(X509_get_subject_name(x));
  if (name.empty()) name = NameToString(X509_get_subject_name(x));
  if (name.empty()) name = "empty subject";
  return "certificate " + std::to_string(depth) + " (\"" + name + "\")";
}

bool IsSelfIssued(X509* x) { return (X509_get_extension_flags(x) & EXFLAG_SI) != 0; }
bool IsSelfSigned(X509* x) { return (X509_get_extension_flags(x) & EXFLAG_SS) != 0; }

SanNames ReadSanNames(X509* x) {
  SanNames out;
  out.extension_present = X509_get_ext_by_NID(x, NID_subject_alt_name, -1) >= 0;
  if (!out.extension_present) return out;
  int crit = -1;
  ossl::GeneralNamesPtr sans(
      static_cast<GENERAL_NAMES*>(X509_get_ext_d2i(x, NID_subject_alt_name, &crit, nullptr)));
  if (!sans) {
    out.decodes = false;
    return out;
  }
  for (int i = 0; i < sk_GENERAL_NAME_num(sans.get()); ++i) {
    const GENERAL_NAME* gn = sk_GENERAL_NAME_value(sans.get(), i);
    const ASN1_STRING* s = nullptr;
    if (gn->type == GEN_DNS) {
      s = gn->d.dNSName;
      out.dns.emplace_back(reinterpret_cast<const char*>(ASN1_STRING_get0_data(s)),
                           static_cast<std::size_t>(ASN1_STRING_length(s)));
    } else if (gn->type == GEN_IPADD) {
      s = gn->d.iPAddress;
      out.ip.emplace_back(reinterpret_cast<const char*>(ASN1_STRING_get0_data(s)),
                          static_cast<std::size_t>(ASN1_STRING_length(s)));
    } else {
      ++out.other;
    }
  }
  return out;
}

std::vector<std::string> SubjectCommonNames(const X509* x) {
  std::vector<std::string> out;
  const X509_NAME* name = X509_get_subject_name(x);
  for (int loc = X509_NAME_get_index_by_NID(name, NID_commonName, -1); loc >= 0;
       loc = X509_NAME_get_index_by_NID(name, NID_commonName, loc)) {
    const ASN1_STRING* s = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, loc));
    unsigned char* utf8 = nullptr;
    int len = ASN1_STRING_to_UTF8(&utf8, s);
    if (len < 0) {
      out.emplace_back();
      continue;
    }
    ossl::OpenSslStringPtr owner(reinterpret_cast<char*>(utf8));
    out.emplace_back(reinterpret_cast<const char*>(utf8), static_cast<std::size_t>(len));
  }
  return out;
}

Finding MakeFinding(Reason reason, int depth, std::string sentence) {
  return Finding{reason, depth, std::move(sentence)};
}

}  // namespace phonecert
