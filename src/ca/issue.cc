#include "ca/issue.h"

#include <algorithm>
#include <chrono>

#include "ca/names.h"
#include "ca/serial.h"
#include "ossl/error.h"

namespace phonecert::ca {
namespace {

using std::chrono::days;

struct Plan {
  SubjectName subject;
  std::vector<AltName> names;
  TimePoint not_after;
};

Status CheckIssuer(CertificateKind kind, const Certificate& issuer, const PrivateKey& issuer_key) {
  X509* x = issuer.native();
  if (X509_check_ca(x) == 0 || !issuer.IsCa()) {
    return Fail(Code::kInvalidArgument, "the issuer \"" + issuer.IssuedTo() +
                                            "\" is not a CA certificate (basicConstraints "
                                            "CA:TRUE); it cannot sign certificates");
  }
  if ((X509_get_key_usage(x) & KU_KEY_CERT_SIGN) == 0) {
    return Fail(Code::kInvalidArgument, "the issuer \"" + issuer.IssuedTo() +
                                            "\" has a keyUsage without keyCertSign; it cannot "
                                            "sign certificates");
  }
  if (kind == CertificateKind::kIntermediateCa && X509_get_pathlen(x) == 0) {
    return Fail(Code::kInvalidArgument, "the issuer \"" + issuer.IssuedTo() +
                                            "\" has pathlen 0; it cannot issue another CA");
  }
  if (!issuer_key.Matches(issuer)) {
    return Fail(Code::kKeyMismatch, "the issuer key is not the key of \"" + issuer.IssuedTo() +
                                        "\" (" + issuer_key.Describe() + ")");
  }
  return {};
}

Result<Plan> MakePlan(const IssueRequest& r, const Certificate* issuer) {
  const CertificateProfile& p = r.profile;
  Plan plan{r.subject, {}, {}};
  for (const std::string& text : r.alt_names) {
    auto name = ParseAltName(text);
    if (!name) return std::unexpected(name.error());
    if (std::find(plan.names.begin(), plan.names.end(), *name) == plan.names.end()) {
      plan.names.push_back(*name);
    }
  }
  if (IsCaKind(p.kind)) {
    if (plan.subject.common_name.empty()) {
      return Fail(Code::kInvalidArgument, "a CA certificate needs a Common Name (--name)");
    }
    if (!plan.names.empty()) {
      return Fail(Code::kInvalidArgument, "a CA certificate carries no subjectAltName names");
    }
    if (p.path_length && *p.path_length < 0) {
      return Fail(Code::kInvalidArgument, "the path length must be 0 or more");
    }
  } else if (p.path_length) {
    return Fail(Code::kInvalidArgument,
                "a path length applies only to CA certificates, not to a " +
                    std::string(KindName(p.kind)) + " certificate");
  }
  if (p.kind == CertificateKind::kServer) {
    // The Common Name, when given, must be one of the names, and is in the SAN too.
    if (!plan.subject.common_name.empty()) {
      auto cn = ParseAltName(plan.subject.common_name);
      if (!cn) {
        return Fail(Code::kInvalidArgument,
                    "the Common Name of a server certificate must be its host name or IP "
                    "address; " + cn.error().detail);
      }
      plan.subject.common_name = cn->value;
      if (std::find(plan.names.begin(), plan.names.end(), *cn) == plan.names.end()) {
        plan.names.insert(plan.names.begin(), *cn);
      }
    }
    if (plan.names.empty()) {
      return Fail(Code::kInvalidArgument,
                  "a server certificate needs at least one DNS name or IP address");
    }
    if (plan.subject.common_name.empty() && plan.names.front().value.size() <= 64) {
      plan.subject.common_name = plan.names.front().value;
    }
  } else if (!IsCaKind(p.kind) && plan.subject.common_name.empty()) {
    if (plan.names.empty()) {
      return Fail(Code::kInvalidArgument, "a " + std::string(KindName(p.kind)) +
                                              " certificate needs a Common Name or a name");
    }
    if (plan.names.front().value.size() <= 64) plan.subject.common_name = plan.names.front().value;
  }

  int d = p.days.value_or(DefaultDays(p.kind));
  if (d < 1 || d > kMaxDays) {
    return Fail(Code::kInvalidArgument, "the validity must be 1 to " + std::to_string(kMaxDays) +
                                            " days, not " + std::to_string(d));
  }
  plan.not_after = r.not_before + days(d);
  if (issuer && plan.not_after > issuer->NotAfter()) {
    if (p.days) {
      return Fail(Code::kInvalidArgument,
                  "a validity of " + std::to_string(d) + " days would end after the issuer \"" +
                      issuer->IssuedTo() + "\" expires (" + FormatIso8601(issuer->NotAfter()) +
                      "); choose fewer days");
    }
    plan.not_after = issuer->NotAfter();
  }
  if (plan.not_after <= r.not_before) {
    return Fail(Code::kInvalidArgument, "the issuer \"" + (issuer ? issuer->IssuedTo() : "") +
                                            "\" expires before the new certificate would start");
  }
  return plan;
}

Status AddConfExtension(X509* x, X509V3_CTX* ctx, int nid, const std::string& value) {
  ossl::X509ExtPtr ext(X509V3_EXT_conf_nid(nullptr, ctx, nid, value.c_str()));
  if (!ext || X509_add_ext(x, ext.get(), -1) != 1) {
    return ossl::FailWithQueue(Code::kInternal,
                               std::string("building the ") + OBJ_nid2ln(nid) + " extension failed");
  }
  return {};
}

std::string KeyUsageFor(CertificateKind kind, const EVP_PKEY* subject_key) {
  if (IsCaKind(kind)) return "critical,keyCertSign,cRLSign";
  if (EVP_PKEY_get_base_id(subject_key) == EVP_PKEY_RSA) {
    return "critical,digitalSignature,keyEncipherment";
  }
  return "critical,digitalSignature";
}

const char* ExtendedKeyUsageFor(CertificateKind kind) {
  switch (kind) {
    case CertificateKind::kServer: return "serverAuth";
    case CertificateKind::kDevice: return "serverAuth,clientAuth";
    case CertificateKind::kClient: return "clientAuth";
    default: return nullptr;
  }
}

Status SetTime(X509* x, TimePoint t, bool not_before) {
  ossl::Asn1TimePtr asn(ASN1_TIME_set(nullptr, static_cast<time_t>(t.time_since_epoch().count())));
  int ok = !asn ? 0 : not_before ? X509_set1_notBefore(x, asn.get()) : X509_set1_notAfter(x, asn.get());
  if (ok != 1) return ossl::FailWithQueue(Code::kInvalidArgument, "the validity dates cannot be encoded");
  return {};
}

}  // namespace

std::string_view KindName(CertificateKind kind) {
  switch (kind) {
    case CertificateKind::kRootCa: return "root CA";
    case CertificateKind::kIntermediateCa: return "intermediate CA";
    case CertificateKind::kServer: return "server";
    case CertificateKind::kDevice: return "device";
    case CertificateKind::kClient: return "client";
  }
  return "server";
}

bool IsCaKind(CertificateKind kind) {
  return kind == CertificateKind::kRootCa || kind == CertificateKind::kIntermediateCa;
}

int DefaultDays(CertificateKind kind) { return IsCaKind(kind) ? kDefaultCaDays : kDefaultLeafDays; }

const EVP_MD* SigningDigest(const EVP_PKEY* key) {
  int id = EVP_PKEY_get_base_id(key);
  if (id == EVP_PKEY_ED25519 || id == EVP_PKEY_ED448) return nullptr;
  return EVP_sha256();
}

Result<Certificate> Issue(const IssueRequest& request, const PrivateKey& subject_key,
                          const Certificate* issuer, const PrivateKey& issuer_key) {
  return Issue(request, PublicKey::Of(subject_key), issuer, issuer_key);
}

Result<Certificate> Issue(const IssueRequest& request, const PublicKey& subject_key,
                          const Certificate* issuer, const PrivateKey& issuer_key) {
  const CertificateKind kind = request.profile.kind;
  if (issuer) {
    if (auto st = CheckIssuer(kind, *issuer, issuer_key); !st) return std::unexpected(st.error());
  } else if (EVP_PKEY_eq(subject_key.native(), issuer_key.native()) != 1) {
    return Fail(Code::kKeyMismatch,
                "a self-signed certificate must be signed with its own key; the signing key is "
                "another key");
  }
  if (kind == CertificateKind::kRootCa && issuer) {
    return Fail(Code::kInvalidArgument, "a root CA is self-signed; it takes no issuer");
  }
  if (kind == CertificateKind::kIntermediateCa && !issuer) {
    return Fail(Code::kInvalidArgument, "an intermediate CA needs an issuer (the root CA)");
  }
  auto plan = MakePlan(request, issuer);
  if (!plan) return std::unexpected(plan.error());

  ossl::X509Ptr x(X509_new());
  if (!x || X509_set_version(x.get(), X509_VERSION_3) != 1) {
    return ossl::FailWithQueue(Code::kInternal, "allocating a certificate failed");
  }
  auto serial = RandomSerial();
  if (!serial) return std::unexpected(serial.error());
  auto subject = ToX509Name(plan->subject);
  if (!subject) return std::unexpected(subject.error());
  const X509_NAME* issuer_name = issuer ? X509_get_subject_name(issuer->native()) : subject->get();
  if (X509_set_serialNumber(x.get(), serial->get()) != 1 ||
      X509_set_subject_name(x.get(), subject->get()) != 1 ||
      X509_set_issuer_name(x.get(), issuer_name) != 1 ||
      X509_set_pubkey(x.get(), subject_key.native()) != 1) {
    return ossl::FailWithQueue(Code::kInternal, "filling in the certificate failed");
  }
  if (auto st = SetTime(x.get(), request.not_before, true); !st) return std::unexpected(st.error());
  if (auto st = SetTime(x.get(), plan->not_after, false); !st) return std::unexpected(st.error());

  X509V3_CTX ctx;
  X509V3_set_ctx(&ctx, issuer ? issuer->native() : x.get(), x.get(), nullptr, nullptr, 0);
  std::string bc = IsCaKind(kind) ? "critical,CA:TRUE" : "critical,CA:FALSE";
  if (IsCaKind(kind) && request.profile.path_length) {
    bc += ",pathlen:" + std::to_string(*request.profile.path_length);
  }
  std::vector<std::pair<int, std::string>> exts = {
      {NID_basic_constraints, bc},
      {NID_key_usage, KeyUsageFor(kind, subject_key.native())},
  };
  if (const char* eku = ExtendedKeyUsageFor(kind)) exts.emplace_back(NID_ext_key_usage, eku);
  exts.emplace_back(NID_subject_key_identifier, "hash");
  exts.emplace_back(NID_authority_key_identifier, "keyid:always");
  for (const auto& [nid, value] : exts) {
    if (auto st = AddConfExtension(x.get(), &ctx, nid, value); !st) return std::unexpected(st.error());
  }
  if (!plan->names.empty()) {
    auto gens = ToGeneralNames(plan->names);
    if (!gens) return std::unexpected(gens.error());
    // Critical only when the subject is empty (RFC 5280 4.2.1.6).
    int critical = X509_NAME_entry_count(subject->get()) == 0 ? 1 : 0;
    if (X509_add1_ext_i2d(x.get(), NID_subject_alt_name, gens->get(), critical, X509V3_ADD_DEFAULT) != 1) {
      return ossl::FailWithQueue(Code::kInternal, "adding the subjectAltName failed");
    }
  }
  if (X509_sign(x.get(), issuer_key.native(), SigningDigest(issuer_key.native())) <= 0) {
    return ossl::FailWithQueue(Code::kInternal, "signing the certificate failed");
  }
  return Certificate::Adopt(std::move(x));
}

}  // namespace phonecert::ca
