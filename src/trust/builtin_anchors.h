#pragma once
// The built-in trust anchors: public roots embedded in the binary from the committed folder
// data/builtin-anchors/ (written by scripts/update-builtin-anchors.sh). The manifest decides the
// set: every manifest row must have its PEM file with the SHA-256 and not-after it states, and no
// PEM file may be there without a row. Any mismatch refuses the whole set (a build defect).
//
// MANIFEST.tsv: a header line "file<TAB>name<TAB>sha256<TAB>not_after", then one row per anchor:
//   isrg-root-x1.pem  ISRG Root X1  96bcec06...  2035-06-04T11:04:38Z
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/embedded.h"
#include "base/error.h"
#include "base/time.h"
#include "trust/anchor.h"

namespace phonecert {

inline constexpr std::string_view kBuiltinManifestName = "MANIFEST.tsv";
inline constexpr std::string_view kBuiltinManifestHeader = "file\tname\tsha256\tnot_after";

struct BuiltinManifestRow {
  std::string file;    // "isrg-root-x1.pem"
  std::string name;    // "ISRG Root X1"
  std::string sha256;  // lower-case hex SHA-256 of the DER
  TimePoint not_after;
};

// Parses the manifest text. Refuses (Code::kMalformed, naming the line) a missing or different
// header, a row without four fields, a file name that is not "<name>.pem", a bad SHA-256 or date,
// and a file or SHA-256 listed twice.
Result<std::vector<BuiltinManifestRow>> ParseBuiltinManifest(std::string_view text);

// Checks `files` (the manifest first, named MANIFEST.tsv, then the PEM files) against the
// manifest and returns the anchors in manifest order, each with source kBuiltin, the manifest's
// display name and no warnings. Each PEM file must hold exactly one certificate.
Result<std::vector<Anchor>> LoadBuiltinAnchors(std::span<const EmbeddedFile> files);

// The files compiled into this binary (kBuiltinAnchorFiles).
std::span<const EmbeddedFile> EmbeddedBuiltinAnchorFiles();

// LoadBuiltinAnchors over the embedded files, computed once (thread-safe). Copies of the anchors
// share the parsed certificates.
const Result<std::vector<Anchor>>& EmbeddedBuiltinAnchors();

}  // namespace phonecert
