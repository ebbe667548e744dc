#pragma once
// TrustStore: the built-in anchors plus at most kMaxCustomAnchors custom (enterprise) CA
// certificates persisted in StatePaths::custom_trusted():
//   <sha256>.pem   one normalised PEM certificate, named by the SHA-256 of its DER
//   index.txt      the custom anchors in index order, one SHA-256 per line ('#' lines ignored)
// index.txt alone decides the set: a .pem file it does not name (a crash between writing a new
// certificate and renaming the index, a stray copy) is ignored at load and deleted by the next
// change. Every change writes new certificate files first, then index.txt atomically (temp file,
// fsync, rename, fsync the directory), and deletes files it no longer names only after that; a
// crash leaves either the old or the new set.
//
// Threads: readers take Snapshot() (an immutable TrustSnapshot; copying the shared_ptr is the
// only step under a lock) and keep it for a whole verification. Changes are serialised inside the
// process and swap in a new snapshot; they never wait for readers. Between processes the caller
// must hold the state directory's DirectoryLock while changing the store.
//
// Time is passed in: it decides the "expired" / "not valid before" warnings, nothing else.
#include <cstddef>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"
#include "base/time.h"
#include "state/state_dir.h"
#include "trust/anchor.h"
#include "trust/snapshot.h"

namespace phonecert {

inline constexpr std::size_t kMaxCustomAnchors = 10;  // PARAMETERS.md
inline constexpr std::string_view kTrustIndexFileName = "index.txt";

struct TrustStoreOptions {
  TimePoint now;  // for the warnings of the anchors loaded
  // The built-in anchors; unset: the set embedded in the binary (EmbeddedBuiltinAnchors).
  std::optional<std::vector<Anchor>> builtin;
};

struct AddOptions {
  TimePoint now;                        // for the warnings of the new anchors
  std::optional<std::string> password;  // PKCS#12 password
};

class TrustStore {
 public:
  // Loads the custom anchors named by index.txt (a missing directory or index is an empty set).
  // An entry whose file is missing, unreadable or does not hash to its name is skipped and
  // described in load_problems(). Fails only when the built-in set is inconsistent.
  static Result<std::unique_ptr<TrustStore>> Open(const StatePaths& paths,
                                                  const TrustStoreOptions& options);

  // The current anchors; the snapshot never changes after it is taken.
  std::shared_ptr<const TrustSnapshot> Snapshot() const;

  // Adds every certificate in `data` (PEM with one or many certificates, DER, PKCS#12), appended
  // in file order. All or nothing: refused with Code::kDuplicate (a certificate already custom,
  // or twice in the input; the error names it), Code::kTrustStoreFull (the total would pass
  // kMaxCustomAnchors), or a load error. A certificate that is not a CA, expired or not yet
  // valid is accepted; its warnings are in the returned anchors and in later snapshots.
  Result<std::vector<Anchor>> Add(std::string_view data, const AddOptions& options);
  // The same for a file (read with the 5 MB cap).
  Result<std::vector<Anchor>> AddFile(const std::filesystem::path& path,
                                      const AddOptions& options);

  // Removes the custom anchor at a 1-based index (Code::kNoSuchCertificate when out of range).
  Result<Anchor> RemoveAt(std::size_t index);
  // Removes the custom anchor whose SHA-256 (hex, colons allowed) is `hex` or starts with it; a
  // prefix needs at least 8 digits and must match one anchor only (else Code::kInvalidArgument).
  // A built-in anchor's fingerprint is refused with a sentence saying it cannot be removed.
  Result<Anchor> RemoveByFingerprint(std::string_view hex);
  // "3" (an index, fewer than 8 digits) or a fingerprint as above.
  Result<Anchor> Remove(std::string_view index_or_fingerprint);
  // Removes every custom anchor; returns how many there were.
  Result<std::size_t> RemoveAll();

  // Sentences about index entries skipped by Open.
  const std::vector<std::string>& load_problems() const { return load_problems_; }
  const StatePaths& paths() const { return paths_; }

  TrustStore(const TrustStore&) = delete;
  TrustStore& operator=(const TrustStore&) = delete;

 private:
  TrustStore(StatePaths paths, std::vector<Anchor> builtin)
      : paths_(std::move(paths)), builtin_(std::move(builtin)) {}
  // Writes the index for `custom`, then swaps in a snapshot of it. Caller holds write_mu_.
  Status Commit(std::vector<Anchor> custom);
  Result<Anchor> RemoveLocked(std::size_t zero_based);
  std::filesystem::path Dir() const { return paths_.custom_trusted(); }

  const StatePaths paths_;
  const std::vector<Anchor> builtin_;
  std::vector<std::string> load_problems_;

  std::mutex write_mu_;  // serialises changes
  mutable std::mutex snapshot_mu_;  // guards snapshot_ (held only to copy or replace it)
  std::shared_ptr<const TrustSnapshot> snapshot_;
};

}  // namespace phonecert
