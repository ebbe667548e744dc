#include "base/error.h"

namespace phonecert {

std::string_view CodeName(Code code) {
  switch (code) {
    case Code::kOk: return "ok";
    case Code::kEmptyInput: return "parse.empty_input";
    case Code::kTooLarge: return "parse.too_large";
    case Code::kNotCertificate: return "parse.not_a_certificate";
    case Code::kTruncatedPem: return "parse.truncated_pem";
    case Code::kBadPem: return "parse.bad_pem";
    case Code::kTrailingGarbage: return "parse.trailing_garbage";
    case Code::kMalformed: return "parse.malformed";
    case Code::kPasswordRequired: return "parse.password_required";
    case Code::kWrongPassword: return "parse.wrong_password";
    case Code::kUnsupportedKeyType: return "parse.unsupported_key_type";
    case Code::kMultipleKeys: return "parse.multiple_keys";
    case Code::kIoError: return "io.error";
    case Code::kNotFound: return "io.not_found";
    case Code::kLocked: return "io.locked";
    case Code::kTrustStoreFull: return "trust.store_full";
    case Code::kDuplicate: return "trust.duplicate";
    case Code::kNoSuchCertificate: return "trust.no_such_certificate";
    case Code::kNoPrivateKey: return "identity.no_private_key";
    case Code::kKeyMismatch: return "identity.key_mismatch";
    case Code::kCaAsLeaf: return "identity.ca_as_leaf";
    case Code::kExpired: return "identity.expired";
    case Code::kNoPendingKey: return "identity.no_pending_key";
    case Code::kInvalidMac: return "identity.invalid_mac";
    case Code::kNoIdentity: return "identity.none";
    case Code::kNotYetValid: return "identity.not_yet_valid";
    case Code::kUnknownKey: return "settings.unknown_key";
    case Code::kInvalidValue: return "settings.invalid_value";
    case Code::kBadConfigFile: return "settings.bad_config_file";
    case Code::kNotTrusted: return "verify.not_trusted";
    case Code::kTlsError: return "tls.error";
    case Code::kConnectFailed: return "tls.connect_failed";
    case Code::kFetchFailed: return "provisioning.fetch_failed";
    case Code::kProvisioningFailed: return "provisioning.failed";
    case Code::kUnauthorized: return "web.unauthorized";
    case Code::kForbidden: return "web.forbidden";
    case Code::kRateLimited: return "web.rate_limited";
    case Code::kExists: return "ca.exists";
    case Code::kInvalidArgument: return "invalid_argument";
    case Code::kUsage: return "usage";
    case Code::kInternal: return "internal";
  }
  return "internal";
}

std::string Error::ToString() const {
  std::string out{CodeName(code)};
  out += ": ";
  out += detail;
  return out;
}

int ExitCodeFor(Code code) {
  if (code == Code::kOk) return 0;
  if (code == Code::kUsage) return 2;
  return 1;
}

int HttpStatusFor(Code code) {
  switch (code) {
    case Code::kOk: return 200;
    case Code::kUnauthorized: return 401;
    case Code::kForbidden: return 403;
    case Code::kRateLimited: return 429;
    case Code::kNotFound:
    case Code::kNoSuchCertificate: return 404;
    case Code::kLocked:
    case Code::kDuplicate:
    case Code::kExists: return 409;
    case Code::kTooLarge: return 413;
    case Code::kIoError:
    case Code::kInternal: return 500;
    case Code::kFetchFailed:
    case Code::kProvisioningFailed:
    case Code::kConnectFailed:
    case Code::kTlsError: return 502;
    default: return 400;
  }
}

}  // namespace phonecert
