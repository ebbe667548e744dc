// CaDirectory: revocation records and CRLs.
#include <charconv>

#include "base/file_io.h"
#include "ca/ca_dir.h"
#include "ca/ca_dir_files.h"
#include "ca/crl.h"
#include "ca/serial.h"

namespace phonecert::ca {
namespace fs = std::filesystem;
using internal::PendingFile;

namespace {

// The last CRL number written (0 when none).
Result<std::uint64_t> ReadCrlNumber(const fs::path& path) {
  std::error_code ec;
  if (!fs::exists(path, ec)) return std::uint64_t{0};
  auto text = ReadFileCapped(path, 64);
  if (!text) return std::unexpected(text.error());
  std::string_view s = *text;
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ')) s.remove_suffix(1);
  std::uint64_t n = 0;
  auto [end, err] = std::from_chars(s.data(), s.data() + s.size(), n);
  if (err != std::errc() || end != s.data() + s.size()) {
    return Fail(Code::kMalformed, path.string() + " does not hold a CRL number");
  }
  return n;
}

}  // namespace

Result<Revoked> CaDirectory::Revoke(std::string_view serial, TimePoint now) const {
  auto wanted = NormalizeSerial(serial);
  if (!wanted) return std::unexpected(wanted.error());
  auto lock = internal::LockCaDir(dir_);
  if (!lock) return std::unexpected(lock.error());
  auto index = ReadIndex(dir_ / CaFiles::kIndex);
  if (!index) return std::unexpected(index.error());
  for (IndexEntry& e : *index) {
    if (e.serial != *wanted) continue;
    if (e.kind == CertificateKind::kRootCa) {
      return Fail(Code::kInvalidArgument, "serial " + e.serial +
                                              " is the root CA itself; a root is not revoked, "
                                              "it is removed from the phones' trusted "
                                              "certificates");
    }
    if (e.revoked_at) {
      return Fail(Code::kDuplicate, "serial " + e.serial + " (" + e.name +
                                        ") was already revoked on " + FormatIso8601(*e.revoked_at));
    }
    e.revoked_at = now;
    if (auto st = WriteIndex(dir_ / CaFiles::kIndex, *index); !st) return std::unexpected(st.error());
    return Revoked{e};
  }
  return Fail(Code::kNotFound, "serial " + *wanted + " was not issued from " + dir_.string() +
                                   " (see " + (dir_ / CaFiles::kIndex).string() + ")");
}

Result<std::vector<WrittenFile>> CaDirectory::WriteCrl(TimePoint now, int next_update_days) const {
  auto lock = internal::LockCaDir(dir_);
  if (!lock) return std::unexpected(lock.error());
  auto index = ReadIndex(dir_ / CaFiles::kIndex);
  if (!index) return std::unexpected(index.error());
  auto last = ReadCrlNumber(dir_ / CaFiles::kCrlNumber);
  if (!last) return std::unexpected(last.error());

  auto make = [&](IssuedBy by, const Certificate& ca, const PrivateKey& key) -> Result<std::string> {
    CrlRequest req;
    req.this_update = now - kBackdate;
    req.next_update_days = next_update_days;
    req.crl_number = *last + 1;
    for (const IndexEntry& e : *index) {
      if (e.revoked_at && e.issued_by == by) req.revoked.push_back({e.serial, *e.revoked_at});
    }
    return MakeCrl(req, ca, key);
  };
  std::vector<PendingFile> files;
  auto crl = intermediate_ ? make(IssuedBy::kIntermediate, *intermediate_, *intermediate_key_)
                           : make(IssuedBy::kRoot, root_, root_key_);
  if (!crl) return std::unexpected(crl.error());
  files.push_back({dir_ / CaFiles::kCrl, *crl, FileRole::kCrl, 0644});
  if (intermediate_) {
    auto root_crl = make(IssuedBy::kRoot, root_, root_key_);
    if (!root_crl) return std::unexpected(root_crl.error());
    files.push_back({dir_ / CaFiles::kRootCrl, *root_crl, FileRole::kRootCrl, 0644});
  }
  std::vector<WrittenFile> written;
  if (auto st = internal::WriteAll(files, written); !st) return std::unexpected(st.error());
  if (auto st = WriteFileAtomic(dir_ / CaFiles::kCrlNumber, std::to_string(*last + 1) + "\n");
      !st) {
    return std::unexpected(st.error());
  }
  return written;
}

}  // namespace phonecert::ca
