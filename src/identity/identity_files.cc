#include "identity/identity_files.h"

#include "base/file_io.h"
#include "x509/load.h"

namespace phonecert {

Result<Identity> LoadIdentityFiles(IdentityKind kind, const std::filesystem::path& chain_pem,
                                   const std::filesystem::path& key_pem) {
  std::error_code ec;
  for (const auto& p : {chain_pem, key_pem}) {
    if (!std::filesystem::exists(p, ec)) return Fail(Code::kNotFound, p.string() + " is missing");
  }
  auto chain = LoadCertificatesFile(chain_pem);
  if (!chain) {
    Error e = chain.error();
    e.detail = chain_pem.string() + ": " + e.detail;
    return std::unexpected(e);
  }
  auto key = LoadFile(key_pem);
  if (!key) {
    Error e = key.error();
    e.detail = key_pem.string() + ": " + e.detail;
    return std::unexpected(e);
  }
  if (!key->key) return Fail(Code::kNoPrivateKey, key_pem.string() + " holds no private key");
  Certificate leaf = chain->certificates.front();
  std::vector<Certificate> rest(chain->certificates.begin() + 1, chain->certificates.end());
  return MakeIdentity(kind, std::move(leaf), std::move(rest), *key->key);
}

Status WriteIdentityFiles(const Identity& identity, const std::filesystem::path& chain_pem,
                          const std::filesystem::path& key_pem) {
  if (auto s = WriteFileAtomic(key_pem, identity.key.ToPkcs8PemForStorage(), {.mode = 0600});
      !s) {
    return s;
  }
  std::string pem = identity.leaf.Pem() + ToPem(identity.chain);
  return WriteFileAtomic(chain_pem, pem, {.mode = 0644});
}

Status RemoveIfExists(const std::filesystem::path& path) {
  std::error_code ec;
  std::filesystem::remove(path, ec);
  if (ec) return Fail(Code::kIoError, "cannot remove " + path.string() + ": " + ec.message());
  return {};
}

}  // namespace phonecert
