// Parsing a 50 MB provisioning file (.cfg) beside reading the same file into memory.
// Prints MB/s for both and the ratio parse time / read time at the end.
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <limits>
#include <string>

#include "base/file_io.h"
#include "settings/cfg_apply.h"
#include "settings/cfg_reader.h"

namespace phonecert {
namespace {

constexpr std::size_t kTargetBytes = 50u * 1000u * 1000u;

// One phone's worth of configuration: mostly keys phonecert does not own, comments, a few of
// ours (canonical and alias spellings), CRLF on some lines, blank lines.
std::string Block(std::size_t n) {
  std::string b;
  std::string id = std::to_string(n);
  b += "\n## ---- phone " + id + " -------------------------------------------------------\n";
  for (int a = 1; a <= 4; ++a) {
    std::string p = "account." + std::to_string(a) + ".";
    b += p + "enable = 1\n";
    b += p + "label = Ext " + id + "-" + std::to_string(a) + "\n";
    b += p + "display_name = User " + id + "\r\n";
    b += p + "auth_name = " + id + std::to_string(a) + "\n";
    b += p + "password = pw-" + id + "\n";
    b += p + "sip_server.1.address = sip" + std::to_string(a) + ".example.com\n";
    b += p + "sip_server.1.port = 5061\n";
    b += p + "sip_server.1.transport_type = 2\n";
    b += "# codecs for account " + std::to_string(a) + "\n";
    b += p + "codec.pcmu.enable = 1\n" + p + "codec.g722.enable = 1\n";
  }
  b += "local_time.time_zone = +1\nlocal_time.ntp_server1 = ntp.example.com\n";
  b += "static.security.trust_certificates = 1\n";
  b += "security.cn_validation = " + std::to_string(n % 2) + "\n";
  b += "static.security.ca_cert = " + std::to_string(n % 3) + "\r\n";
  b += "static.trusted_certificates.url = https://prov.example.com/certs/site-" + id + ".pem\n";
  b += "static.auto_provision.server.url =\n";
  b += "features.dnd.enable = 0\nphone_setting.backlight_time = 60\n\n";
  return b;
}

const std::filesystem::path& BenchFile() {
  static const std::filesystem::path path = [] {
    auto p = std::filesystem::temp_directory_path() /
             ("phonecert-cfg-bench-" + std::to_string(::getpid()) + ".cfg");
    std::string text = "#!version:1.0.0.1\n";
    text.reserve(kTargetBytes + 8192);
    for (std::size_t n = 0; text.size() < kTargetBytes; ++n) text += Block(n);
    std::ofstream(p, std::ios::binary) << text;
    return p;
  }();
  return path;
}

const std::string& BenchText() {
  static const std::string text = *ReadFileCapped(BenchFile(), std::numeric_limits<std::size_t>::max());
  return text;
}

void BM_ReadFile(benchmark::State& state) {
  std::size_t bytes = 0;
  for (auto _ : state) {
    auto text = ReadFileCapped(BenchFile(), std::numeric_limits<std::size_t>::max());
    if (!text) state.SkipWithError(text.error().detail.c_str());
    bytes = text->size();
    benchmark::DoNotOptimize(text->data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
}

void BM_Parse(benchmark::State& state) {
  const std::string& text = BenchText();
  std::size_t assignments = 0;
  for (auto _ : state) {
    auto parsed = ParseCfg(text, {.file_name = "bench.cfg"});
    if (!parsed) state.SkipWithError(parsed.error().detail.c_str());
    assignments = parsed->assignments.size();
    benchmark::DoNotOptimize(parsed->counts.unknown_keys);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
  state.counters["assignments"] = static_cast<double>(assignments);
}

void BM_ParseAndApply(benchmark::State& state) {
  const std::string& text = BenchText();
  for (auto _ : state) {
    auto parsed = ParseCfg(text, {.file_name = "bench.cfg"});
    ApplyResult r = Apply(Settings::Defaults(), *parsed);
    benchmark::DoNotOptimize(r.changes.size());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}

BENCHMARK(BM_ReadFile)->Unit(benchmark::kMillisecond)->MinTime(2.0);
BENCHMARK(BM_Parse)->Unit(benchmark::kMillisecond)->MinTime(2.0);
BENCHMARK(BM_ParseAndApply)->Unit(benchmark::kMillisecond)->MinTime(2.0);

// Keeps the bytes/s of each benchmark (the median when repeated) to print the ratio after the
// table. Rates are per CPU second (Google Benchmark's default), so a busy machine skews them less.
class RatioReporter : public benchmark::ConsoleReporter {
 public:
  void ReportRuns(const std::vector<Run>& runs) override {
    ConsoleReporter::ReportRuns(runs);
    for (const Run& r : runs) {
      bool aggregate = r.run_type == Run::RT_Aggregate;
      if (aggregate && r.aggregate_name != "median") continue;
      auto it = r.counters.find("bytes_per_second");
      if (it == r.counters.end()) continue;
      std::string name = r.run_name.function_name;
      if (name == "BM_ReadFile") Keep(read_, it->second.value, aggregate);
      if (name == "BM_Parse") Keep(parse_, it->second.value, aggregate);
    }
  }
  double read_ = 0;
  double parse_ = 0;

 private:
  void Keep(double& slot, double value, bool median) {
    if (median || !have_median_) slot = value;
    have_median_ = have_median_ || median;
  }
  bool have_median_ = false;
};

}  // namespace
}  // namespace phonecert

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  std::printf("file: %s, %.1f MB\n", phonecert::BenchFile().c_str(),
              static_cast<double>(phonecert::BenchText().size()) / 1e6);
  phonecert::RatioReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  if (reporter.read_ > 0 && reporter.parse_ > 0) {
    std::printf("cfg_parse_bench: read %.0f MB/s, parse %.0f MB/s (per CPU second); "
                "parse time / read time = %.2f\n",
                reporter.read_ / 1e6, reporter.parse_ / 1e6, reporter.read_ / reporter.parse_);
  }
  std::error_code ec;
  std::filesystem::remove(phonecert::BenchFile(), ec);
  benchmark::Shutdown();
  return 0;
}
