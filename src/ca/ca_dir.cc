#include "ca/ca_dir.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "base/file_io.h"
#include "ca/ca_dir_files.h"
#include "ca/serial.h"
#include "x509/load.h"

namespace phonecert::ca {
namespace fs = std::filesystem;
using internal::PendingFile;

namespace internal {

std::vector<fs::path> PathsOf(const std::vector<PendingFile>& files) {
  std::vector<fs::path> out;
  for (const PendingFile& f : files) out.push_back(f.path);
  return out;
}

Status RefuseExisting(const std::vector<fs::path>& paths, bool force) {
  if (force) return {};
  for (const fs::path& p : paths) {
    std::error_code ec;
    if (fs::exists(p, ec)) {
      return Fail(Code::kExists, p.string() +
                                     " already exists; nothing was written (use --force to "
                                     "replace it)");
    }
  }
  return {};
}

Status WriteAll(const std::vector<PendingFile>& files, std::vector<WrittenFile>& written) {
  for (const PendingFile& f : files) {
    if (auto st = WriteFileAtomic(f.path, f.data, WriteOptions{f.mode}); !st) return st;
    written.push_back({f.path, f.role});
  }
  return {};
}

Result<CaDirLock> CaDirLock::Acquire(const fs::path& dir) {
  fs::path path = dir / ".lock";
  int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) return Fail(Code::kIoError, "cannot open " + path.string() + ": " + std::strerror(errno));
  while (::flock(fd, LOCK_EX) != 0) {
    if (errno == EINTR) continue;
    int err = errno;
    ::close(fd);
    return Fail(Code::kIoError, "cannot lock " + path.string() + ": " + std::strerror(err));
  }
  return CaDirLock(fd);
}

CaDirLock::~CaDirLock() {
  if (fd_ >= 0) ::close(fd_);
}

Status CheckStem(const std::string& stem) {
  for (const char* reserved : {"ca", "intermediate", "crl", "root-crl"}) {
    if (stem == reserved) {
      return Fail(Code::kInvalidArgument, "the name \"" + stem +
                                              "\" would replace the CA's own " + stem +
                                              ".pem; choose the full host name");
    }
  }
  return {};
}

}  // namespace internal

namespace {

std::string IssuingCaName(const std::string& root_name) {
  constexpr std::string_view kRoot = "Root CA";
  if (root_name.ends_with(kRoot)) {
    return root_name.substr(0, root_name.size() - kRoot.size()) + "Issuing CA";
  }
  return root_name + " Issuing CA";
}

Result<Certificate> LoadCert(const fs::path& path) {
  auto loaded = LoadCertificatesFile(path);
  if (!loaded) {
    return Fail(loaded.error().code, path.string() + ": " + loaded.error().detail);
  }
  return loaded->certificates.front();
}

Result<PrivateKey> LoadKey(const fs::path& path, const Certificate& cert) {
  auto loaded = LoadFile(path);
  if (!loaded) return Fail(loaded.error().code, path.string() + ": " + loaded.error().detail);
  if (!loaded->key) return Fail(Code::kNoPrivateKey, path.string() + " holds no private key");
  if (!loaded->key->Matches(cert)) {
    return Fail(Code::kKeyMismatch,
                path.string() + " is not the key of \"" + cert.IssuedTo() + "\"");
  }
  return *loaded->key;
}

}  // namespace

Result<std::vector<WrittenFile>> CaDirectory::Init(const fs::path& dir, const InitOptions& o,
                                                   TimePoint now) {
  std::error_code ec;
  if (!fs::exists(dir, ec)) {
    fs::create_directories(dir, ec);
    if (ec) return Fail(Code::kIoError, "cannot create " + dir.string() + ": " + ec.message());
    ::chmod(dir.c_str(), 0700);
  } else if (!fs::is_directory(dir, ec)) {
    return Fail(Code::kInvalidArgument, dir.string() + " exists and is not a directory");
  }
  auto lock = internal::LockCaDir(dir);
  if (!lock) return std::unexpected(lock.error());

  // Refuse when any CA file is there, not only the ones this run writes.
  std::vector<fs::path> guarded;
  for (const char* name : {CaFiles::kRootCert, CaFiles::kRootKey, CaFiles::kIntermediateCert,
                           CaFiles::kIntermediateKey, CaFiles::kIndex}) {
    guarded.push_back(dir / name);
  }
  if (auto st = internal::RefuseExisting(guarded, o.force); !st) return std::unexpected(st.error());

  // Everything is made in memory first; files are written only when all of it worked.
  auto root_key = GenerateKey(o.key);
  if (!root_key) return std::unexpected(root_key.error());
  IssueRequest rr;
  rr.profile.kind = CertificateKind::kRootCa;
  rr.profile.days = o.days;
  rr.subject.common_name = o.name;
  rr.not_before = now - kBackdate;
  auto root = Issue(rr, *root_key, nullptr, *root_key);
  if (!root) return std::unexpected(root.error());

  std::vector<PendingFile> files = {
      {dir / CaFiles::kRootKey, root_key->ToPkcs8PemForStorage(), FileRole::kRootKey, 0600},
      {dir / CaFiles::kRootCert, root->Pem(), FileRole::kRootCertificate, 0644}};
  std::vector<IndexEntry> index = {{SerialHex(*root), CertificateKind::kRootCa, o.name,
                                    root->NotAfter(), std::nullopt, IssuedBy::kRoot}};
  if (o.intermediate) {
    auto int_key = GenerateKey(o.key);
    if (!int_key) return std::unexpected(int_key.error());
    IssueRequest ir = rr;
    ir.profile.kind = CertificateKind::kIntermediateCa;
    ir.profile.path_length = 0;
    ir.subject.common_name = IssuingCaName(o.name);
    auto inter = Issue(ir, *int_key, &*root, *root_key);
    if (!inter) return std::unexpected(inter.error());
    files.push_back({dir / CaFiles::kIntermediateKey, int_key->ToPkcs8PemForStorage(),
                     FileRole::kIntermediateKey, 0600});
    files.push_back({dir / CaFiles::kIntermediateCert, inter->Pem(),
                     FileRole::kIntermediateCertificate, 0644});
    index.push_back({SerialHex(*inter), CertificateKind::kIntermediateCa,
                     ir.subject.common_name, inter->NotAfter(), std::nullopt, IssuedBy::kRoot});
  }

  std::vector<WrittenFile> written;
  if (auto st = internal::WriteAll(files, written); !st) return std::unexpected(st.error());
  // A replaced CA takes its old intermediate, CRLs and records with it.
  for (const char* stale : {CaFiles::kCrl, CaFiles::kRootCrl, CaFiles::kCrlNumber}) {
    fs::remove(dir / stale, ec);
  }
  if (!o.intermediate) {
    fs::remove(dir / CaFiles::kIntermediateCert, ec);
    fs::remove(dir / CaFiles::kIntermediateKey, ec);
  }
  if (auto st = WriteIndex(dir / CaFiles::kIndex, index); !st) return std::unexpected(st.error());
  written.push_back({dir / CaFiles::kIndex, FileRole::kIndex});
  return written;
}

Result<CaDirectory> CaDirectory::Open(const fs::path& dir) {
  std::error_code ec;
  if (!fs::exists(dir / CaFiles::kRootCert, ec) || !fs::exists(dir / CaFiles::kRootKey, ec)) {
    return Fail(Code::kNotFound, dir.string() + " holds no CA (ca.pem and ca.key); create one "
                                                "with `phonecert ca init " + dir.string() + "`");
  }
  auto root = LoadCert(dir / CaFiles::kRootCert);
  if (!root) return std::unexpected(root.error());
  auto root_key = LoadKey(dir / CaFiles::kRootKey, *root);
  if (!root_key) return std::unexpected(root_key.error());
  std::optional<Certificate> inter;
  std::optional<PrivateKey> inter_key;
  if (fs::exists(dir / CaFiles::kIntermediateCert, ec)) {
    auto c = LoadCert(dir / CaFiles::kIntermediateCert);
    if (!c) return std::unexpected(c.error());
    auto k = LoadKey(dir / CaFiles::kIntermediateKey, *c);
    if (!k) return std::unexpected(k.error());
    inter = *c;
    inter_key = *k;
  }
  return CaDirectory(dir, *root, *root_key, inter, inter_key);
}

std::vector<Certificate> CaDirectory::chain() const {
  if (intermediate_) return {*intermediate_};
  return {};
}

Status CaDirectory::Record(const Certificate& cert, CertificateKind kind,
                           const std::string& name) const {
  auto index = ReadIndex(dir_ / CaFiles::kIndex);
  if (!index) return std::unexpected(index.error());
  index->push_back({SerialHex(cert), kind, name, cert.NotAfter(), std::nullopt,
                    intermediate_ ? IssuedBy::kIntermediate : IssuedBy::kRoot});
  return WriteIndex(dir_ / CaFiles::kIndex, *index);
}

}  // namespace phonecert::ca
