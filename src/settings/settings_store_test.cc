#include "settings/settings_store.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <atomic>
#include <fstream>
#include <thread>
#include <vector>

#include "settings/keys.h"
#include "test_support.h"

namespace phonecert {
namespace {

using testing::TempDir;

void WriteText(const std::filesystem::path& p, const std::string& text) {
  std::ofstream(p, std::ios::binary) << text;
}

TEST(SettingsStore, MissingFileGivesDefaultsQuietly) {
  TempDir dir;
  SettingsStore store(dir.path() / "settings.cfg");
  EXPECT_TRUE(store.Load().empty());
  EXPECT_EQ(*store.Current(), Settings::Defaults());
}

TEST(SettingsStore, FileWithoutHeaderGivesDefaultsAndOneDiagnostic) {
  TempDir dir;
  WriteText(dir.path() / "settings.cfg", "static.security.ca_cert = 1\n");
  SettingsStore store(dir.path() / "settings.cfg");
  auto d = store.Load();
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].severity, Severity::kError);
  EXPECT_EQ(d[0].code, DiagnosticCode::kBadFile);
  EXPECT_NE(d[0].sentence.find("default"), std::string::npos);
  EXPECT_EQ(store.Current()->CaCert(), 2);
}

TEST(SettingsStore, UnreadableOrJunkFilesNeverCrash) {
  TempDir dir;
  std::filesystem::create_directory(dir.path() / "as-dir.cfg");
  SettingsStore a(dir.path() / "as-dir.cfg");
  EXPECT_EQ(a.Load().size(), 1u);
  std::string junk;
  for (int i = 0; i < 10000; ++i) junk += static_cast<char>(i % 251);
  WriteText(dir.path() / "junk.cfg", junk);
  SettingsStore b(dir.path() / "junk.cfg");
  EXPECT_EQ(b.Load().size(), 1u);
  EXPECT_EQ(*b.Current(), Settings::Defaults());
}

TEST(SettingsStore, InvalidLinesInTheFileKeepTheRest) {
  TempDir dir;
  WriteText(dir.path() / "settings.cfg",
            "#!version:1.0.0.1\nstatic.security.ca_cert = 9\nstatic.security.dev_cert = 1\n");
  SettingsStore store(dir.path() / "settings.cfg");
  auto d = store.Load();
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].line, 2u);
  EXPECT_EQ(store.Current()->DevCert(), 1);
  EXPECT_EQ(store.Current()->CaCert(), 2);
}

TEST(SettingsStore, ReplacePersistsSecretsInAPrivateFile) {
  TempDir dir;
  auto file = dir.path() / "settings.cfg";
  Settings s = *Settings::Defaults().With(keys::kCaCert, "1");
  s = *s.With(keys::kAutoProvisionPassword, "pw=1");
  {
    SettingsStore store(file);
    ASSERT_TRUE(store.Replace(s));
    EXPECT_EQ(*store.Current(), s);
  }
  struct stat st {};
  ASSERT_EQ(::stat(file.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  SettingsStore again(file);
  EXPECT_TRUE(again.Load().empty());
  EXPECT_EQ(*again.Current(), s);
}

TEST(SettingsStore, FailedWriteKeepsTheCurrentSettings) {
  TempDir dir;
  SettingsStore store(dir.path() / "no-such-dir" / "settings.cfg");
  auto s = store.Replace(*Settings::Defaults().With(keys::kCaCert, "0"));
  EXPECT_FALSE(s);
  EXPECT_EQ(store.Current()->CaCert(), 2);
}

TEST(SettingsStore, ConcurrentReadersSeeWholeSnapshots) {
  TempDir dir;
  SettingsStore store(dir.path() / "settings.cfg");
  std::atomic<bool> stop{false};
  std::atomic<long> reads{0};
  std::atomic<long> torn{0};
  std::vector<std::thread> readers;
  for (int t = 0; t < 4; ++t) {
    readers.emplace_back([&] {
      while (!stop.load()) {
        auto s = store.Current();
        // Every snapshot the writer makes has ca_cert == dev_cert + 1 (or the defaults 2, 0).
        if (!(s->CaCert() == s->DevCert() + 1 || (s->CaCert() == 2 && s->DevCert() == 0))) {
          ++torn;
        }
        ++reads;
      }
    });
  }
  for (int i = 0; i < 40; ++i) {
    int dev = i % 2;
    Settings next = *Settings::Defaults().With(keys::kDevCert, std::to_string(dev));
    next = *next.With(keys::kCaCert, std::to_string(dev + 1));
    ASSERT_TRUE(store.Replace(next));
  }
  stop = true;
  for (auto& t : readers) t.join();
  EXPECT_EQ(torn.load(), 0);
  EXPECT_GT(reads.load(), 0);
  EXPECT_EQ(store.Current()->DevCert(), 1);
}

}  // namespace
}  // namespace phonecert
