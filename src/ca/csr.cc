#include "ca/csr.h"

#include <openssl/pem.h>

#include "base/mac.h"
#include "ca/names.h"
#include "ossl/bio.h"
#include "ossl/error.h"

namespace phonecert::ca {
namespace {

struct ExtStackFree {
  void operator()(STACK_OF(X509_EXTENSION) * s) const noexcept {
    sk_X509_EXTENSION_pop_free(s, X509_EXTENSION_free);
  }
};
using ExtStackPtr = std::unique_ptr<STACK_OF(X509_EXTENSION), ExtStackFree>;

Result<ossl::X509ReqPtr> ParseCsr(std::string_view data) {
  ossl::ClearErrors();
  ossl::X509ReqPtr req;
  if (data.find("-----BEGIN") != std::string_view::npos) {
    ossl::BioPtr bio = ossl::ReadBio(data);
    req.reset(PEM_read_bio_X509_REQ(bio.get(), nullptr, nullptr, nullptr));
  } else {
    const unsigned char* p = reinterpret_cast<const unsigned char*>(data.data());
    req.reset(d2i_X509_REQ(nullptr, &p, static_cast<long>(data.size())));
  }
  if (!req) {
    return ossl::FailWithQueue(Code::kMalformed,
                               "the file is not a certificate signing request (PKCS#10, PEM or DER)");
  }
  return req;
}

// Every subject entry other than CN, as "subject O = Example".
void NoteOtherSubjectFields(const X509_NAME* name, std::vector<std::string>& dropped) {
  for (int i = 0; i < X509_NAME_entry_count(name); ++i) {
    const X509_NAME_ENTRY* e = X509_NAME_get_entry(name, i);
    int nid = OBJ_obj2nid(X509_NAME_ENTRY_get_object(e));
    if (nid == NID_commonName) continue;
    const ASN1_STRING* v = X509_NAME_ENTRY_get_data(e);
    std::string text(reinterpret_cast<const char*>(ASN1_STRING_get0_data(v)),
                     static_cast<std::size_t>(ASN1_STRING_length(v)));
    dropped.push_back(std::string("subject ") + (nid != NID_undef ? OBJ_nid2sn(nid) : "?") +
                      " = " + text);
  }
}

// DNS and IP names from the requested subjectAltName; everything else is noted as dropped.
std::vector<std::string> RequestedNames(X509_REQ* req, std::vector<std::string>& dropped) {
  std::vector<std::string> names;
  ExtStackPtr exts(X509_REQ_get_extensions(req));
  if (!exts) return names;
  for (int i = 0; i < sk_X509_EXTENSION_num(exts.get()); ++i) {
    X509_EXTENSION* ext = sk_X509_EXTENSION_value(exts.get(), i);
    int nid = OBJ_obj2nid(X509_EXTENSION_get_object(ext));
    if (nid != NID_subject_alt_name) {
      dropped.push_back(std::string("requested extension ") +
                        (nid != NID_undef ? OBJ_nid2ln(nid) : "(unknown)"));
      continue;
    }
    ossl::GeneralNamesPtr gens(static_cast<GENERAL_NAMES*>(X509V3_EXT_d2i(ext)));
    if (!gens) {
      dropped.push_back("a subjectAltName that does not parse");
      continue;
    }
    for (int j = 0; j < sk_GENERAL_NAME_num(gens.get()); ++j) {
      const GENERAL_NAME* gn = sk_GENERAL_NAME_value(gens.get(), j);
      if (gn->type == GEN_DNS) {
        const ASN1_IA5STRING* s = gn->d.dNSName;
        names.emplace_back(reinterpret_cast<const char*>(ASN1_STRING_get0_data(s)),
                           static_cast<std::size_t>(ASN1_STRING_length(s)));
      } else if (gn->type == GEN_IPADD) {
        const ASN1_OCTET_STRING* s = gn->d.iPAddress;
        std::string ip = IpToString(ASN1_STRING_get0_data(s), ASN1_STRING_length(s));
        if (ip.empty()) {
          dropped.push_back("a malformed SAN IP address");
        } else {
          names.push_back(ip);
        }
      } else {
        const char* what = gn->type == GEN_EMAIL ? "email" : gn->type == GEN_URI ? "URI" : "other";
        dropped.push_back(std::string("SAN of type ") + what);
      }
    }
  }
  return names;
}

}  // namespace

Result<std::string> MakeCsr(const CsrRequest& request, const PrivateKey& key) {
  std::vector<AltName> names;
  for (const std::string& text : request.alt_names) {
    auto n = ParseAltName(text);
    if (!n) return std::unexpected(n.error());
    names.push_back(*n);
  }
  if (request.subject.common_name.empty() && names.empty()) {
    return Fail(Code::kInvalidArgument, "a request needs a Common Name or a name");
  }
  auto subject = ToX509Name(request.subject);
  if (!subject) return std::unexpected(subject.error());
  ossl::X509ReqPtr req(X509_REQ_new());
  if (!req || X509_REQ_set_version(req.get(), X509_REQ_VERSION_1) != 1 ||
      X509_REQ_set_subject_name(req.get(), subject->get()) != 1 ||
      X509_REQ_set_pubkey(req.get(), key.native()) != 1) {
    return ossl::FailWithQueue(Code::kInternal, "building the request failed");
  }
  if (!names.empty()) {
    auto gens = ToGeneralNames(names);
    if (!gens) return std::unexpected(gens.error());
    ExtStackPtr exts(sk_X509_EXTENSION_new_null());
    ossl::X509ExtPtr san(X509V3_EXT_i2d(NID_subject_alt_name, 0, gens->get()));
    if (!exts || !san || sk_X509_EXTENSION_push(exts.get(), san.get()) == 0) {
      return ossl::FailWithQueue(Code::kInternal, "building the requested subjectAltName failed");
    }
    san.release();  // owned by the stack now
    if (X509_REQ_add_extensions(req.get(), exts.get()) != 1) {
      return ossl::FailWithQueue(Code::kInternal, "adding the requested extensions failed");
    }
  }
  if (X509_REQ_sign(req.get(), key.native(), SigningDigest(key.native())) <= 0) {
    return ossl::FailWithQueue(Code::kInternal, "signing the request failed");
  }
  ossl::BioPtr bio = ossl::WriteBio();
  if (PEM_write_bio_X509_REQ(bio.get(), req.get()) != 1) {
    return ossl::FailWithQueue(Code::kInternal, "writing the request failed");
  }
  return ossl::BioContents(bio.get());
}

Result<SignedCsr> SignCsr(std::string_view csr, const CertificateProfile& profile,
                          TimePoint not_before, const Certificate& issuer,
                          const PrivateKey& issuer_key) {
  if (IsCaKind(profile.kind)) {
    return Fail(Code::kInvalidArgument,
                "a request can be signed as a server, device or client certificate, not as a CA");
  }
  auto req = ParseCsr(csr);
  if (!req) return std::unexpected(req.error());
  ossl::EvpPkeyPtr pub(X509_REQ_get_pubkey(req->get()));
  if (!pub) return ossl::FailWithQueue(Code::kMalformed, "the request holds no usable public key");
  ossl::ClearErrors();
  if (X509_REQ_verify(req->get(), pub.get()) != 1) {
    return ossl::FailWithQueue(Code::kMalformed,
                               "the request's signature does not verify with its own key");
  }
  auto subject_key = PublicKey::Adopt(std::move(pub));
  if (!subject_key) return std::unexpected(subject_key.error());

  std::vector<std::string> dropped;
  const X509_NAME* name = X509_REQ_get_subject_name(req->get());
  NoteOtherSubjectFields(name, dropped);
  std::string cn = CommonName(name);
  std::vector<std::string> requested = RequestedNames(req->get(), dropped);

  IssueRequest issue;
  issue.profile = profile;
  issue.not_before = not_before;
  for (const std::string& n : requested) {
    if (auto parsed = ParseAltName(n)) {
      issue.alt_names.push_back(parsed->value);
    } else {
      dropped.push_back("SAN \"" + n + "\" (not a DNS name or IP address)");
    }
  }
  switch (profile.kind) {
    case CertificateKind::kServer:
      if (!cn.empty()) {
        if (ParseAltName(cn)) {
          issue.subject.common_name = cn;
        } else {
          dropped.push_back("subject CN = " + cn + " (not a DNS name or IP address)");
        }
      }
      if (issue.subject.common_name.empty() && issue.alt_names.empty()) {
        return Fail(Code::kInvalidArgument,
                    "the request names no DNS name or IP address; a server certificate needs one");
      }
      break;
    case CertificateKind::kDevice: {
      auto mac = NormalizeMac(cn);
      if (!mac) {
        return Fail(Code::kInvalidMac, "a device certificate's Common Name is the phone's MAC; "
                                       "the request's Common Name: " + mac.error().detail);
      }
      issue.subject.common_name = *mac;
      break;
    }
    default:
      issue.subject.common_name = cn;
      break;
  }
  auto cert = Issue(issue, *subject_key, &issuer, issuer_key);
  if (!cert) return std::unexpected(cert.error());
  return SignedCsr{*cert, std::move(dropped)};
}

}  // namespace phonecert::ca
