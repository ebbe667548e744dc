// Verifications on many threads while the trust store changes underneath (run again under
// ThreadSanitizer by the tsan.concurrency test: keep "Concurren" in the test name).
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "test_support.h"
#include "trust/trust_store.h"
#include "verify/verifier.h"
#include "x509/load.h"

namespace phonecert {
namespace {

using testing::Data;
using testing::TempDir;

const TimePoint kNow = *ParseIso8601("2030-01-01T00:00:00Z");

TEST(VerifierConcurrency, EightReadersWhileAnchorsChange) {
  TempDir dir;
  auto store = TrustStore::Open(StatePaths{dir.path()}, TrustStoreOptions{kNow, std::vector<Anchor>{}});
  ASSERT_TRUE(store) << store.error().ToString();
  ASSERT_TRUE((*store)->AddFile(Data("root-rsa.pem"), AddOptions{kNow, std::nullopt}));
  auto rsa_chain = LoadCertificatesFile(Data("leaf-san-chain.pem"))->certificates;
  auto ec_chain = LoadCertificatesFile(Data("leaf-ec256-chain.pem"))->certificates;

  Verifier verifier;
  VerifyPolicy policy;
  policy.cn_validation = true;
  std::atomic<bool> stop{false};
  std::atomic<int> rsa_refused{0};
  std::atomic<int> ec_trusted{0};
  constexpr int kReaders = 8;
  constexpr int kPerReader = 150;
  std::vector<std::thread> readers;
  for (int t = 0; t < kReaders; ++t) {
    readers.emplace_back([&] {
      for (int i = 0; i < kPerReader; ++i) {
        VerifyRequest r;
        r.peer_chain = (i % 2 == 0) ? rsa_chain : ec_chain;
        r.expected_name = "server.test";
        r.check_time = kNow;
        r.snapshot = (*store)->Snapshot();
        VerifyResult result = verifier.Verify(r, policy);
        if (i % 2 == 0 && !result.trusted()) ++rsa_refused;
        if (i % 2 == 1 && result.trusted()) ++ec_trusted;
      }
    });
  }
  std::thread writer([&] {
    int rounds = 0;
    while (!stop.load() || rounds < 5) {
      auto added = (*store)->AddFile(Data("root-ec.pem"), AddOptions{kNow, std::nullopt});
      EXPECT_TRUE(added) << added.error().ToString();
      auto removed = (*store)->Remove(added->front().certificate.Sha256());
      EXPECT_TRUE(removed) << removed.error().ToString();
      ++rounds;
    }
  });
  for (auto& r : readers) r.join();
  stop = true;
  writer.join();

  EXPECT_EQ(rsa_refused.load(), 0);  // root-rsa never left the store
  EXPECT_EQ(verifier.counters().verifications(), static_cast<std::uint64_t>(kReaders * kPerReader));
  EXPECT_EQ(verifier.counters().trusted() + verifier.counters().not_trusted(),
            verifier.counters().verifications());
  EXPECT_EQ(verifier.counters().trusted(),
            static_cast<std::uint64_t>(kReaders * kPerReader / 2 + ec_trusted.load()));
}

}  // namespace
}  // namespace phonecert
