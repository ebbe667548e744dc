#pragma once
// Errors as values: a stable code (grouped by area) plus a human sentence.
// The code decides the CLI exit code, the HTTP status and the log key; the detail is for people
// and nobody parses it.
#include <expected>
#include <optional>
#include <string>
#include <string_view>

namespace phonecert {

enum class Code {
  kOk = 0,
  // parse: reading certificates and keys
  kEmptyInput,
  kTooLarge,
  kNotCertificate,
  kTruncatedPem,
  kBadPem,
  kTrailingGarbage,
  kMalformed,
  kPasswordRequired,
  kWrongPassword,
  kUnsupportedKeyType,
  kMultipleKeys,
  // io
  kIoError,
  kNotFound,
  kLocked,
  // trust store
  kTrustStoreFull,
  kDuplicate,
  kNoSuchCertificate,
  // identity
  kNoPrivateKey,
  kKeyMismatch,
  kCaAsLeaf,
  kExpired,
  kNoPendingKey,
  kInvalidMac,
  kNoIdentity,
  kNotYetValid,
  // settings
  kUnknownKey,
  kInvalidValue,
  kBadConfigFile,
  // verification and TLS
  kNotTrusted,
  kTlsError,
  kConnectFailed,
  // provisioning
  kFetchFailed,
  kProvisioningFailed,
  // web
  kUnauthorized,
  kForbidden,
  kRateLimited,
  // CA toolkit
  kExists,
  kInvalidArgument,
  // generic
  kUsage,
  kInternal,
};

// Stable machine name such as "parse.too_large"; never changes once released.
std::string_view CodeName(Code code);

struct Error {
  Code code = Code::kInternal;
  std::string detail;                     // one human sentence naming the reason
  std::optional<int> certificate_index;   // 0-based index in the input, when it applies

  // "too_large: the file is 6.2 MB; the limit is 5 MB"
  std::string ToString() const;
};

template <class T>
using Result = std::expected<T, Error>;
using Status = std::expected<void, Error>;

inline std::unexpected<Error> Fail(Code code, std::string detail) {
  return std::unexpected(Error{code, std::move(detail), std::nullopt});
}

// Process exit code for a CLI command that ended with this error:
// 2 for usage errors, 1 for refused input or any other failure.
int ExitCodeFor(Code code);

// HTTP status for the web API.
int HttpStatusFor(Code code);

}  // namespace phonecert
