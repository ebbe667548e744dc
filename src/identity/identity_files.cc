#include "identity/identity_files.h"

#include "base/file_io.h"
#include "x509/load.h"

namespace phonecert {

namespace {

// The same error, its detail prefixed with the file it is about.
std::unexpected<Error> About(const std::filesystem::path& file, Error e) {
  e.detail = file.string() + ": " + e.detail;
  return std::unexpected(std::move(e));
}

}  // namespace

Result<CertificatesAndKey> LoadCertificatesAndKey(const std::filesystem::path& cert_file,
                                                  const std::filesystem::path& key_file) {
  auto certs = LoadCertificatesFile(cert_file);
  if (!certs) return About(cert_file, certs.error());
  auto key = LoadFile(key_file);
  if (!key) return About(key_file, key.error());
  if (!key->key) return Fail(Code::kNoPrivateKey, key_file.string() + " holds no private key");
  return CertificatesAndKey{std::move(certs->certificates), std::move(*key->key)};
}

Result<Identity> LoadIdentityFiles(IdentityKind kind, const std::filesystem::path& chain_pem,
                                   const std::filesystem::path& key_pem) {
  std::error_code ec;
  for (const auto& p : {chain_pem, key_pem}) {
    if (!std::filesystem::exists(p, ec)) return Fail(Code::kNotFound, p.string() + " is missing");
  }
  auto loaded = LoadCertificatesAndKey(chain_pem, key_pem);
  if (!loaded) return std::unexpected(loaded.error());
  Certificate leaf = loaded->certificates.front();
  std::vector<Certificate> rest(loaded->certificates.begin() + 1, loaded->certificates.end());
  return MakeIdentity(kind, std::move(leaf), std::move(rest), loaded->key);
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
