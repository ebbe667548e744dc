#pragma once
// Issuing X.509 v3 certificates with the defaults of tools such as mkcert and step:
//   - random positive 128-bit serial; SKI (hash) and AKI (keyid); SHA-256 (no digest for Ed25519)
//   - CAs: basicConstraints critical CA:TRUE (+ pathlen when given), keyUsage critical
//     keyCertSign + cRLSign; no EKU, no SAN
//   - leaves: basicConstraints critical CA:FALSE, keyUsage critical fitting the subject key
//     (RSA: digitalSignature + keyEncipherment; EC/EdDSA: digitalSignature), EKU by kind
//     (server: serverAuth; device: serverAuth + clientAuth; client: clientAuth)
//   - server: subjectAltName holds every name (a Common Name that is a DNS name or IP is added
//     to it); the Common Name is the first name when none is given, for old clients
//   - validity: not_before (passed in) + days; default 397 days for leaves, 10 years for CAs
// The caller still decides where the results go; nothing here reads the clock or writes files.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"
#include "base/time.h"
#include "ca/public_key.h"
#include "ca/subject.h"
#include "x509/certificate.h"
#include "x509/private_key.h"

namespace phonecert::ca {

enum class CertificateKind { kRootCa, kIntermediateCa, kServer, kDevice, kClient };

// "root CA", "intermediate CA", "server", "device", "client"
std::string_view KindName(CertificateKind kind);
bool IsCaKind(CertificateKind kind);

inline constexpr int kDefaultLeafDays = 397;
inline constexpr int kDefaultCaDays = 3650;
inline constexpr int kMaxDays = 36525;  // 100 years
int DefaultDays(CertificateKind kind);

struct CertificateProfile {
  CertificateKind kind = CertificateKind::kServer;
  // nullopt: DefaultDays(kind), shortened when needed so the certificate does not outlive its
  // issuer. An explicit value that would outlive the issuer is refused.
  std::optional<int> days;
  // CAs only: basicConstraints pathLenConstraint; nullopt = no limit.
  std::optional<int> path_length;
};

struct IssueRequest {
  CertificateProfile profile;
  SubjectName subject;
  // DNS names and IP literals for the subjectAltName, checked by ParseAltName. Server
  // certificates need at least one name (here or as the Common Name). Device certificates
  // usually have none: their Common Name is the phone's MAC.
  std::vector<std::string> alt_names;
  TimePoint not_before;
};

// Issues a certificate for `subject_key`, signed by `issuer_key`.
//   issuer == nullptr: self-signed; subject_key must be the public half of issuer_key.
//   otherwise: issuer must be a CA certificate allowed to sign certificates (keyUsage
//   keyCertSign when present; pathlen 0 forbids issuing an intermediate) and issuer_key its key
//   (Code::kKeyMismatch otherwise).
// Refusals: Code::kInvalidArgument naming the field (bad name, empty CN of a CA, days out of
// range, outliving the issuer, ...).
Result<Certificate> Issue(const IssueRequest& request, const PublicKey& subject_key,
                          const Certificate* issuer, const PrivateKey& issuer_key);
Result<Certificate> Issue(const IssueRequest& request, const PrivateKey& subject_key,
                          const Certificate* issuer, const PrivateKey& issuer_key);

// The digest used to sign with `key`: SHA-256, or none (nullptr) for Ed25519/Ed448.
const EVP_MD* SigningDigest(const EVP_PKEY* key);

}  // namespace phonecert::ca
