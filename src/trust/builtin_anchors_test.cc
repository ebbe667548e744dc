#include "trust/builtin_anchors.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "test_support.h"
#include "x509/load.h"

namespace phonecert {
namespace {

using testing::ReadAll;
using testing::RunCommand;

const std::filesystem::path kDataDir =
    std::filesystem::path(PHONECERT_SOURCE_DIR) / "data" / "builtin-anchors";

std::string_view Bytes(const EmbeddedFile& f) {
  return {reinterpret_cast<const char*>(f.data), f.size};
}

TEST(BuiltinAnchors, EmbeddedSetMatchesCommittedManifest) {
  const std::string disk_manifest = ReadAll(kDataDir / "MANIFEST.tsv");
  ASSERT_FALSE(disk_manifest.empty());
  auto files = EmbeddedBuiltinAnchorFiles();
  ASSERT_GE(files.size(), 2u);
  EXPECT_EQ(std::string_view(files[0].name), "MANIFEST.tsv");
  EXPECT_EQ(Bytes(files[0]), disk_manifest) << "the binary embeds a different manifest";

  auto rows = ParseBuiltinManifest(disk_manifest);
  ASSERT_TRUE(rows) << rows.error().ToString();
  const auto& anchors = EmbeddedBuiltinAnchors();
  ASSERT_TRUE(anchors) << anchors.error().ToString();
  ASSERT_EQ(anchors->size(), rows->size());
  EXPECT_EQ(files.size(), rows->size() + 1);
  for (std::size_t i = 0; i < rows->size(); ++i) {
    const auto& row = (*rows)[i];
    const auto& a = (*anchors)[i];
    EXPECT_EQ(a.source, AnchorSource::kBuiltin);
    EXPECT_EQ(a.name, row.name);
    EXPECT_EQ(a.certificate.Sha256(), row.sha256) << row.file;
    EXPECT_EQ(a.certificate.NotAfter(), row.not_after) << row.file;
    EXPECT_TRUE(a.certificate.IsCa()) << row.file;
    EXPECT_TRUE(a.certificate.IsSelfIssued()) << row.file;
    EXPECT_TRUE(a.warnings.empty());
  }
}

// The committed files agree with their manifest as the OpenSSL CLI sees them, and the folder
// holds no certificate without a row.
TEST(BuiltinAnchors, CommittedFilesAgreeWithOpensslCli) {
  auto rows = ParseBuiltinManifest(ReadAll(kDataDir / "MANIFEST.tsv"));
  ASSERT_TRUE(rows) << rows.error().ToString();
  std::set<std::string> listed;
  for (const auto& row : *rows) {
    listed.insert(row.file);
    auto r = RunCommand("openssl x509 -in '" + (kDataDir / row.file).string() +
                        "' -noout -fingerprint -sha256");
    ASSERT_EQ(r.exit_code, 0) << r.out;
    std::string hex;
    for (char c : r.out.substr(r.out.find('=') + 1)) {
      if (std::isxdigit(static_cast<unsigned char>(c))) {
        hex += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      }
    }
    EXPECT_EQ(hex, row.sha256) << row.file;
  }
  for (const auto& entry : std::filesystem::directory_iterator(kDataDir)) {
    if (entry.path().extension() == ".pem") {
      EXPECT_TRUE(listed.contains(entry.path().filename().string()))
          << entry.path() << " has no manifest row";
    }
  }
}

TEST(BuiltinAnchors, RefusesManifestRowWithoutFile) {
  std::vector<EmbeddedFile> files(EmbeddedBuiltinAnchorFiles().begin(),
                                  EmbeddedBuiltinAnchorFiles().end());
  const std::string dropped = files[3].name;
  files.erase(files.begin() + 3);
  auto r = LoadBuiltinAnchors(files);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, Code::kMalformed);
  EXPECT_NE(r.error().detail.find(dropped + " is in the manifest but not embedded"),
            std::string::npos)
      << r.error().detail;
}

TEST(BuiltinAnchors, RefusesFileWithoutManifestRow) {
  std::vector<EmbeddedFile> files(EmbeddedBuiltinAnchorFiles().begin(),
                                  EmbeddedBuiltinAnchorFiles().end());
  const std::string extra = ReadAll(testing::Data("root-rsa.pem"));
  files.push_back({"zz-extra.pem", reinterpret_cast<const unsigned char*>(extra.data()),
                   extra.size()});
  auto r = LoadBuiltinAnchors(files);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().detail.find("zz-extra.pem is embedded but has no manifest row"),
            std::string::npos)
      << r.error().detail;
}

TEST(BuiltinAnchors, RefusesFileWhoseHashDiffersFromManifest) {
  std::vector<EmbeddedFile> files(EmbeddedBuiltinAnchorFiles().begin(),
                                  EmbeddedBuiltinAnchorFiles().end());
  std::swap(files[1].data, files[2].data);
  std::swap(files[1].size, files[2].size);
  auto r = LoadBuiltinAnchors(files);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().detail.find("has SHA-256"), std::string::npos) << r.error().detail;
}

TEST(BuiltinAnchors, RefusesWhenManifestIsNotFirst) {
  std::vector<EmbeddedFile> files(EmbeddedBuiltinAnchorFiles().begin(),
                                  EmbeddedBuiltinAnchorFiles().end());
  std::swap(files[0], files[1]);
  EXPECT_FALSE(LoadBuiltinAnchors(files));
  EXPECT_FALSE(LoadBuiltinAnchors({}));
}

TEST(BuiltinManifest, ParsesRows) {
  const std::string sha(64, 'a');
  auto rows = ParseBuiltinManifest("file\tname\tsha256\tnot_after\nx-root.pem\tX Root\t" + sha +
                                   "\t2038-01-15T12:00:00Z\n");
  ASSERT_TRUE(rows) << rows.error().ToString();
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ((*rows)[0].file, "x-root.pem");
  EXPECT_EQ((*rows)[0].name, "X Root");
  EXPECT_EQ((*rows)[0].sha256, sha);
  EXPECT_EQ(FormatIso8601((*rows)[0].not_after), "2038-01-15T12:00:00Z");
}

TEST(BuiltinManifest, RefusesBadInput) {
  const std::string h = "file\tname\tsha256\tnot_after\n";
  const std::string sha(64, 'b');
  const std::string good = "a.pem\tA\t" + sha + "\t2038-01-15T12:00:00Z\n";
  struct Case {
    std::string text;
    std::string expect;  // part of the error sentence
  } cases[] = {
      {"", "line 1"},
      {"file,name,sha256,not_after\n" + good, "line 1"},
      {h + "a.pem\tA\t" + sha + "\n", "line 2: 3 tab-separated fields"},
      {h + "a.crt\tA\t" + sha + "\t2038-01-15T12:00:00Z\n", "not a .pem file name"},
      {h + "a.pem\t\t" + sha + "\t2038-01-15T12:00:00Z\n", "display name is empty"},
      {h + "a.pem\tA\t" + std::string(64, 'B') + "\t2038-01-15T12:00:00Z\n", "64 lower-case"},
      {h + "a.pem\tA\t" + sha.substr(1) + "\t2038-01-15T12:00:00Z\n", "64 lower-case"},
      {h + "a.pem\tA\t" + sha + "\tsoon\n", "not an ISO 8601 time"},
      {h + good + good, "line 3: a.pem is listed twice"},
      {h + good + "b.pem\tB\t" + sha + "\t2038-01-15T12:00:00Z\n", "listed twice"},
  };
  for (const auto& c : cases) {
    auto r = ParseBuiltinManifest(c.text);
    ASSERT_FALSE(r) << c.text;
    EXPECT_EQ(r.error().code, Code::kMalformed);
    EXPECT_NE(r.error().detail.find(c.expect), std::string::npos)
        << c.text << " -> " << r.error().detail;
  }
}

}  // namespace
}  // namespace phonecert
