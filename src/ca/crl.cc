#include "ca/crl.h"

#include <openssl/pem.h>

#include <chrono>

#include "ca/issue.h"
#include "ca/serial.h"
#include "ossl/bio.h"
#include "ossl/error.h"

namespace phonecert::ca {
namespace {

using RevokedPtr = std::unique_ptr<X509_REVOKED, ossl::Deleter<X509_REVOKED_free>>;

ossl::Asn1TimePtr ToAsn1(TimePoint t) {
  return ossl::Asn1TimePtr(ASN1_TIME_set(nullptr, static_cast<time_t>(t.time_since_epoch().count())));
}

}  // namespace

Result<std::string> MakeCrl(const CrlRequest& request, const Certificate& issuer,
                            const PrivateKey& issuer_key) {
  X509* ix = issuer.native();
  if (!issuer.IsCa()) {
    return Fail(Code::kInvalidArgument, "\"" + issuer.IssuedTo() + "\" is not a CA; it cannot sign a CRL");
  }
  if ((X509_get_key_usage(ix) & KU_CRL_SIGN) == 0) {
    return Fail(Code::kInvalidArgument,
                "\"" + issuer.IssuedTo() + "\" has a keyUsage without cRLSign; it cannot sign a CRL");
  }
  if (!issuer_key.Matches(issuer)) {
    return Fail(Code::kKeyMismatch, "the key is not the key of \"" + issuer.IssuedTo() + "\"");
  }
  if (request.next_update_days < 1 || request.next_update_days > kMaxDays) {
    return Fail(Code::kInvalidArgument, "the next update must be 1 to " + std::to_string(kMaxDays) +
                                            " days ahead");
  }
  ossl::X509CrlPtr crl(X509_CRL_new());
  ossl::Asn1TimePtr last = ToAsn1(request.this_update);
  ossl::Asn1TimePtr next =
      ToAsn1(request.this_update + std::chrono::days(request.next_update_days));
  if (!crl || !last || !next || X509_CRL_set_version(crl.get(), X509_CRL_VERSION_2) != 1 ||
      X509_CRL_set_issuer_name(crl.get(), X509_get_subject_name(ix)) != 1 ||
      X509_CRL_set1_lastUpdate(crl.get(), last.get()) != 1 ||
      X509_CRL_set1_nextUpdate(crl.get(), next.get()) != 1) {
    return ossl::FailWithQueue(Code::kInternal, "building the CRL failed");
  }
  for (const RevokedEntry& e : request.revoked) {
    auto serial = SerialFromHex(e.serial_hex);
    if (!serial) return std::unexpected(serial.error());
    RevokedPtr rev(X509_REVOKED_new());
    ossl::Asn1TimePtr when = ToAsn1(e.revoked_at);
    if (!rev || !when || X509_REVOKED_set_serialNumber(rev.get(), serial->get()) != 1 ||
        X509_REVOKED_set_revocationDate(rev.get(), when.get()) != 1 ||
        X509_CRL_add0_revoked(crl.get(), rev.get()) != 1) {
      return ossl::FailWithQueue(Code::kInternal, "adding serial " + e.serial_hex + " failed");
    }
    rev.release();  // owned by the CRL now
  }
  if (X509_CRL_sort(crl.get()) != 1) return ossl::FailWithQueue(Code::kInternal, "sorting the CRL failed");

  // authorityKeyIdentifier (keyid from the issuer's SKI) and cRLNumber.
  X509V3_CTX ctx;
  X509V3_set_ctx(&ctx, ix, nullptr, nullptr, crl.get(), 0);
  ossl::X509ExtPtr aki(X509V3_EXT_conf_nid(nullptr, &ctx, NID_authority_key_identifier, "keyid:always"));
  ossl::Asn1IntegerPtr number(ASN1_INTEGER_new());
  if (!aki || X509_CRL_add_ext(crl.get(), aki.get(), -1) != 1 || !number ||
      ASN1_INTEGER_set_uint64(number.get(), request.crl_number) != 1 ||
      X509_CRL_add1_ext_i2d(crl.get(), NID_crl_number, number.get(), 0, X509V3_ADD_DEFAULT) != 1) {
    return ossl::FailWithQueue(Code::kInternal, "adding the CRL extensions failed");
  }
  if (X509_CRL_sign(crl.get(), issuer_key.native(), SigningDigest(issuer_key.native())) <= 0) {
    return ossl::FailWithQueue(Code::kInternal, "signing the CRL failed");
  }
  ossl::BioPtr bio = ossl::WriteBio();
  if (PEM_write_bio_X509_CRL(bio.get(), crl.get()) != 1) {
    return ossl::FailWithQueue(Code::kInternal, "writing the CRL failed");
  }
  return ossl::BioContents(bio.get());
}

}  // namespace phonecert::ca
