#pragma once
// Certificate signing requests: making one (for a key we hold) and signing one as a CA.
// Signing copies only the names the profile allows; everything else the request asks for
// (other subject fields, e-mail or URI names, basicConstraints, key usages) is dropped and
// listed, so the caller can tell the administrator.
#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"
#include "base/time.h"
#include "ca/issue.h"
#include "ca/subject.h"
#include "x509/certificate.h"
#include "x509/private_key.h"

namespace phonecert::ca {

struct CsrRequest {
  SubjectName subject;
  std::vector<std::string> alt_names;  // DNS names and IP literals (ParseAltName)
};

// A PKCS#10 request in PEM, signed with `key` (SHA-256; none for Ed25519). The names go into
// the subject and a requested subjectAltName extension.
Result<std::string> MakeCsr(const CsrRequest& request, const PrivateKey& key);

struct SignedCsr {
  Certificate certificate;
  // What the request asked for and the certificate does not carry, one phrase each
  // ("subject O = Example", "requested extension basicConstraints", "SAN email:a@b").
  std::vector<std::string> dropped;
};

// Signs a request (PEM or DER, detected from the content) after checking its own signature.
// profile.kind must be server, device or client. What is copied:
//   server: the Common Name when it is a DNS name or IP, and the DNS/IP SANs; at least one name.
//   device: the Common Name, which must be a MAC (NormalizeMac; written as 12 lower-case hex
//           digits; Code::kInvalidMac otherwise), and the DNS/IP SANs.
//   client: the Common Name and the DNS/IP SANs.
// The request's key must be a supported type (Code::kUnsupportedKeyType); a bad request is
// Code::kMalformed.
Result<SignedCsr> SignCsr(std::string_view csr, const CertificateProfile& profile,
                          TimePoint not_before, const Certificate& issuer,
                          const PrivateKey& issuer_key);

}  // namespace phonecert::ca
