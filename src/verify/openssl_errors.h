#pragma once
// Maps an OpenSSL X509_V_ERR_* code (as reported by X509_verify_cert for one certificate) to our
// stable Reason and a sentence fragment that follows the certificate's label.
#include <string>

#include "verify/reason.h"

namespace phonecert {

struct MappedError {
  Reason reason = Reason::kInternal;
  std::string what;  // "is not signed by its issuer's key"
};

MappedError MapX509Error(int x509_v_err);

// True for the validity-period errors the verifier checks itself (inclusively, RFC 5280).
bool IsCertificateTimeError(int x509_v_err);

}  // namespace phonecert
