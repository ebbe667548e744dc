#include "trust/builtin_anchors.h"

#include <map>
#include <set>

#include "x509/load.h"

namespace phonecert {

extern const EmbeddedFile kBuiltinAnchorFiles[];
extern const std::size_t kBuiltinAnchorFilesCount;

namespace {

std::vector<std::string_view> Split(std::string_view text, char sep) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  for (;;) {
    std::size_t end = text.find(sep, start);
    if (end == std::string_view::npos) {
      out.push_back(text.substr(start));
      return out;
    }
    out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
}

bool IsSha256Hex(std::string_view s) {
  if (s.size() != 64) return false;
  for (char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

bool IsPemFileName(std::string_view s) {
  if (s.size() <= 4 || !s.ends_with(".pem")) return false;
  for (char c : s) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_';
    if (!ok) return false;
  }
  return true;
}

std::unexpected<Error> Inconsistent(std::string detail) {
  return Fail(Code::kMalformed, "the built-in anchor set is inconsistent: " + std::move(detail));
}

}  // namespace

Result<std::vector<BuiltinManifestRow>> ParseBuiltinManifest(std::string_view text) {
  std::vector<std::string_view> lines = Split(text, '\n');
  if (!lines.empty() && lines.back().empty()) lines.pop_back();
  if (lines.empty() || lines[0] != kBuiltinManifestHeader) {
    return Fail(Code::kMalformed, std::string(kBuiltinManifestName) +
                                      " line 1: the header must be \"file<TAB>name<TAB>sha256<TAB>"
                                      "not_after\"");
  }
  std::vector<BuiltinManifestRow> rows;
  std::set<std::string> files, hashes;
  for (std::size_t i = 1; i < lines.size(); ++i) {
    const std::string where = std::string(kBuiltinManifestName) + " line " + std::to_string(i + 1);
    std::vector<std::string_view> f = Split(lines[i], '\t');
    if (f.size() != 4) {
      return Fail(Code::kMalformed, where + ": " + std::to_string(f.size()) +
                                        " tab-separated fields; 4 are needed");
    }
    BuiltinManifestRow row;
    row.file = f[0];
    row.name = f[1];
    row.sha256 = f[2];
    if (!IsPemFileName(row.file)) {
      return Fail(Code::kMalformed, where + ": \"" + row.file + "\" is not a .pem file name");
    }
    if (row.name.empty()) return Fail(Code::kMalformed, where + ": the display name is empty");
    if (!IsSha256Hex(row.sha256)) {
      return Fail(Code::kMalformed, where + ": the SHA-256 must be 64 lower-case hex digits");
    }
    auto not_after = ParseIso8601(f[3]);
    if (!not_after) {
      return Fail(Code::kMalformed, where + ": \"" + std::string(f[3]) + "\" is not an ISO 8601 time");
    }
    row.not_after = *not_after;
    if (!files.insert(row.file).second) {
      return Fail(Code::kMalformed, where + ": " + row.file + " is listed twice");
    }
    if (!hashes.insert(row.sha256).second) {
      return Fail(Code::kMalformed, where + ": SHA-256 " + row.sha256 + " is listed twice");
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

Result<std::vector<Anchor>> LoadBuiltinAnchors(std::span<const EmbeddedFile> files) {
  if (files.empty() || std::string_view(files[0].name) != kBuiltinManifestName) {
    return Inconsistent("the first file must be " + std::string(kBuiltinManifestName));
  }
  auto bytes = [](const EmbeddedFile& f) {
    return std::string_view(reinterpret_cast<const char*>(f.data), f.size);
  };
  auto rows = ParseBuiltinManifest(bytes(files[0]));
  if (!rows) return Inconsistent(rows.error().detail);

  std::map<std::string_view, const EmbeddedFile*> by_name;
  for (const EmbeddedFile& f : files.subspan(1)) {
    if (!by_name.emplace(f.name, &f).second) {
      return Inconsistent(std::string(f.name) + " is embedded twice");
    }
  }
  std::set<std::string_view> listed;
  std::vector<Anchor> anchors;
  for (const BuiltinManifestRow& row : *rows) {
    auto it = by_name.find(row.file);
    if (it == by_name.end()) return Inconsistent(row.file + " is in the manifest but not embedded");
    listed.insert(it->first);
    auto loaded = LoadCertificates(bytes(*it->second));
    if (!loaded) return Inconsistent(row.file + ": " + loaded.error().detail);
    if (loaded->format != Format::kPem || loaded->certificates.size() != 1 || loaded->key) {
      return Inconsistent(row.file + " must hold exactly one PEM certificate");
    }
    const Certificate& cert = loaded->certificates.front();
    if (cert.Sha256() != row.sha256) {
      return Inconsistent(row.file + " has SHA-256 " + cert.Sha256() + "; the manifest says " +
                          row.sha256);
    }
    if (cert.NotAfter() != row.not_after) {
      return Inconsistent(row.file + " expires " + FormatIso8601(cert.NotAfter()) +
                          "; the manifest says " + FormatIso8601(row.not_after));
    }
    anchors.push_back(Anchor{cert, AnchorSource::kBuiltin, row.name, {}});
  }
  for (const auto& [name, file] : by_name) {
    if (!listed.contains(name)) {
      return Inconsistent(std::string(name) + " is embedded but has no manifest row");
    }
  }
  return anchors;
}

std::span<const EmbeddedFile> EmbeddedBuiltinAnchorFiles() {
  return {kBuiltinAnchorFiles, kBuiltinAnchorFilesCount};
}

const Result<std::vector<Anchor>>& EmbeddedBuiltinAnchors() {
  static const Result<std::vector<Anchor>> anchors =
      LoadBuiltinAnchors(EmbeddedBuiltinAnchorFiles());
  return anchors;
}

}  // namespace phonecert
