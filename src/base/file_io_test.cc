// ReadFileCapped limits and WriteFileAtomic (mode, replacement, no temp files left behind).
#include "base/file_io.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "test_support.h"

namespace phonecert {
namespace {

namespace fs = std::filesystem;
using phonecert::testing::ReadAll;
using phonecert::testing::TempDir;

unsigned ModeOf(const fs::path& p) {
  struct stat st {};
  EXPECT_EQ(::stat(p.c_str(), &st), 0) << p;
  return st.st_mode & 07777;
}

std::vector<std::string> Entries(const fs::path& dir) {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(dir)) out.push_back(e.path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

// Sets the process umask for the scope of a test.
class ScopedUmask {
 public:
  explicit ScopedUmask(mode_t m) : old_(::umask(m)) {}
  ~ScopedUmask() { ::umask(old_); }

 private:
  mode_t old_;
};

TEST(BaseFileIoTest, WriteCreatesFileWithRequestedMode) {
  TempDir dir;
  for (mode_t mask : {mode_t{022}, mode_t{077}, mode_t{0}}) {
    ScopedUmask umask(mask);
    fs::path key = dir.path() / "key.pem";
    ASSERT_TRUE(WriteFileAtomic(key, "secret", WriteOptions{.mode = 0600}));
    EXPECT_EQ(ModeOf(key), 0600u) << "umask " << mask;
    fs::path pub = dir.path() / "cert.pem";
    ASSERT_TRUE(WriteFileAtomic(pub, "public", WriteOptions{.mode = 0644}));
    EXPECT_EQ(ModeOf(pub), 0644u) << "umask " << mask;
    fs::remove(key);
    fs::remove(pub);
  }
}

TEST(BaseFileIoTest, DefaultModeIs0644) {
  TempDir dir;
  ScopedUmask umask(077);
  ASSERT_TRUE(WriteFileAtomic(dir.path() / "f", "x"));
  EXPECT_EQ(ModeOf(dir.path() / "f"), 0644u);
}

TEST(BaseFileIoTest, WriteReplacesContentAndLeavesNoTempFiles) {
  TempDir dir;
  fs::path p = dir.path() / "state.json";
  ASSERT_TRUE(WriteFileAtomic(p, std::string(10000, 'a')));
  EXPECT_EQ(ReadAll(p), std::string(10000, 'a'));
  ASSERT_TRUE(WriteFileAtomic(p, "short"));
  EXPECT_EQ(ReadAll(p), "short");
  ASSERT_TRUE(WriteFileAtomic(p, ""));
  EXPECT_EQ(ReadAll(p), "");
  std::string binary("a\0b\xff", 4);
  ASSERT_TRUE(WriteFileAtomic(p, binary, WriteOptions{.mode = 0600}));
  EXPECT_EQ(ReadAll(p), binary);
  EXPECT_EQ(ModeOf(p), 0600u);  // a replacement takes the new mode
  EXPECT_EQ(Entries(dir.path()), std::vector<std::string>{"state.json"});
}

TEST(BaseFileIoTest, WriteIntoMissingDirectoryFails) {
  TempDir dir;
  auto r = WriteFileAtomic(dir.path() / "no" / "such" / "f", "x");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, Code::kIoError);
  EXPECT_FALSE(r.error().detail.empty());
  EXPECT_TRUE(Entries(dir.path()).empty());
}

TEST(BaseFileIoTest, WriteOntoDirectoryFailsAndCleansUp) {
  TempDir dir;
  fs::create_directory(dir.path() / "d");
  fs::create_directory(dir.path() / "d" / "inner");  // rename onto a non-empty dir fails
  auto r = WriteFileAtomic(dir.path() / "d", "x");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, Code::kIoError);
  EXPECT_EQ(Entries(dir.path()), std::vector<std::string>{"d"});
}

TEST(BaseFileIoTest, ReadCappedLimits) {
  TempDir dir;
  fs::path p = dir.path() / "f";
  ASSERT_TRUE(WriteFileAtomic(p, std::string(1000, 'z')));
  auto exact = ReadFileCapped(p, 1000);
  ASSERT_TRUE(exact) << exact.error().ToString();
  EXPECT_EQ(exact->size(), 1000u);
  auto over = ReadFileCapped(p, 999);
  ASSERT_FALSE(over);
  EXPECT_EQ(over.error().code, Code::kTooLarge);
  EXPECT_NE(over.error().detail.find("limit"), std::string::npos) << over.error().detail;
  auto missing = ReadFileCapped(dir.path() / "empty", 10);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, Code::kNotFound);
  ASSERT_TRUE(WriteFileAtomic(dir.path() / "empty", ""));
  auto empty = ReadFileCapped(dir.path() / "empty", 0);
  ASSERT_TRUE(empty);
  EXPECT_TRUE(empty->empty());
}

TEST(BaseFileIoTest, ReadCappedRefusesDirectory) {
  TempDir dir;
  auto r = ReadFileCapped(dir.path(), 100);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, Code::kIoError);
}

TEST(BaseFileIoTest, ReadCappedStopsEndlessStreams) {
  // A character device has no size up front: the cap applies while reading.
  auto r = ReadFileCapped("/dev/zero", 200000);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, Code::kTooLarge);
  auto null = ReadFileCapped("/dev/null", 10);
  ASSERT_TRUE(null);
  EXPECT_TRUE(null->empty());
}

TEST(BaseFileIoTest, FormatSize) {
  EXPECT_EQ(FormatSize(0), "0 bytes");
  EXPECT_EQ(FormatSize(1023), "1023 bytes");
  EXPECT_EQ(FormatSize(1024), "1.0 KB");
  EXPECT_EQ(FormatSize(kMaxUploadBytes), "5.0 MB");
  EXPECT_EQ(FormatSize(kMaxUploadBytes + kMaxUploadBytes / 25), "5.2 MB");
}

}  // namespace
}  // namespace phonecert
