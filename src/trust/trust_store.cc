#include "trust/trust_store.h"

#include <algorithm>
#include <charconv>
#include <set>

#include "base/bytes.h"
#include "base/file_io.h"
#include "trust/anchor_warnings.h"
#include "trust/builtin_anchors.h"
#include "x509/load.h"

namespace phonecert {
namespace {

constexpr std::string_view kIndexHeader =
    "# phonecert custom trusted CA certificates: one SHA-256 per line, in index order\n";
constexpr std::size_t kMaxIndexBytes = 64 * 1024;
constexpr std::size_t kMinPrefixDigits = 8;

bool IsSha256Hex(std::string_view s) {
  return s.size() == 64 && std::all_of(s.begin(), s.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

// "\"Phonecert Test Root RSA\" (SHA-256 3f2a9c0e11d4b7a8...)"
std::string Label(const Certificate& cert) {
  return "\"" + cert.IssuedTo() + "\" (SHA-256 " + cert.Sha256().substr(0, 16) + "...)";
}

std::string Plural(std::size_t n, std::string_view word) {
  return std::to_string(n) + " " + std::string(word) + (n == 1 ? "" : "s");
}

Anchor MakeCustom(const Certificate& cert, TimePoint now) {
  return Anchor{cert, AnchorSource::kCustom, cert.IssuedTo(), AnchorWarnings(cert, now)};
}

Result<Anchor> LoadEntry(const std::filesystem::path& file, const std::string& sha,
                         TimePoint now) {
  auto data = ReadFileCapped(file, kMaxUploadBytes);
  if (!data) return std::unexpected(data.error());
  auto loaded = LoadCertificates(*data);
  if (!loaded) return std::unexpected(loaded.error());
  if (loaded->certificates.size() != 1) {
    return Fail(Code::kMalformed, "it holds " + Plural(loaded->certificates.size(), "certificate"));
  }
  const Certificate& cert = loaded->certificates.front();
  if (cert.Sha256() != sha) {
    return Fail(Code::kMalformed, "its SHA-256 is " + cert.Sha256() + ", not its name");
  }
  return MakeCustom(cert, now);
}

// Deletes files in `dir` that the index does not name: *.pem left by an interrupted change and
// temp files of an interrupted atomic write. Best effort.
void RemoveStrays(const std::filesystem::path& dir, const std::set<std::string>& keep) {
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    const std::string name = entry.path().filename().string();
    bool stray_pem = entry.path().extension() == ".pem" && !keep.contains(entry.path().stem());
    bool stray_tmp = name.starts_with(".") && name.find(".tmp") != std::string::npos;
    if ((stray_pem || stray_tmp) && entry.is_regular_file(ec)) {
      std::filesystem::remove(entry.path(), ec);
    }
  }
}

Status EnsureDirectory(const std::filesystem::path& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return Fail(Code::kIoError, "cannot create " + dir.string() + ": " + ec.message());
  return {};
}

}  // namespace

Result<std::unique_ptr<TrustStore>> TrustStore::Open(const StatePaths& paths,
                                                     const TrustStoreOptions& options) {
  std::vector<Anchor> builtin;
  if (options.builtin) {
    builtin = *options.builtin;
  } else {
    const auto& embedded = EmbeddedBuiltinAnchors();
    if (!embedded) return std::unexpected(embedded.error());
    builtin = *embedded;
  }
  for (Anchor& a : builtin) a.warnings = AnchorWarnings(a.certificate, options.now);

  std::unique_ptr<TrustStore> store(new TrustStore(paths, std::move(builtin)));
  std::vector<Anchor> custom;
  const auto index_path = store->Dir() / kTrustIndexFileName;
  auto index = ReadFileCapped(index_path, kMaxIndexBytes);
  if (!index && index.error().code != Code::kNotFound) return std::unexpected(index.error());
  std::set<std::string> seen;
  std::string_view rest = index ? std::string_view(*index) : std::string_view();
  int line_no = 0;
  while (!rest.empty()) {
    std::size_t nl = rest.find('\n');
    std::string_view line = rest.substr(0, nl);
    rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
    ++line_no;
    if (line.empty() || line.front() == '#') continue;
    const std::string where = index_path.string() + " line " + std::to_string(line_no);
    std::string sha(line);
    if (!IsSha256Hex(sha)) {
      store->load_problems_.push_back(where + " is not a SHA-256; ignored");
      continue;
    }
    if (!seen.insert(sha).second) {
      store->load_problems_.push_back(where + " repeats " + sha + "; ignored");
      continue;
    }
    if (custom.size() == kMaxCustomAnchors) {
      store->load_problems_.push_back(where + ": more than " +
                                      std::to_string(kMaxCustomAnchors) +
                                      " custom CA certificates; ignored");
      continue;
    }
    const auto file = store->Dir() / (sha + ".pem");
    auto anchor = LoadEntry(file, sha, options.now);
    if (!anchor) {
      store->load_problems_.push_back(file.string() + " (" + where + "): " +
                                      anchor.error().detail + "; ignored");
      continue;
    }
    custom.push_back(std::move(*anchor));
  }
  store->snapshot_ = TrustSnapshot::Build(store->builtin_, std::move(custom), 0);
  return store;
}

std::shared_ptr<const TrustSnapshot> TrustStore::Snapshot() const {
  std::lock_guard lock(snapshot_mu_);
  return snapshot_;
}

Status TrustStore::Commit(std::vector<Anchor> custom) {
  std::string text(kIndexHeader);
  std::set<std::string> keep;
  for (const Anchor& a : custom) {
    text += a.certificate.Sha256() + "\n";
    keep.insert(a.certificate.Sha256());
  }
  if (auto s = EnsureDirectory(Dir()); !s) return s;
  if (auto s = WriteFileAtomic(Dir() / kTrustIndexFileName, text); !s) return s;
  auto next = TrustSnapshot::Build(builtin_, std::move(custom), Snapshot()->generation() + 1);
  {
    std::lock_guard lock(snapshot_mu_);
    snapshot_.swap(next);
  }
  // `next` now holds the old snapshot; it is freed here or by the last reader holding it.
  RemoveStrays(Dir(), keep);
  return {};
}

Result<std::vector<Anchor>> TrustStore::AddFile(const std::filesystem::path& path,
                                                const AddOptions& options) {
  auto data = ReadFileCapped(path, kMaxUploadBytes);
  if (!data) return std::unexpected(data.error());
  return Add(*data, options);
}

Result<std::vector<Anchor>> TrustStore::Add(std::string_view data, const AddOptions& options) {
  LoadOptions load;
  load.password = options.password;
  auto loaded = LoadCertificates(data, load);
  if (!loaded) return std::unexpected(loaded.error());
  const auto& certs = loaded->certificates;

  std::lock_guard write_lock(write_mu_);
  const auto snapshot = Snapshot();
  const std::vector<Anchor>& current = snapshot->custom();
  for (std::size_t i = 0; i < certs.size(); ++i) {
    for (std::size_t j = 0; j < current.size(); ++j) {
      if (current[j].certificate == certs[i]) {
        Error e{Code::kDuplicate,
                Label(certs[i]) + " is already custom CA certificate " + std::to_string(j + 1),
                static_cast<int>(i)};
        return std::unexpected(std::move(e));
      }
    }
    for (std::size_t j = 0; j < i; ++j) {
      if (certs[j] == certs[i]) {
        Error e{Code::kDuplicate,
                "certificates " + std::to_string(j + 1) + " and " + std::to_string(i + 1) +
                    " in the input are the same, " + Label(certs[i]),
                static_cast<int>(i)};
        return std::unexpected(std::move(e));
      }
    }
  }
  if (current.size() + certs.size() > kMaxCustomAnchors) {
    return Fail(Code::kTrustStoreFull,
                "adding " + Plural(certs.size(), "certificate") + " would make " +
                    std::to_string(current.size() + certs.size()) +
                    " custom CA certificates; the limit is " + std::to_string(kMaxCustomAnchors));
  }

  if (auto s = EnsureDirectory(Dir()); !s) return std::unexpected(s.error());
  std::vector<Anchor> added;
  for (const Certificate& cert : certs) {
    // New files first: until the index names them they are strays, ignored at load.
    if (auto s = WriteFileAtomic(Dir() / (cert.Sha256() + ".pem"), cert.Pem()); !s) {
      return std::unexpected(s.error());
    }
    added.push_back(MakeCustom(cert, options.now));
  }
  std::vector<Anchor> next = current;
  next.insert(next.end(), added.begin(), added.end());
  if (auto s = Commit(std::move(next)); !s) return std::unexpected(s.error());
  return added;
}

Result<Anchor> TrustStore::RemoveLocked(std::size_t zero_based) {
  std::vector<Anchor> next = Snapshot()->custom();
  Anchor removed = next[zero_based];
  next.erase(next.begin() + static_cast<std::ptrdiff_t>(zero_based));
  if (auto s = Commit(std::move(next)); !s) return std::unexpected(s.error());
  return removed;
}

Result<Anchor> TrustStore::RemoveAt(std::size_t index) {
  std::lock_guard write_lock(write_mu_);
  const std::size_t count = Snapshot()->custom().size();
  if (index == 0 || index > count) {
    return Fail(Code::kNoSuchCertificate,
                "there is no custom CA certificate " + std::to_string(index) + "; there " +
                    (count == 1 ? "is " : "are ") + Plural(count, "custom CA certificate"));
  }
  return RemoveLocked(index - 1);
}

Result<Anchor> TrustStore::RemoveByFingerprint(std::string_view hex) {
  const std::string want = NormalizeHex(hex);
  if (want.empty() || want.size() > 64) {
    return Fail(Code::kInvalidArgument,
                "\"" + std::string(hex) + "\" is neither an index nor a SHA-256 fingerprint");
  }
  if (want.size() < kMinPrefixDigits) {
    return Fail(Code::kInvalidArgument, "a SHA-256 prefix needs at least " +
                                            std::to_string(kMinPrefixDigits) + " hex digits");
  }
  std::lock_guard write_lock(write_mu_);
  auto snap = Snapshot();
  std::vector<std::size_t> matches;
  for (std::size_t i = 0; i < snap->custom().size(); ++i) {
    if (snap->custom()[i].certificate.Sha256().starts_with(want)) matches.push_back(i);
  }
  if (matches.size() > 1) {
    std::string which;
    for (std::size_t i : matches) which += (which.empty() ? "" : ", ") + std::to_string(i + 1);
    return Fail(Code::kInvalidArgument, "SHA-256 prefix " + want + " matches custom CA certificates " +
                                            which + "; give more digits");
  }
  if (matches.empty()) {
    for (const Anchor& a : snap->builtin()) {
      if (a.certificate.Sha256().starts_with(want)) {
        return Fail(Code::kInvalidArgument,
                    Label(a.certificate) + " is a built-in CA certificate; built-in "
                                           "certificates cannot be removed");
      }
    }
    return Fail(Code::kNoSuchCertificate,
                "no custom CA certificate has a SHA-256 starting with " + want);
  }
  return RemoveLocked(matches.front());
}

Result<Anchor> TrustStore::Remove(std::string_view index_or_fingerprint) {
  std::string_view s = index_or_fingerprint;
  bool digits = !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return c >= '0' && c <= '9';
  });
  if (digits && s.size() < kMinPrefixDigits) {
    std::size_t index = 0;
    std::from_chars(s.data(), s.data() + s.size(), index);
    return RemoveAt(index);
  }
  return RemoveByFingerprint(s);
}

Result<std::size_t> TrustStore::RemoveAll() {
  std::lock_guard write_lock(write_mu_);
  const std::size_t count = Snapshot()->custom().size();
  if (auto s = Commit({}); !s) return std::unexpected(s.error());
  return count;
}

}  // namespace phonecert
