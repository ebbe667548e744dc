#pragma once
// The CA directory's record of what it issued: one line per certificate, for revocation and
// CRLs. A small tab-separated text file (like `openssl ca`'s index.txt), rewritten atomically:
//   # phonecert CA index v1
//   <serial>\t<kind>\t<name>\t<not_after>\t<revoked_at or ->\t<issuer: root|intermediate>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "base/error.h"
#include "base/time.h"
#include "ca/issue.h"

namespace phonecert::ca {

enum class IssuedBy { kRoot, kIntermediate };

struct IndexEntry {
  std::string serial;  // NormalizeSerial form
  CertificateKind kind = CertificateKind::kServer;
  std::string name;    // host name, MAC or CA name
  TimePoint not_after;
  std::optional<TimePoint> revoked_at;
  IssuedBy issued_by = IssuedBy::kRoot;
};

// A missing file reads as empty; a damaged one is Code::kMalformed naming the line.
Result<std::vector<IndexEntry>> ReadIndex(const std::filesystem::path& path);
Status WriteIndex(const std::filesystem::path& path, const std::vector<IndexEntry>& entries);

// "server", "device", "client", "root-ca", "intermediate-ca" (the index's spelling).
std::string_view IndexKindName(CertificateKind kind);

}  // namespace phonecert::ca
