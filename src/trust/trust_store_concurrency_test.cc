// Readers verify on snapshots while a writer keeps changing the custom anchors. Run again under
// ThreadSanitizer by scripts/test.sh (the tsan.concurrency ctest).
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "test_support.h"
#include "trust/trust_store.h"
#include "x509/load.h"

namespace phonecert {
namespace {

using testing::Data;

const TimePoint kNow = *ParseIso8601("2030-01-01T00:00:00Z");

TEST(TrustStoreConcurrency, VerificationsSucceedWhileCustomAnchorsChange) {
  testing::TempDir tmp;
  auto opened = TrustStore::Open(StatePaths{tmp.path()}, TrustStoreOptions{kNow, std::nullopt});
  ASSERT_TRUE(opened) << opened.error().ToString();
  TrustStore& store = **opened;
  ASSERT_TRUE(store.AddFile(Data("root-rsa.pem"), AddOptions{kNow, std::nullopt}));

  auto chain = LoadCertificatesFile(Data("leaf-san-chain.pem"));
  ASSERT_TRUE(chain);
  ASSERT_EQ(chain->certificates.size(), 2u);
  const Certificate leaf = chain->certificates[0];
  const Certificate intermediate = chain->certificates[1];
  auto other = LoadCertificatesFile(Data("other-root.pem"));
  auto ec = LoadCertificatesFile(Data("root-ec.pem"));
  ASSERT_TRUE(other && ec);
  const std::string other_sha = other->certificates[0].Sha256();
  const std::string ec_sha = ec->certificates[0].Sha256();

  constexpr int kReaders = 8;
  constexpr int kWriterRounds = 25;
  std::atomic<bool> writer_done{false};
  std::atomic<int> verified{0}, failed{0}, writer_errors{0};
  std::atomic<int> generations_backwards{0};

  auto reader = [&] {
    std::uint64_t last_generation = 0;
    int mine = 0;
    while (!writer_done.load() || mine < 20) {
      std::shared_ptr<const TrustSnapshot> snap = store.Snapshot();
      if (snap->generation() < last_generation) ++generations_backwards;
      last_generation = snap->generation();
      ossl::X509StackPtr untrusted(sk_X509_new_null());
      sk_X509_push(untrusted.get(), intermediate.NewRef().release());
      ossl::X509StoreCtxPtr ctx(X509_STORE_CTX_new());
      const CaSelection sel = (mine % 2) ? CaSelection::kAll : CaSelection::kCustom;
      if (X509_STORE_CTX_init(ctx.get(), snap->Store(sel), leaf.native(), untrusted.get()) != 1) {
        ++failed;
        continue;
      }
      X509_STORE_CTX_set_time(ctx.get(), 0, kNow.time_since_epoch().count());
      if (X509_verify_cert(ctx.get()) == 1) {
        ++verified;
      } else {
        ++failed;
      }
      ++mine;
    }
  };
  auto writer = [&] {
    const std::string other_pem = other->certificates[0].Pem();
    const std::string ec_pem = ec->certificates[0].Pem();
    for (int i = 0; i < kWriterRounds; ++i) {
      if (!store.Add(other_pem, AddOptions{kNow, std::nullopt})) ++writer_errors;
      if (!store.Add(ec_pem, AddOptions{kNow, std::nullopt})) ++writer_errors;
      if (!store.Remove(other_sha)) ++writer_errors;
      if (!store.Remove(ec_sha.substr(0, 12))) ++writer_errors;
    }
    writer_done = true;
  };

  std::vector<std::thread> threads;
  for (int i = 0; i < kReaders; ++i) threads.emplace_back(reader);
  threads.emplace_back(writer);
  for (auto& t : threads) t.join();

  EXPECT_EQ(writer_errors.load(), 0);
  EXPECT_EQ(failed.load(), 0);
  EXPECT_GE(verified.load(), kReaders * 20);
  EXPECT_EQ(generations_backwards.load(), 0);
  const auto final_snapshot = store.Snapshot();
  EXPECT_EQ(final_snapshot->generation(), 1u + 4u * kWriterRounds);
  ASSERT_EQ(final_snapshot->custom().size(), 1u);
  EXPECT_EQ(final_snapshot->custom()[0].name, "Phonecert Test Root RSA");
}

}  // namespace
}  // namespace phonecert
