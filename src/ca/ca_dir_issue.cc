// CaDirectory: issuing servers and devices, and signing requests.
#include "base/mac.h"
#include "ca/ca_dir.h"
#include "ca/ca_dir_files.h"
#include "ca/csr.h"
#include "ca/names.h"
#include "ca/pkcs12.h"
#include "x509/load.h"

namespace phonecert::ca {
namespace fs = std::filesystem;
using internal::PendingFile;

namespace {

// The stem of a signed request's files: the device's MAC, else the server's first name.
Result<std::string> StemOf(const Certificate& cert, CertificateKind kind) {
  if (kind == CertificateKind::kDevice) return cert.SubjectCommonName();
  std::string first = cert.SubjectCommonName();
  if (first.empty()) {
    auto dns = cert.DnsNames();
    auto ips = cert.IpAddresses();
    first = !dns.empty() ? dns.front() : !ips.empty() ? ips.front() : std::string();
  }
  auto name = ParseAltName(first);
  if (!name) return std::unexpected(name.error());
  return FileStem(*name);
}

}  // namespace

Result<Issued> CaDirectory::IssueServer(const ServerOptions& o, TimePoint now) const {
  auto name = ParseAltName(o.name);
  if (!name) return std::unexpected(name.error());
  std::string stem = FileStem(*name);
  if (auto st = internal::CheckStem(stem); !st) return std::unexpected(st.error());
  auto lock = internal::LockCaDir(dir_);
  if (!lock) return std::unexpected(lock.error());
  std::vector<fs::path> paths = {dir_ / (stem + ".key"), dir_ / (stem + ".pem"),
                                 dir_ / (stem + "-fullchain.pem")};
  if (auto st = internal::RefuseExisting(paths, o.force); !st) return std::unexpected(st.error());

  auto key = GenerateKey(o.key);
  if (!key) return std::unexpected(key.error());
  IssueRequest r;
  r.profile.kind = CertificateKind::kServer;
  r.profile.days = o.days;
  r.alt_names.push_back(name->value);
  r.alt_names.insert(r.alt_names.end(), o.alt_names.begin(), o.alt_names.end());
  r.not_before = now - kBackdate;
  auto cert = Issue(r, *key, &issuer(), issuer_key());
  if (!cert) return std::unexpected(cert.error());

  std::vector<Certificate> full = {*cert};
  for (const Certificate& c : chain()) full.push_back(c);
  std::vector<PendingFile> files = {
      {paths[0], key->ToPkcs8PemForStorage(), FileRole::kServerKey, 0600},
      {paths[1], cert->Pem(), FileRole::kServerCertificate, 0644},
      {paths[2], ToPem(full), FileRole::kServerFullChain, 0644}};
  Issued out{*cert, {}, {}};
  if (auto st = internal::WriteAll(files, out.files); !st) return std::unexpected(st.error());
  if (auto st = Record(*cert, CertificateKind::kServer, name->value); !st) {
    return std::unexpected(st.error());
  }
  return out;
}

Result<Issued> CaDirectory::IssueDevice(const DeviceOptions& o, TimePoint now) const {
  auto mac = NormalizeMac(o.mac);
  if (!mac) return std::unexpected(mac.error());
  auto lock = internal::LockCaDir(dir_);
  if (!lock) return std::unexpected(lock.error());
  std::vector<fs::path> paths = {dir_ / (*mac + ".key"), dir_ / (*mac + ".pem"),
                                 dir_ / (*mac + "-bundle.pem")};
  if (o.pkcs12_password) paths.push_back(dir_ / (*mac + ".p12"));
  if (auto st = internal::RefuseExisting(paths, o.force); !st) return std::unexpected(st.error());

  auto key = GenerateKey(o.key);
  if (!key) return std::unexpected(key.error());
  IssueRequest r;
  r.profile.kind = CertificateKind::kDevice;
  r.profile.days = o.days;
  r.subject.common_name = *mac;
  r.alt_names = o.alt_names;
  r.not_before = now - kBackdate;
  auto cert = Issue(r, *key, &issuer(), issuer_key());
  if (!cert) return std::unexpected(cert.error());

  std::vector<Certificate> full = {*cert};
  for (const Certificate& c : chain()) full.push_back(c);
  std::string key_pem = key->ToPkcs8PemForStorage();
  std::vector<PendingFile> files = {
      {paths[0], key_pem, FileRole::kDeviceKey, 0600},
      {paths[1], cert->Pem(), FileRole::kDeviceCertificate, 0644},
      {paths[2], ToPem(full) + key_pem, FileRole::kDeviceBundle, 0600}};
  if (o.pkcs12_password) {
    auto p12 = ToPkcs12(*cert, *key, chain(), Pkcs12Options{*o.pkcs12_password, *mac});
    if (!p12) return std::unexpected(p12.error());
    files.push_back({paths[3], *p12, FileRole::kDevicePkcs12, 0600});
  }
  Issued out{*cert, {}, {}};
  if (auto st = internal::WriteAll(files, out.files); !st) return std::unexpected(st.error());
  if (auto st = Record(*cert, CertificateKind::kDevice, *mac); !st) return std::unexpected(st.error());
  return out;
}

Result<Issued> CaDirectory::SignRequest(const SignOptions& o, TimePoint now) const {
  if (o.kind != CertificateKind::kServer && o.kind != CertificateKind::kDevice) {
    return Fail(Code::kInvalidArgument, "a request is signed with the server or device profile");
  }
  CertificateProfile profile;
  profile.kind = o.kind;
  profile.days = o.days;
  auto lock = internal::LockCaDir(dir_);
  if (!lock) return std::unexpected(lock.error());
  auto signed_csr = SignCsr(o.csr, profile, now - kBackdate, issuer(), issuer_key());
  if (!signed_csr) return std::unexpected(signed_csr.error());
  const Certificate& cert = signed_csr->certificate;
  auto stem = StemOf(cert, o.kind);
  if (!stem) return std::unexpected(stem.error());
  if (auto st = internal::CheckStem(*stem); !st) return std::unexpected(st.error());

  std::vector<Certificate> full = {cert};
  for (const Certificate& c : chain()) full.push_back(c);
  std::vector<PendingFile> files = {
      {dir_ / (*stem + ".pem"), cert.Pem(), FileRole::kSignedCertificate, 0644},
      {dir_ / (*stem + "-fullchain.pem"), ToPem(full), FileRole::kSignedFullChain, 0644}};
  if (auto st = internal::RefuseExisting(internal::PathsOf(files), o.force); !st) {
    return std::unexpected(st.error());
  }
  Issued out{cert, {}, signed_csr->dropped};
  if (auto st = internal::WriteAll(files, out.files); !st) return std::unexpected(st.error());
  std::string name = cert.SubjectCommonName().empty() ? *stem : cert.SubjectCommonName();
  if (auto st = Record(cert, o.kind, name); !st) return std::unexpected(st.error());
  return out;
}

}  // namespace phonecert::ca
