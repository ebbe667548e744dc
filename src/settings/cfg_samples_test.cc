// The realistic provisioning files in tests/cfg: each one applies without a crash and gives
// exactly the diagnostics and settings its tests/cfg/expected/<name>.txt lists.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "settings/cfg_apply.h"
#include "settings/cfg_reader.h"
#include "settings/keys.h"
#include "test_support.h"

namespace phonecert {
namespace {

std::filesystem::path SamplesDir() {
  return std::filesystem::path(PHONECERT_SOURCE_DIR) / "tests" / "cfg";
}

struct Expectation {
  bool refused = false;
  std::vector<std::string> diagnostics;  // "LINE SEVERITY CODE"
  std::vector<std::string> values;       // "KEY VALUE", sorted
};

Expectation ReadExpectation(const std::filesystem::path& file) {
  Expectation e;
  std::istringstream in(testing::ReadAll(file));
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    if (line == "refused") {
      e.refused = true;
    } else if (line.starts_with("= ")) {
      e.values.push_back(line.substr(2));
    } else {
      e.diagnostics.push_back(line);
    }
  }
  std::sort(e.values.begin(), e.values.end());
  return e;
}

Result<ApplyResult> ApplyFile(const std::filesystem::path& file, const Settings& base) {
  auto parsed = ParseCfg(testing::ReadAll(file), {.file_name = file.filename().string()});
  if (!parsed) return std::unexpected(parsed.error());
  return Apply(base, *parsed);
}

std::vector<std::filesystem::path> Samples() {
  std::vector<std::filesystem::path> out;
  for (const auto& entry : std::filesystem::directory_iterator(SamplesDir())) {
    if (entry.path().extension() == ".cfg") out.push_back(entry.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

TEST(CfgSamples, AtLeastEightSamplesEachWithExpectations) {
  auto samples = Samples();
  EXPECT_GE(samples.size(), 8u);
  for (const auto& s : samples) {
    EXPECT_TRUE(std::filesystem::exists(SamplesDir() / "expected" /
                                         (s.stem().string() + ".txt")))
        << s;
  }
}

TEST(CfgSamples, EachAppliesWithTheExpectedDiagnosticsAndSettings) {
  for (const auto& sample : Samples()) {
    SCOPED_TRACE(sample.filename().string());
    Expectation want = ReadExpectation(SamplesDir() / "expected" /
                                       (sample.stem().string() + ".txt"));
    auto applied = ApplyFile(sample, Settings::Defaults());
    if (want.refused) {
      ASSERT_FALSE(applied);
      EXPECT_EQ(applied.error().code, Code::kBadConfigFile);
      continue;
    }
    ASSERT_TRUE(applied) << applied.error().detail;
    std::vector<std::string> got_diagnostics;
    for (const Diagnostic& d : applied->diagnostics) {
      EXPECT_EQ(d.file, sample.filename().string());
      got_diagnostics.push_back(std::to_string(d.line) + " " + std::string(SeverityName(d.severity)) +
                                " " + std::string(DiagnosticCodeName(d.code)));
    }
    EXPECT_EQ(got_diagnostics, want.diagnostics);
    std::vector<std::string> got_values;
    for (const Parameter& p : Parameters()) {
      const std::string& v = applied->settings.Value(p);
      if (v != p.default_value) got_values.push_back(std::string(p.key) + " " + v);
    }
    std::sort(got_values.begin(), got_values.end());
    EXPECT_EQ(got_values, want.values);
  }
}

TEST(CfgSamples, MacFileOverridesTheCommonFile) {
  auto common = ApplyFile(SamplesDir() / "y000000000000.cfg", Settings::Defaults());
  ASSERT_TRUE(common);
  auto mac = ApplyFile(SamplesDir() / "001565a1b2c3.cfg", common->settings);
  ASSERT_TRUE(mac);
  const Settings& s = mac->settings;
  EXPECT_EQ(s.CaCert(), 1);                                            // MAC file
  EXPECT_TRUE(s.CnValidation());                                       // common file
  EXPECT_EQ(s.AutoProvisionUrl(), "https://prov.example.com/yealink/");  // kept (empty value)
  EXPECT_EQ(s.DevCert(), 1);
}

}  // namespace
}  // namespace phonecert
