#include "x509/certificate.h"

#include <arpa/inet.h>
#include <openssl/pem.h>
#include <openssl/sha.h>

#include "base/bytes.h"
#include "ossl/bio.h"
#include "ossl/error.h"
#include "x509/asn1_time.h"

namespace phonecert {

std::string NameToString(const X509_NAME* name) {
  if (!name) return {};
  ossl::BioPtr bio = ossl::WriteBio();
  unsigned long flags = XN_FLAG_ONELINE & ~ASN1_STRFLGS_ESC_MSB;
  flags |= ASN1_STRFLGS_UTF8_CONVERT;
  X509_NAME_print_ex(bio.get(), name, 0, flags);
  return ossl::BioContents(bio.get());
}

std::string CommonName(const X509_NAME* name) {
  if (!name) return {};
  int last = -1;
  for (int i = X509_NAME_get_index_by_NID(name, NID_commonName, -1); i >= 0;
       i = X509_NAME_get_index_by_NID(name, NID_commonName, i)) {
    last = i;
  }
  if (last < 0) return {};
  const ASN1_STRING* data = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, last));
  unsigned char* utf8 = nullptr;
  int n = ASN1_STRING_to_UTF8(&utf8, data);
  if (n < 0) return {};
  std::string out(reinterpret_cast<char*>(utf8), static_cast<std::size_t>(n));
  OPENSSL_free(utf8);
  return out;
}

std::string IpToString(const unsigned char* bytes, int length) {
  char buf[INET6_ADDRSTRLEN] = {};
  if (length == 4) {
    inet_ntop(AF_INET, bytes, buf, sizeof buf);
  } else if (length == 16) {
    inet_ntop(AF_INET6, bytes, buf, sizeof buf);
  } else {
    return "<invalid IP of " + std::to_string(length) + " bytes>";
  }
  return buf;
}

Certificate Certificate::Adopt(ossl::X509Ptr x509) {
  auto d = std::make_shared<Data>();
  // Fill OpenSSL's lazily computed extension cache now, so concurrent readers never race on it.
  X509_check_purpose(x509.get(), -1, 0);
  unsigned char* buf = nullptr;
  int len = i2d_X509(x509.get(), &buf);
  if (len > 0) {
    d->der.assign(reinterpret_cast<char*>(buf), static_cast<std::size_t>(len));
    OPENSSL_free(buf);
  }
  unsigned char md[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(d->der.data()), d->der.size(), md);
  d->sha256 = ToHex(md);
  d->not_before = FromAsn1Time(X509_get0_notBefore(x509.get())).value_or(TimePoint{});
  d->not_after = FromAsn1Time(X509_get0_notAfter(x509.get())).value_or(TimePoint{});
  d->x509 = std::move(x509);
  return Certificate(std::move(d));
}

Result<Certificate> Certificate::FromDer(std::string_view der) {
  ossl::ClearErrors();
  const auto* p = reinterpret_cast<const unsigned char*>(der.data());
  ossl::X509Ptr x(d2i_X509(nullptr, &p, static_cast<long>(der.size())));
  if (!x) return ossl::FailWithQueue(Code::kMalformed, "not a valid DER certificate");
  auto used = static_cast<std::size_t>(p - reinterpret_cast<const unsigned char*>(der.data()));
  if (used != der.size()) {
    return Fail(Code::kTrailingGarbage, std::to_string(der.size() - used) +
                                            " unexpected bytes after the DER certificate");
  }
  return Adopt(std::move(x));
}

std::string Certificate::Pem() const {
  ossl::BioPtr bio = ossl::WriteBio();
  PEM_write_bio_X509(bio.get(), native());
  return ossl::BioContents(bio.get());
}

std::string Certificate::Sha256Fingerprint() const {
  unsigned char md[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(Der().data()), Der().size(), md);
  return ToColonHex(md);
}

std::string Certificate::Sha1Fingerprint() const {
  unsigned char md[SHA_DIGEST_LENGTH];
  SHA1(reinterpret_cast<const unsigned char*>(Der().data()), Der().size(), md);
  return ToColonHex(md);
}

int Certificate::Version() const { return static_cast<int>(X509_get_version(native())) + 1; }

std::string Certificate::Subject() const { return NameToString(X509_get_subject_name(native())); }
std::string Certificate::Issuer() const { return NameToString(X509_get_issuer_name(native())); }
std::string Certificate::SubjectCommonName() const {
  return CommonName(X509_get_subject_name(native()));
}

std::string Certificate::IssuedTo() const {
  std::string cn = SubjectCommonName();
  return cn.empty() ? Subject() : cn;
}

std::string Certificate::IssuedBy() const {
  std::string cn = CommonName(X509_get_issuer_name(native()));
  return cn.empty() ? Issuer() : cn;
}

bool Certificate::IsCa() const { return (X509_get_extension_flags(native()) & EXFLAG_CA) != 0; }

bool Certificate::IsSelfIssued() const {
  return X509_NAME_cmp(X509_get_subject_name(native()), X509_get_issuer_name(native())) == 0;
}

bool Certificate::HasSubjectAltName() const {
  return X509_get_ext_by_NID(native(), NID_subject_alt_name, -1) >= 0;
}

namespace {
template <class F>
void ForEachAltName(X509* x, F&& f) {
  ossl::GeneralNamesPtr names(static_cast<GENERAL_NAMES*>(
      X509_get_ext_d2i(x, NID_subject_alt_name, nullptr, nullptr)));
  if (!names) return;
  for (int i = 0; i < sk_GENERAL_NAME_num(names.get()); ++i) f(sk_GENERAL_NAME_value(names.get(), i));
}
}  // namespace

std::vector<std::string> Certificate::DnsNames() const {
  std::vector<std::string> out;
  ForEachAltName(native(), [&](const GENERAL_NAME* gn) {
    if (gn->type == GEN_DNS) {
      const ASN1_STRING* s = gn->d.dNSName;
      out.emplace_back(reinterpret_cast<const char*>(ASN1_STRING_get0_data(s)),
                       static_cast<std::size_t>(ASN1_STRING_length(s)));
    }
  });
  return out;
}

std::vector<std::string> Certificate::IpAddresses() const {
  std::vector<std::string> out;
  ForEachAltName(native(), [&](const GENERAL_NAME* gn) {
    if (gn->type == GEN_IPADD) {
      out.push_back(IpToString(ASN1_STRING_get0_data(gn->d.iPAddress),
                               ASN1_STRING_length(gn->d.iPAddress)));
    }
  });
  return out;
}

}  // namespace phonecert
