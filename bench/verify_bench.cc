// verify_bench: the cost of our Verifier against plain OpenSSL X509_verify_cert, in one run.
//
//   verify_bench [google-benchmark flags]
//
// Test PKI: $PHONECERT_BENCH_DATA if set (a folder made by tests/data/gen-certs.sh), else the
// generator is run into a temporary folder at start (OpenSSL CLI). Store: the built-in anchors
// plus 10 custom ones (root-rsa, root-ec and 8 extra self-signed roots made with the OpenSSL CLI).
// Chain: leaf-san + int-rsa (server.test), checked at a fixed time.
//  - BM_PlainOpenSsl: X509_verify_cert on a pre-built X509_STORE (X509_V_FLAG_X509_STRICT and
//    the host name, as a plain OpenSSL client would).
//  - BM_Verifier: our VerifyServerChain with Common Name Validation on (custom anchor: private
//    profile), through the snapshot's prebuilt store.
//  - BM_VerifierPublicProfile: the same chain with root-rsa as a built-in anchor (strict profile).
//  - BM_SnapshotBuild: building a new TrustSnapshot after adding one custom anchor.
//  - BM_TrustStoreAddRemove: TrustStore::Add of one anchor then Remove (atomic writes + swap).
// After the runs it prints "ratio ours/plain: X" (target <= 1.15), from CPU time per iteration,
// which a busy shared machine disturbs less than wall time.
#include <benchmark/benchmark.h>
#include <openssl/x509_vfy.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>
#include <string>

#include "trust/builtin_anchors.h"
#include "trust/snapshot.h"
#include "trust/trust_store.h"
#include "verify/verifier.h"
#include "x509/load.h"

namespace {

using namespace phonecert;
namespace fs = std::filesystem;

const TimePoint kAt = *ParseIso8601("2030-01-01T00:00:00Z");

struct Fixture {
  fs::path data;
  fs::path temp;
  std::vector<Certificate> chain;            // leaf-san, int-rsa
  std::vector<Anchor> builtin;
  std::vector<Anchor> custom;                // 10
  std::shared_ptr<const TrustSnapshot> snapshot;         // root-rsa custom
  std::shared_ptr<const TrustSnapshot> public_snapshot;  // root-rsa built-in
  ossl::X509StorePtr plain_store;
  fs::path extra_root;                       // an 11th root, for the add benchmarks
};

int Sh(const std::string& cmd) { return std::system(cmd.c_str()); }

Certificate LoadOne(const fs::path& p) {
  auto l = LoadCertificatesFile(p);
  if (!l) {
    std::cerr << "verify_bench: " << l.error().ToString() << "\n";
    std::exit(1);
  }
  return l->certificates.at(0);
}

Fixture& F() {
  static Fixture f = [] {
    Fixture x;
    char tmpl[] = "/tmp/verify_bench.XXXXXX";
    x.temp = mkdtemp(tmpl);
    if (const char* d = std::getenv("PHONECERT_BENCH_DATA"); d && *d) {
      x.data = d;
    } else {
      x.data = x.temp / "pki";
      fs::path gen = fs::path(__FILE__).parent_path().parent_path() / "tests/data/gen-certs.sh";
      if (Sh("bash '" + gen.string() + "' '" + x.data.string() + "' >/dev/null") != 0) {
        std::cerr << "verify_bench: cannot run " << gen << " (set PHONECERT_BENCH_DATA)\n";
        std::exit(1);
      }
    }
    for (int i = 0; i < 9; ++i) {  // 8 extra custom roots + 1 for the add benchmarks
      fs::path base = x.temp / ("extra-root-" + std::to_string(i));
      std::string cmd = "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout '" +
                        base.string() + ".key' -out '" + base.string() +
                        ".pem' -subj '/CN=Bench Extra Root " + std::to_string(i) +
                        "' -days 36500 -addext basicConstraints=critical,CA:TRUE "
                        "-addext keyUsage=critical,keyCertSign,cRLSign 2>/dev/null";
      if (Sh(cmd) != 0) std::exit(1);
    }
    x.chain = LoadCertificatesFile(x.data / "leaf-san-chain.pem")->certificates;
    auto builtin = EmbeddedBuiltinAnchors();
    if (builtin) x.builtin = *builtin;
    x.custom.push_back({LoadOne(x.data / "root-rsa.pem"), AnchorSource::kCustom, "root-rsa", {}});
    x.custom.push_back({LoadOne(x.data / "root-ec.pem"), AnchorSource::kCustom, "root-ec", {}});
    for (int i = 0; i < 8; ++i) {
      fs::path p = x.temp / ("extra-root-" + std::to_string(i) + ".pem");
      x.custom.push_back({LoadOne(p), AnchorSource::kCustom, p.stem().string(), {}});
    }
    x.extra_root = x.temp / "extra-root-8.pem";
    x.snapshot = TrustSnapshot::Build(x.builtin, x.custom);
    std::vector<Anchor> pub_builtin = x.builtin;
    pub_builtin.push_back({x.custom[0].certificate, AnchorSource::kBuiltin, "root-rsa", {}});
    std::vector<Anchor> pub_custom(x.custom.begin() + 1, x.custom.end());
    x.public_snapshot = TrustSnapshot::Build(pub_builtin, pub_custom);
    x.plain_store.reset(X509_STORE_new());
    for (const auto& a : x.builtin) X509_STORE_add_cert(x.plain_store.get(), a.certificate.native());
    for (const auto& a : x.custom) X509_STORE_add_cert(x.plain_store.get(), a.certificate.native());
    return x;
  }();
  return f;
}

void BM_PlainOpenSsl(benchmark::State& state) {
  Fixture& f = F();
  ossl::X509StackPtr untrusted(sk_X509_new_null());
  sk_X509_push(untrusted.get(), f.chain[1].NewRef().release());
  for (auto _ : state) {
    ossl::X509StoreCtxPtr ctx(X509_STORE_CTX_new());
    X509_STORE_CTX_init(ctx.get(), f.plain_store.get(), f.chain[0].native(), untrusted.get());
    X509_VERIFY_PARAM* p = X509_STORE_CTX_get0_param(ctx.get());
    X509_VERIFY_PARAM_set_flags(p, X509_V_FLAG_X509_STRICT);
    X509_VERIFY_PARAM_set_time(p, static_cast<time_t>(kAt.time_since_epoch().count()));
    X509_VERIFY_PARAM_set1_host(p, "server.test", 0);
    int ok = X509_verify_cert(ctx.get());
    if (ok != 1) state.SkipWithError("plain OpenSSL refused the chain");
    benchmark::DoNotOptimize(ok);
  }
}

void RunVerifier(benchmark::State& state, const std::shared_ptr<const TrustSnapshot>& snapshot) {
  Fixture& f = F();
  VerifyPolicy policy;
  policy.cn_validation = true;
  for (auto _ : state) {
    VerifyRequest r;
    r.peer_chain = f.chain;
    r.expected_name = "server.test";
    r.check_time = kAt;
    r.snapshot = snapshot;
    VerifyResult result = VerifyServerChain(r, policy);
    if (!result.trusted()) state.SkipWithError(result.text.c_str());
    benchmark::DoNotOptimize(result);
  }
}
void BM_Verifier(benchmark::State& state) { RunVerifier(state, F().snapshot); }
void BM_VerifierPublicProfile(benchmark::State& state) { RunVerifier(state, F().public_snapshot); }

void BM_SnapshotBuild(benchmark::State& state) {
  Fixture& f = F();
  std::vector<Anchor> custom(f.custom.begin(), f.custom.end() - 1);
  custom.push_back({LoadOne(f.extra_root), AnchorSource::kCustom, "added", {}});
  std::uint64_t generation = 0;
  for (auto _ : state) {
    auto s = TrustSnapshot::Build(f.builtin, custom, ++generation);
    benchmark::DoNotOptimize(s);
  }
}

void BM_TrustStoreAddRemove(benchmark::State& state) {
  Fixture& f = F();
  fs::path dir = f.temp / "state";
  auto store = TrustStore::Open(StatePaths{dir}, TrustStoreOptions{kAt, f.builtin});
  if (!store) {
    state.SkipWithError(store.error().detail.c_str());
    return;
  }
  for (std::size_t i = 0; i + 1 < f.custom.size(); ++i) {
    (void)(*store)->Add(f.custom[i].certificate.Pem(), AddOptions{kAt, std::nullopt});
  }
  std::string pem = LoadOne(f.extra_root).Pem();
  for (auto _ : state) {
    auto added = (*store)->Add(pem, AddOptions{kAt, std::nullopt});
    if (!added) {
      state.SkipWithError(added.error().detail.c_str());
      break;
    }
    auto removed = (*store)->Remove(added->front().certificate.Sha256());
    benchmark::DoNotOptimize(removed);
  }
}

BENCHMARK(BM_PlainOpenSsl)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Verifier)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_VerifierPublicProfile)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_SnapshotBuild)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_TrustStoreAddRemove)->Unit(benchmark::kMicrosecond);

// Keeps each benchmark's CPU time per iteration to print the ratio after the table.
class RatioReporter : public benchmark::ConsoleReporter {
 public:
  void ReportRuns(const std::vector<Run>& runs) override {
    ConsoleReporter::ReportRuns(runs);
    for (const auto& r : runs) {
      if (r.error_occurred) continue;
      // With repetitions the median is used; otherwise the (single) iteration run.
      if (r.run_type == Run::RT_Aggregate && r.aggregate_name == "median") {
        medians_[r.run_name.function_name] = r.GetAdjustedCPUTime();
      } else if (r.run_type == Run::RT_Iteration) {
        times_[r.run_name.function_name] = r.GetAdjustedCPUTime();
      }
    }
  }
  double Time(const std::string& name) const {
    if (auto m = medians_.find(name); m != medians_.end()) return m->second;
    auto it = times_.find(name);
    return it == times_.end() ? 0 : it->second;
  }

 private:
  std::map<std::string, double> times_;
  std::map<std::string, double> medians_;
};

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  F();  // make the PKI before timing anything
  RatioReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  double plain = reporter.Time("BM_PlainOpenSsl");
  double ours = reporter.Time("BM_Verifier");
  double strict = reporter.Time("BM_VerifierPublicProfile");
  if (plain > 0 && ours > 0) {
    std::printf("ratio ours/plain: %.3f (CPU time per verification; target <= 1.15)\n", ours / plain);
  }
  if (plain > 0 && strict > 0) {
    std::printf("ratio ours (public-web profile)/plain: %.3f\n", strict / plain);
  }
  fs::remove_all(F().temp);
  benchmark::Shutdown();
  return 0;
}
