#include "x509/describe.h"

#include <openssl/bn.h>
#include <openssl/x509v3.h>

#include <string_view>

#include "base/bytes.h"
#include "ossl/bio.h"
#include "ossl/error.h"
#include "x509/private_key.h"

namespace phonecert {
namespace {

std::string ObjText(const ASN1_OBJECT* obj, bool numeric) {
  char buf[128];
  OBJ_obj2txt(buf, sizeof buf, obj, numeric ? 1 : 0);
  return buf;
}

// Certificate text is attacker-controlled: keep valid UTF-8 (RFC 3629: no overlong forms, no
// surrogates) and escape control characters and stray bytes as \xNN, so JSON output (nlohmann
// throws on invalid UTF-8) and terminals (escape sequences) only ever get clean text.
std::string Displayable(std::string_view s) {
  auto in = [&](std::size_t i, unsigned lo, unsigned hi) {
    return i < s.size() && static_cast<unsigned char>(s[i]) >= lo &&
           static_cast<unsigned char>(s[i]) <= hi;
  };
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    std::size_t len = 0;
    if (c >= 0x20 && c < 0x7f) {
      len = 1;
    } else if (c >= 0xc2 && c <= 0xdf) {
      len = in(i + 1, 0x80, 0xbf) ? 2 : 0;
    } else if (c >= 0xe0 && c <= 0xef) {
      unsigned lo = c == 0xe0 ? 0xa0 : 0x80, hi = c == 0xed ? 0x9f : 0xbf;
      len = in(i + 1, lo, hi) && in(i + 2, 0x80, 0xbf) ? 3 : 0;
    } else if (c >= 0xf0 && c <= 0xf4) {
      unsigned lo = c == 0xf0 ? 0x90 : 0x80, hi = c == 0xf4 ? 0x8f : 0xbf;
      len = in(i + 1, lo, hi) && in(i + 2, 0x80, 0xbf) && in(i + 3, 0x80, 0xbf) ? 4 : 0;
    }
    if (len == 0) {
      static constexpr char kHex[] = "0123456789ABCDEF";
      out += "\\x";
      out += kHex[c >> 4];
      out += kHex[c & 0xf];
      ++i;
    } else {
      out.append(s.substr(i, len));
      i += len;
    }
  }
  return out;
}

std::string Asn1StringText(const ASN1_STRING* s) {
  return std::string(reinterpret_cast<const char*>(ASN1_STRING_get0_data(s)),
                     static_cast<std::size_t>(ASN1_STRING_length(s)));
}

std::string HexOf(const ASN1_STRING* s) {
  return ToColonHex({ASN1_STRING_get0_data(s), static_cast<std::size_t>(ASN1_STRING_length(s))});
}

std::string GeneralNameText(const GENERAL_NAME* gn) {
  switch (gn->type) {
    case GEN_DNS: return "DNS:" + Asn1StringText(gn->d.dNSName);
    case GEN_EMAIL: return "email:" + Asn1StringText(gn->d.rfc822Name);
    case GEN_URI: return "URI:" + Asn1StringText(gn->d.uniformResourceIdentifier);
    case GEN_IPADD: {
      const ASN1_OCTET_STRING* ip = gn->d.iPAddress;
      int len = ASN1_STRING_length(ip);
      if (len == 8 || len == 32) {  // name constraints: address + mask
        int half = len / 2;
        return "IP:" + IpToString(ASN1_STRING_get0_data(ip), half) + "/" +
               IpToString(ASN1_STRING_get0_data(ip) + half, half);
      }
      return "IP:" + IpToString(ASN1_STRING_get0_data(ip), len);
    }
    case GEN_DIRNAME: return "DirName:" + NameToString(gn->d.directoryName);
    case GEN_RID: return "RID:" + ObjText(gn->d.registeredID, true);
    case GEN_OTHERNAME: return "othername:" + ObjText(gn->d.otherName->type_id, true);
    default: return "other:" + std::to_string(gn->type);
  }
}

void AddGeneralNames(const GENERAL_NAMES* names, const std::string& prefix,
                     std::vector<std::string>& out) {
  for (int i = 0; names && i < sk_GENERAL_NAME_num(names); ++i) {
    out.push_back(prefix + GeneralNameText(sk_GENERAL_NAME_value(names, i)));
  }
}

// Values decoded by type for the extensions the phone cares about; false when not handled.
bool DecodeKnown(X509_EXTENSION* ext, int nid, std::vector<std::string>& out) {
  switch (nid) {
    case NID_basic_constraints: case NID_key_usage: case NID_ext_key_usage:
    case NID_subject_alt_name: case NID_issuer_alt_name: case NID_subject_key_identifier:
    case NID_authority_key_identifier: case NID_crl_distribution_points: case NID_info_access:
    case NID_certificate_policies: case NID_name_constraints:
      break;
    default:
      return false;  // known to OpenSSL or not: printed generically by the caller
  }
  void* decoded = X509V3_EXT_d2i(ext);
  if (!decoded) {
    ossl::ClearErrors();
    return false;
  }
  switch (nid) {
    case NID_basic_constraints: {
      ossl::BasicConstraintsPtr bc(static_cast<BASIC_CONSTRAINTS*>(decoded));
      out.push_back(bc->ca ? "CA:TRUE" : "CA:FALSE");
      if (bc->pathlen) out.push_back("pathlen:" + std::to_string(ASN1_INTEGER_get(bc->pathlen)));
      return true;
    }
    case NID_key_usage: {
      ASN1_BIT_STRING* ku = static_cast<ASN1_BIT_STRING*>(decoded);
      static constexpr const char* kNames[] = {
          "digitalSignature", "nonRepudiation", "keyEncipherment", "dataEncipherment",
          "keyAgreement",     "keyCertSign",    "cRLSign",         "encipherOnly",
          "decipherOnly"};
      for (int bit = 0; bit < 9; ++bit) {
        if (ASN1_BIT_STRING_get_bit(ku, bit)) out.push_back(kNames[bit]);
      }
      ASN1_BIT_STRING_free(ku);
      return true;
    }
    case NID_ext_key_usage: {
      ossl::ExtKeyUsagePtr eku(static_cast<EXTENDED_KEY_USAGE*>(decoded));
      for (int i = 0; i < sk_ASN1_OBJECT_num(eku.get()); ++i) {
        const ASN1_OBJECT* o = sk_ASN1_OBJECT_value(eku.get(), i);
        int onid = OBJ_obj2nid(o);
        out.push_back(onid != NID_undef ? OBJ_nid2sn(onid) : ObjText(o, true));
      }
      return true;
    }
    case NID_subject_alt_name:
    case NID_issuer_alt_name: {
      ossl::GeneralNamesPtr names(static_cast<GENERAL_NAMES*>(decoded));
      AddGeneralNames(names.get(), "", out);
      return true;
    }
    case NID_subject_key_identifier: {
      ossl::Asn1OctetStringPtr ski(static_cast<ASN1_OCTET_STRING*>(decoded));
      out.push_back(HexOf(ski.get()));
      return true;
    }
    case NID_authority_key_identifier: {
      ossl::AuthorityKeyIdPtr aki(static_cast<AUTHORITY_KEYID*>(decoded));
      if (aki->keyid) out.push_back("keyid:" + HexOf(aki->keyid));
      AddGeneralNames(aki->issuer, "issuer:", out);
      if (aki->serial) out.push_back("serial:" + HexOf(aki->serial));
      return true;
    }
    case NID_crl_distribution_points: {
      ossl::CrlDistPointsPtr dps(static_cast<CRL_DIST_POINTS*>(decoded));
      for (int i = 0; i < sk_DIST_POINT_num(dps.get()); ++i) {
        const DIST_POINT* dp = sk_DIST_POINT_value(dps.get(), i);
        if (dp->distpoint && dp->distpoint->type == 0) {
          AddGeneralNames(dp->distpoint->name.fullname, "", out);
        } else if (dp->distpoint) {
          out.push_back("relative name");
        }
        AddGeneralNames(dp->CRLissuer, "CRL issuer:", out);
      }
      return true;
    }
    case NID_info_access: {
      ossl::AuthorityInfoAccessPtr aia(static_cast<AUTHORITY_INFO_ACCESS*>(decoded));
      for (int i = 0; i < sk_ACCESS_DESCRIPTION_num(aia.get()); ++i) {
        const ACCESS_DESCRIPTION* ad = sk_ACCESS_DESCRIPTION_value(aia.get(), i);
        int mnid = OBJ_obj2nid(ad->method);
        std::string method = mnid == NID_ad_OCSP        ? "OCSP"
                             : mnid == NID_ad_ca_issuers ? "CA Issuers"
                                                         : ObjText(ad->method, true);
        out.push_back(method + " - " + GeneralNameText(ad->location));
      }
      return true;
    }
    case NID_certificate_policies: {
      ossl::CertificatePoliciesPtr pol(static_cast<CERTIFICATEPOLICIES*>(decoded));
      for (int i = 0; i < sk_POLICYINFO_num(pol.get()); ++i) {
        out.push_back("Policy: " + ObjText(sk_POLICYINFO_value(pol.get(), i)->policyid, true));
      }
      return true;
    }
    case NID_name_constraints: {
      ossl::NameConstraintsPtr nc(static_cast<NAME_CONSTRAINTS*>(decoded));
      for (int i = 0; i < sk_GENERAL_SUBTREE_num(nc->permittedSubtrees); ++i) {
        out.push_back("Permitted: " +
                      GeneralNameText(sk_GENERAL_SUBTREE_value(nc->permittedSubtrees, i)->base));
      }
      for (int i = 0; i < sk_GENERAL_SUBTREE_num(nc->excludedSubtrees); ++i) {
        out.push_back("Excluded: " +
                      GeneralNameText(sk_GENERAL_SUBTREE_value(nc->excludedSubtrees, i)->base));
      }
      return true;
    }
    default:
      return false;
  }
}

ExtensionDescription DescribeExtension(X509_EXTENSION* ext) {
  ExtensionDescription d;
  const ASN1_OBJECT* obj = X509_EXTENSION_get_object(ext);
  d.oid = ObjText(obj, true);
  int nid = OBJ_obj2nid(obj);
  d.name = nid != NID_undef ? OBJ_nid2ln(nid) : d.oid;
  d.critical = X509_EXTENSION_get_critical(ext) != 0;
  if (DecodeKnown(ext, nid, d.values)) return d;
  ossl::BioPtr bio = ossl::WriteBio();
  if (X509V3_EXT_print(bio.get(), ext, 0, 0) == 1) {
    std::string text = ossl::BioContents(bio.get());
    std::size_t start = 0;
    while (start < text.size()) {
      std::size_t nl = text.find('\n', start);
      std::string line = text.substr(start, nl == std::string::npos ? std::string::npos : nl - start);
      std::size_t b = line.find_first_not_of(' ');
      if (b != std::string::npos) d.values.push_back(line.substr(b));
      if (nl == std::string::npos) break;
      start = nl + 1;
    }
    return d;
  }
  ossl::ClearErrors();
  d.known = false;
  d.values.push_back("DER:" + ToHex({ASN1_STRING_get0_data(X509_EXTENSION_get_data(ext)),
                                     static_cast<std::size_t>(
                                         ASN1_STRING_length(X509_EXTENSION_get_data(ext)))}));
  return d;
}

std::string SerialText(const ASN1_INTEGER* serial) {
  ossl::BignumPtr bn(ASN1_INTEGER_to_BN(serial, nullptr));
  if (!bn) return {};
  std::string bytes(static_cast<std::size_t>(BN_num_bytes(bn.get())), '\0');
  BN_bn2bin(bn.get(), reinterpret_cast<unsigned char*>(bytes.data()));
  if (bytes.empty()) bytes.push_back('\0');
  std::string out = ToColonHex(AsBytes(bytes));
  return BN_is_negative(bn.get()) ? "-" + out : out;
}

PublicKeyDescription DescribePublicKey(const EVP_PKEY* key) {
  PublicKeyDescription d;
  if (!key) return d;
  d.summary = DescribeKey(key);
  d.bits = EVP_PKEY_get_bits(key);
  auto space = d.summary.find(' ');
  d.algorithm = d.summary.substr(0, space);
  if (d.algorithm == "EC" && space != std::string::npos) d.curve = d.summary.substr(space + 1);
  return d;
}

}  // namespace

CertificateDescription Describe(const Certificate& cert) {
  X509* x = cert.native();
  CertificateDescription d;
  d.version = cert.Version();
  d.serial = SerialText(X509_get0_serialNumber(x));
  d.signature_algorithm = OBJ_nid2ln(X509_get_signature_nid(x));
  d.issuer = cert.Issuer();
  d.subject = cert.Subject();
  d.not_before = FormatIso8601(cert.NotBefore());
  d.not_after = FormatIso8601(cert.NotAfter());
  d.public_key = DescribePublicKey(X509_get0_pubkey(x));
  const ASN1_BIT_STRING* iuid = nullptr;
  const ASN1_BIT_STRING* suid = nullptr;
  X509_get0_uids(x, &iuid, &suid);
  if (iuid) d.issuer_unique_id = HexOf(iuid);
  if (suid) d.subject_unique_id = HexOf(suid);
  for (int i = 0; i < X509_get_ext_count(x); ++i) {
    d.extensions.push_back(DescribeExtension(X509_get_ext(x, i)));
  }
  const ASN1_BIT_STRING* sig = nullptr;
  X509_get0_signature(&sig, nullptr, x);
  if (sig) d.signature = ToHex({ASN1_STRING_get0_data(sig),
                                static_cast<std::size_t>(ASN1_STRING_length(sig))});
  d.sha1_fingerprint = cert.Sha1Fingerprint();
  d.sha256_fingerprint = cert.Sha256Fingerprint();
  d.issued_to = cert.IssuedTo();
  d.issued_by = cert.IssuedBy();
  d.expiration = FormatDate(cert.NotAfter());
  for (std::string* text : {&d.subject, &d.issuer, &d.issued_to, &d.issued_by}) {
    *text = Displayable(*text);
  }
  for (auto& e : d.extensions) {
    for (auto& v : e.values) v = Displayable(v);
  }
  return d;
}

nlohmann::json ToJson(const CertificateDescription& d) {
  nlohmann::json exts = nlohmann::json::array();
  for (const auto& e : d.extensions) {
    exts.push_back({{"oid", e.oid},
                    {"name", e.name},
                    {"critical", e.critical},
                    {"known", e.known},
                    {"values", e.values}});
  }
  nlohmann::json j = {
      {"version", d.version},
      {"serial", d.serial},
      {"signature_algorithm", d.signature_algorithm},
      {"issuer", d.issuer},
      {"validity", {{"not_before", d.not_before}, {"not_after", d.not_after}}},
      {"subject", d.subject},
      {"public_key",
       {{"algorithm", d.public_key.algorithm},
        {"bits", d.public_key.bits},
        {"curve", d.public_key.curve},
        {"summary", d.public_key.summary}}},
      {"issuer_unique_id", d.issuer_unique_id ? nlohmann::json(*d.issuer_unique_id) : nullptr},
      {"subject_unique_id", d.subject_unique_id ? nlohmann::json(*d.subject_unique_id) : nullptr},
      {"extensions", exts},
      {"signature", {{"algorithm", d.signature_algorithm}, {"value", d.signature}}},
      {"fingerprints", {{"sha1", d.sha1_fingerprint}, {"sha256", d.sha256_fingerprint}}},
      {"summary",
       {{"issued_to", d.issued_to}, {"issued_by", d.issued_by}, {"expiration", d.expiration}}},
  };
  return j;
}

std::string ToText(const CertificateDescription& d) {
  std::string o;
  auto line = [&](const std::string& label, const std::string& value) {
    o += "  " + label;
    if (label.size() < 20) o.append(20 - label.size(), ' ');
    o += value + "\n";
  };
  line("Issued To:", d.issued_to);
  line("Issued By:", d.issued_by);
  line("Expiration:", d.expiration);
  o += "\n";
  line("Version:", std::to_string(d.version));
  line("Serial:", d.serial);
  line("Signature alg.:", d.signature_algorithm);
  line("Subject:", d.subject);
  line("Issuer:", d.issuer);
  line("Not before:", d.not_before);
  line("Not after:", d.not_after);
  line("Public key:", d.public_key.summary);
  if (d.issuer_unique_id) line("Issuer UID:", *d.issuer_unique_id);
  if (d.subject_unique_id) line("Subject UID:", *d.subject_unique_id);
  if (!d.extensions.empty()) {
    o += "  Extensions:\n";
    for (const auto& e : d.extensions) {
      o += "    " + e.name + (e.name != e.oid ? " (" + e.oid + ")" : "") +
           (e.critical ? " [critical]" : "") + "\n";
      for (const auto& v : e.values) o += "        " + v + "\n";
    }
  }
  line("SHA-256:", d.sha256_fingerprint);
  line("SHA-1:", d.sha1_fingerprint);
  std::string sig = d.signature.size() > 32 ? d.signature.substr(0, 32) + "..." : d.signature;
  line("Signature:", sig + " (" + std::to_string(d.signature.size() / 2) + " bytes)");
  return o;
}

}  // namespace phonecert
