// Fetcher over file:// URLs (the network schemes are tested against real servers in
// tests/integration/provision*.sh).
#include "provision/fetcher.h"

#include <gtest/gtest.h>

#include <fstream>

#include "test_support.h"

namespace phonecert::provision {
namespace {

using phonecert::testing::TempDir;

void Write(const std::filesystem::path& p, const std::string& data) {
  std::ofstream(p, std::ios::binary) << data;
}

FetchResult FetchFile(const std::filesystem::path& p, FetchLimits limits = {}) {
  FetchRequest r;
  r.url = "file://" + p.string();
  r.limits = limits;
  return Fetch(r);
}

TEST(Fetcher, ReadsAWholeFile) {
  TempDir dir;
  Write(dir.path() / "a.cfg", "#!version:1.0.0.1\nkey = v\n");
  FetchResult r = FetchFile(dir.path() / "a.cfg");
  ASSERT_EQ(r.status, FetchStatus::kOk) << (r.error ? r.error->detail : "");
  EXPECT_EQ(r.body, "#!version:1.0.0.1\nkey = v\n");
  EXPECT_EQ(r.bytes, r.body.size());
}

TEST(Fetcher, MissingFileIsNotFoundNotAnError) {
  TempDir dir;
  FetchResult r = FetchFile(dir.path() / "001565aabbcc.cfg");
  EXPECT_EQ(r.status, FetchStatus::kNotFound);
  EXPECT_FALSE(r.error);
  EXPECT_TRUE(r.body.empty());
}

TEST(Fetcher, DirectoryIsAnErrorNotNotFound) {
  TempDir dir;
  std::filesystem::create_directory(dir.path() / "sub");
  FetchResult r = FetchFile(dir.path() / "sub");
  EXPECT_EQ(r.status, FetchStatus::kFailed);
  ASSERT_TRUE(r.error);
}

TEST(Fetcher, FileOverTheCapIsRefused) {
  TempDir dir;
  Write(dir.path() / "big.pem", std::string(6 * 1024 * 1024, 'A'));
  FetchResult r = FetchFile(dir.path() / "big.pem");
  ASSERT_EQ(r.status, FetchStatus::kFailed);
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->code, Code::kTooLarge);
  EXPECT_NE(r.error->detail.find("5.0 MB"), std::string::npos) << r.error->detail;
  EXPECT_TRUE(r.body.empty());
}

TEST(Fetcher, CapIsExactlyTheLimit) {
  TempDir dir;
  FetchLimits limits;
  limits.max_bytes = 1000;
  Write(dir.path() / "at.bin", std::string(1000, 'x'));
  Write(dir.path() / "over.bin", std::string(1001, 'x'));
  EXPECT_EQ(FetchFile(dir.path() / "at.bin", limits).status, FetchStatus::kOk);
  FetchResult over = FetchFile(dir.path() / "over.bin", limits);
  ASSERT_EQ(over.status, FetchStatus::kFailed);
  EXPECT_EQ(over.error->code, Code::kTooLarge);
}

TEST(Fetcher, BadUrlIsRefusedBeforeAnyTransfer) {
  FetchRequest r;
  r.url = "dict://127.0.0.1/x";
  FetchResult out = Fetch(r);
  ASSERT_EQ(out.status, FetchStatus::kFailed);
  EXPECT_EQ(out.error->code, Code::kInvalidArgument);
}

TEST(Fetcher, ConnectionRefusedIsAFetchError) {
  // Port 1 on loopback: nothing listens there on a test machine.
  FetchRequest r;
  r.url = "http://127.0.0.1:1/y000000000000.cfg";
  FetchResult out = Fetch(r);
  ASSERT_EQ(out.status, FetchStatus::kFailed);
  EXPECT_EQ(out.error->code, Code::kFetchFailed);
}

TEST(Fetcher, ReportedUrlHasNoPassword) {
  FetchRequest r;
  r.url = "http://phone:topsecret@127.0.0.1:1/y000000000000.cfg";
  FetchResult out = Fetch(r);
  EXPECT_EQ(out.url.find("topsecret"), std::string::npos);
  ASSERT_TRUE(out.error);
  EXPECT_EQ(out.error->detail.find("topsecret"), std::string::npos);
}

}  // namespace
}  // namespace phonecert::provision
