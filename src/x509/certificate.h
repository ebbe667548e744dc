#pragma once
// Certificate: an immutable, cheap-to-copy X.509 certificate value.
// Copies share one parsed OpenSSL object; nothing mutates it after construction, so copies may
// be used from several threads at once.
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"
#include "base/time.h"
#include "ossl/ptr.h"

namespace phonecert {

class Certificate {
 public:
  // Parses exactly one DER certificate; refuses trailing bytes.
  static Result<Certificate> FromDer(std::string_view der);
  // Takes ownership of a parsed certificate.
  static Certificate Adopt(ossl::X509Ptr x509);

  // Borrowed OpenSSL handle for read-only calls; valid as long as any copy lives.
  X509* native() const { return d_->x509.get(); }
  // A new owning reference (for OpenSSL calls that take ownership).
  ossl::X509Ptr NewRef() const { return ossl::UpRef(d_->x509.get()); }

  const std::string& Der() const { return d_->der; }
  std::string Pem() const;
  // Lower-case hex SHA-256 of the DER, no separators: the certificate's identity in the store.
  const std::string& Sha256() const { return d_->sha256; }
  // "AB:CD:..." forms as printed by `openssl x509 -fingerprint`.
  std::string Sha256Fingerprint() const;
  std::string Sha1Fingerprint() const;

  int Version() const;  // 1, 2 or 3
  std::string Subject() const;  // "C = US, O = Example, CN = example.com"
  std::string Issuer() const;
  // The web page summary: subject CN, else the whole subject (likewise for the issuer).
  std::string IssuedTo() const;
  std::string IssuedBy() const;
  std::string SubjectCommonName() const;  // empty when there is none
  TimePoint NotBefore() const { return d_->not_before; }
  TimePoint NotAfter() const { return d_->not_after; }
  bool IsCa() const;          // basicConstraints cA = TRUE
  bool IsSelfIssued() const;  // subject == issuer
  // Names from the subjectAltName extension, as typed strings.
  std::vector<std::string> DnsNames() const;
  std::vector<std::string> IpAddresses() const;  // textual form ("127.0.0.1", "::1")
  bool HasSubjectAltName() const;

  friend bool operator==(const Certificate& a, const Certificate& b) { return a.Der() == b.Der(); }

 private:
  struct Data {
    ossl::X509Ptr x509;
    std::string der;
    std::string sha256;
    TimePoint not_before;
    TimePoint not_after;
  };
  explicit Certificate(std::shared_ptr<const Data> d) : d_(std::move(d)) {}
  std::shared_ptr<const Data> d_;
};

// Formats an X509_NAME the way `openssl x509 -text` does ("C = US, O = X, CN = Y").
std::string NameToString(const X509_NAME* name);
// Text of the last CN entry, or empty.
std::string CommonName(const X509_NAME* name);
// Textual IP address from the raw 4- or 16-byte form.
std::string IpToString(const unsigned char* bytes, int length);

}  // namespace phonecert
