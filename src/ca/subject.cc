#include "ca/subject.h"

#include <cctype>

#include "ossl/error.h"

namespace phonecert::ca {
namespace {

Status AddEntry(X509_NAME* name, int nid, const std::string& value) {
  if (value.empty()) return {};
  if (X509_NAME_add_entry_by_NID(name, nid, MBSTRING_UTF8,
                                 reinterpret_cast<const unsigned char*>(value.data()),
                                 static_cast<int>(value.size()), -1, 0) != 1) {
    return ossl::FailWithQueue(Code::kInvalidArgument, std::string("the subject's ") +
                                                           OBJ_nid2sn(nid) + " \"" + value +
                                                           "\" cannot be encoded");
  }
  return {};
}

}  // namespace

Result<ossl::X509NamePtr> ToX509Name(const SubjectName& n) {
  if (n.common_name.size() > 64) {
    return Fail(Code::kInvalidArgument, "the Common Name \"" + n.common_name + "\" has " +
                                            std::to_string(n.common_name.size()) +
                                            " characters; X.509 allows at most 64");
  }
  if (!n.country.empty() &&
      (n.country.size() != 2 || !std::isalpha(static_cast<unsigned char>(n.country[0])) ||
       !std::isalpha(static_cast<unsigned char>(n.country[1])))) {
    return Fail(Code::kInvalidArgument,
                "the country \"" + n.country + "\" is not a two-letter code such as US or DE");
  }
  ossl::X509NamePtr name(X509_NAME_new());
  if (!name) return ossl::FailWithQueue(Code::kInternal, "allocating a name failed");
  for (auto [nid, value] : {std::pair{NID_countryName, &n.country},
                            std::pair{NID_stateOrProvinceName, &n.state},
                            std::pair{NID_localityName, &n.locality},
                            std::pair{NID_organizationName, &n.organization},
                            std::pair{NID_organizationalUnitName, &n.organizational_unit},
                            std::pair{NID_commonName, &n.common_name}}) {
    if (auto st = AddEntry(name.get(), nid, *value); !st) return std::unexpected(st.error());
  }
  return name;
}

Result<ossl::GeneralNamesPtr> ToGeneralNames(const std::vector<AltName>& names) {
  ossl::GeneralNamesPtr out(GENERAL_NAMES_new());
  if (!out) return ossl::FailWithQueue(Code::kInternal, "allocating a subjectAltName failed");
  for (const AltName& n : names) {
    GENERAL_NAME* raw = nullptr;
    if (n.kind == NameKind::kIp) {
      raw = a2i_GENERAL_NAME(nullptr, nullptr, nullptr, GEN_IPADD, n.value.c_str(), 0);
    } else {
      raw = a2i_GENERAL_NAME(nullptr, nullptr, nullptr, GEN_DNS, n.value.c_str(), 0);
    }
    std::unique_ptr<GENERAL_NAME, ossl::Deleter<GENERAL_NAME_free>> gn(raw);
    if (!gn) {
      return ossl::FailWithQueue(Code::kInvalidArgument,
                                 "\"" + ToString(n) + "\" cannot be put into a subjectAltName");
    }
    if (sk_GENERAL_NAME_push(out.get(), gn.get()) == 0) {
      return ossl::FailWithQueue(Code::kInternal, "building the subjectAltName failed");
    }
    gn.release();  // now owned by the stack
  }
  return out;
}

}  // namespace phonecert::ca
