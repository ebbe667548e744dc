#pragma once
// TrustSnapshot: an immutable view of all anchors, with a prebuilt X509_STORE per CA selection.
// Readers hold a shared_ptr to a snapshot for the whole verification; writers build a new one
// and swap it in (TrustStore), so no lock is held while verifying.
#include <openssl/x509.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "ossl/ptr.h"
#include "trust/anchor.h"

namespace phonecert {

class TrustSnapshot {
 public:
  static std::shared_ptr<const TrustSnapshot> Build(std::vector<Anchor> builtin,
                                                    std::vector<Anchor> custom,
                                                    std::uint64_t generation = 0);

  const std::vector<Anchor>& builtin() const { return builtin_; }
  const std::vector<Anchor>& custom() const { return custom_; }
  std::uint64_t generation() const { return generation_; }

  // Anchors chosen by the selection, built-in first.
  std::vector<const Anchor*> Anchors(CaSelection selection) const;
  // A prebuilt store with the selection's anchors; read-only, shared by concurrent verifications.
  X509_STORE* Store(CaSelection selection) const;
  // The anchor (of any selection) whose certificate equals `cert`, or null.
  const Anchor* Find(const X509* cert) const;

  TrustSnapshot(const TrustSnapshot&) = delete;
  TrustSnapshot& operator=(const TrustSnapshot&) = delete;

 private:
  TrustSnapshot() = default;
  std::vector<Anchor> builtin_;
  std::vector<Anchor> custom_;
  std::uint64_t generation_ = 0;
  ossl::X509StorePtr stores_[3];
};

}  // namespace phonecert
