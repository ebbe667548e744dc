#pragma once
// Small read-only facts about one certificate that several rule sets need, and the label that
// names a certificate in a finding's sentence. Borrowed X509* only; nothing is kept.
#include <openssl/x509.h>

#include <string>
#include <vector>

#include "verify/result.h"

namespace phonecert {

struct ExtensionPresence {
  bool present = false;
  bool critical = false;
};
ExtensionPresence FindExtension(const X509* x, int nid);

// 'certificate 1 ("Phonecert Test Issuing CA")': the depth and the subject CN (else subject).
std::string CertLabel(const X509* x, int depth);

bool IsSelfIssued(X509* x);   // subject == issuer
bool IsSelfSigned(X509* x);   // self-issued and the key identifiers do not contradict it

// The SAN dNSName values (raw bytes) and iPAddress values (raw bytes) of a certificate.
struct SanNames {
  bool extension_present = false;
  bool decodes = true;
  std::vector<std::string> dns;
  std::vector<std::string> ip;
  int other = 0;  // entries of other kinds (email, URI, directoryName, otherName)
};
SanNames ReadSanNames(X509* x);

// The subject commonName values as UTF-8, in order.
std::vector<std::string> SubjectCommonNames(const X509* x);

Finding MakeFinding(Reason reason, int depth, std::string sentence);

}  // namespace phonecert
