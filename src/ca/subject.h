#pragma once
// The subject of a certificate or request: named parts, and their OpenSSL forms.
#include <string>
#include <vector>

#include "base/error.h"
#include "ca/names.h"
#include "ossl/ptr.h"

namespace phonecert::ca {

struct SubjectName {
  std::string common_name;          // CN. CAs: required. Leaves: empty = the first SAN name.
  std::string organization;         // O, optional
  std::string organizational_unit;  // OU, optional
  std::string locality;             // L, optional
  std::string state;                // ST, optional
  std::string country;              // C, optional; two letters
};

// The X509_NAME in the usual order C, ST, L, O, OU, CN (UTF-8). Refuses a CN over 64 characters
// and a country that is not two letters (Code::kInvalidArgument).
Result<ossl::X509NamePtr> ToX509Name(const SubjectName& name);

// The subjectAltName value for the names (DNS -> dNSName, IP -> iPAddress).
Result<ossl::GeneralNamesPtr> ToGeneralNames(const std::vector<AltName>& names);

}  // namespace phonecert::ca
