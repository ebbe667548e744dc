// CustomIdentityStore::CreatePendingCsr: on-device key generation for a custom device
// certificate. The key is written to pending.key (0600) and never leaves the device; only the
// PKCS#10 request goes to the administrator's CA.
#include "base/file_io.h"
#include "ca/csr.h"
#include "identity/custom_identity_store.h"

namespace phonecert {

Result<PendingCsr> CustomIdentityStore::CreatePendingCsr(const DeviceCsrRequest& request) {
  if (request.common_name.empty()) {
    return Fail(Code::kInvalidArgument, "a certificate request needs a Common Name (--cn)");
  }
  auto key = ca::GenerateKey(request.key_type);
  if (!key) return std::unexpected(key.error());
  ca::CsrRequest csr;
  csr.subject.common_name = request.common_name;
  csr.alt_names = request.alt_names;
  auto pem = ca::MakeCsr(csr, *key);
  if (!pem) return std::unexpected(pem.error());

  std::error_code ec;
  std::filesystem::create_directories(dir(), ec);
  if (ec) return Fail(Code::kIoError, "cannot create " + dir().string() + ": " + ec.message());
  bool replaced = std::filesystem::exists(pending_key_file(), ec);
  // The request is written after the key: a request on disk always has its key.
  if (auto s = WriteFileAtomic(pending_key_file(), key->ToPkcs8PemForStorage(), {.mode = 0600});
      !s) {
    return std::unexpected(s.error());
  }
  if (auto s = WriteFileAtomic(pending_csr_file(), *pem, {.mode = 0644}); !s) {
    return std::unexpected(s.error());
  }
  return PendingCsr{*pem, key->Describe(), replaced};
}

}  // namespace phonecert
