#include "ca/ca_index.h"

#include <sstream>

#include "base/file_io.h"
#include "ca/serial.h"

namespace phonecert::ca {
namespace {

constexpr std::string_view kHeader = "# phonecert CA index v1";
constexpr std::size_t kMaxIndexBytes = 64u * 1024u * 1024u;

std::vector<std::string> SplitTabs(const std::string& line) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (true) {
    std::size_t tab = line.find('\t', start);
    out.push_back(line.substr(start, tab == std::string::npos ? std::string::npos : tab - start));
    if (tab == std::string::npos) break;
    start = tab + 1;
  }
  return out;
}

std::optional<CertificateKind> ParseKind(const std::string& s) {
  for (auto k : {CertificateKind::kRootCa, CertificateKind::kIntermediateCa,
                 CertificateKind::kServer, CertificateKind::kDevice, CertificateKind::kClient}) {
    if (IndexKindName(k) == s) return k;
  }
  return std::nullopt;
}

// Names are ours (validated host names, MACs) except a CA's name: keep the format intact.
std::string OneField(const std::string& s) {
  std::string out = s;
  for (char& c : out) {
    if (c == '\t' || c == '\n' || c == '\r') c = ' ';
  }
  return out;
}

}  // namespace

std::string_view IndexKindName(CertificateKind kind) {
  switch (kind) {
    case CertificateKind::kRootCa: return "root-ca";
    case CertificateKind::kIntermediateCa: return "intermediate-ca";
    case CertificateKind::kServer: return "server";
    case CertificateKind::kDevice: return "device";
    case CertificateKind::kClient: return "client";
  }
  return "server";
}

Result<std::vector<IndexEntry>> ReadIndex(const std::filesystem::path& path) {
  std::vector<IndexEntry> entries;
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return entries;
  auto text = ReadFileCapped(path, kMaxIndexBytes);
  if (!text) return std::unexpected(text.error());
  std::istringstream in(*text);
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.empty() || line.starts_with("#")) continue;
    auto bad = [&](const std::string& why) {
      return Fail(Code::kMalformed, path.string() + " line " + std::to_string(number) + ": " + why);
    };
    auto f = SplitTabs(line);
    if (f.size() != 6) return bad("expected 6 tab-separated fields, found " + std::to_string(f.size()));
    IndexEntry e;
    auto serial = NormalizeSerial(f[0]);
    if (!serial) return bad(serial.error().detail);
    e.serial = *serial;
    auto kind = ParseKind(f[1]);
    if (!kind) return bad("unknown kind \"" + f[1] + "\"");
    e.kind = *kind;
    e.name = f[2];
    auto not_after = ParseIso8601(f[3]);
    if (!not_after) return bad("bad date \"" + f[3] + "\"");
    e.not_after = *not_after;
    if (f[4] != "-") {
      auto revoked = ParseIso8601(f[4]);
      if (!revoked) return bad("bad revocation date \"" + f[4] + "\"");
      e.revoked_at = *revoked;
    }
    if (f[5] == "root") {
      e.issued_by = IssuedBy::kRoot;
    } else if (f[5] == "intermediate") {
      e.issued_by = IssuedBy::kIntermediate;
    } else {
      return bad("unknown issuer \"" + f[5] + "\"");
    }
    entries.push_back(std::move(e));
  }
  return entries;
}

Status WriteIndex(const std::filesystem::path& path, const std::vector<IndexEntry>& entries) {
  std::string out(kHeader);
  out += "\n# serial\tkind\tname\tnot_after\trevoked_at\tissuer\n";
  for (const IndexEntry& e : entries) {
    out += e.serial + "\t" + std::string(IndexKindName(e.kind)) + "\t" + OneField(e.name) + "\t" +
           FormatIso8601(e.not_after) + "\t" +
           (e.revoked_at ? FormatIso8601(*e.revoked_at) : std::string("-")) + "\t" +
           (e.issued_by == IssuedBy::kRoot ? "root" : "intermediate") + "\n";
  }
  return WriteFileAtomic(path, out, WriteOptions{0644});
}

}  // namespace phonecert::ca
