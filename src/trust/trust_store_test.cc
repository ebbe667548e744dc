#include "trust/trust_store.h"

#include <gtest/gtest.h>

#include <fstream>
#include <set>

#include "test_support.h"
#include "trust/builtin_anchors.h"
#include "x509/load.h"

namespace phonecert {
namespace {

using testing::Data;
using testing::ReadAll;
using testing::TempDir;

TimePoint At(const char* iso) { return *ParseIso8601(iso); }
const TimePoint kNow = At("2030-01-01T00:00:00Z");

Certificate Load(const std::string& name) {
  auto loaded = LoadCertificatesFile(Data(name));
  EXPECT_TRUE(loaded) << name;
  return loaded->certificates.at(0);
}

std::vector<std::string> Shas(const std::vector<Anchor>& anchors) {
  std::vector<std::string> out;
  for (const auto& a : anchors) out.push_back(a.certificate.Sha256());
  return out;
}

std::set<std::string> DirListing(const std::filesystem::path& dir) {
  std::set<std::string> out;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    out.insert(e.path().filename().string());
  }
  return out;
}

void WriteFile(const std::filesystem::path& p, const std::string& data) {
  std::ofstream(p, std::ios::binary) << data;
}

class TrustStoreTest : public ::testing::Test {
 protected:
  std::unique_ptr<TrustStore> Open(TimePoint now = kNow) {
    auto s = TrustStore::Open(paths_, TrustStoreOptions{now, std::nullopt});
    EXPECT_TRUE(s) << s.error().ToString();
    return s ? std::move(*s) : nullptr;
  }
  std::vector<Anchor> Add(TrustStore& store, const std::string& name,
                          std::optional<std::string> password = std::nullopt) {
    auto r = store.AddFile(Data(name), AddOptions{kNow, password});
    EXPECT_TRUE(r) << name << ": " << r.error().ToString();
    return r ? *r : std::vector<Anchor>{};
  }
  std::filesystem::path Dir() const { return paths_.custom_trusted(); }

  TempDir tmp_;
  StatePaths paths_{tmp_.path() / "state"};
};

TEST_F(TrustStoreTest, FreshStoreHasBuiltinAnchorsOnly) {
  auto store = Open();
  auto snap = store->Snapshot();
  EXPECT_TRUE(snap->custom().empty());
  ASSERT_TRUE(EmbeddedBuiltinAnchors());
  EXPECT_EQ(snap->builtin().size(), EmbeddedBuiltinAnchors()->size());
  EXPECT_TRUE(store->load_problems().empty());
  EXPECT_FALSE(std::filesystem::exists(paths_.root)) << "opening must not create the state";
}

TEST_F(TrustStoreTest, AddStoresNormalisedPemNamedBySha256AndIndex) {
  auto store = Open();
  const auto gen = store->Snapshot()->generation();
  auto added = Add(*store, "root-rsa.der");
  ASSERT_EQ(added.size(), 1u);
  const Certificate root = Load("root-rsa.pem");
  EXPECT_EQ(added[0].certificate, root);
  EXPECT_EQ(added[0].source, AnchorSource::kCustom);
  EXPECT_EQ(added[0].name, "Phonecert Test Root RSA");
  EXPECT_TRUE(added[0].warnings.empty());

  auto snap = store->Snapshot();
  EXPECT_GT(snap->generation(), gen);
  ASSERT_EQ(snap->custom().size(), 1u);
  EXPECT_EQ(snap->custom()[0].certificate, root);
  const auto file = Dir() / (root.Sha256() + ".pem");
  EXPECT_EQ(ReadAll(file), root.Pem());
  EXPECT_NE(ReadAll(Dir() / "index.txt").find(root.Sha256() + "\n"), std::string::npos);
}

TEST_F(TrustStoreTest, BundleAddsEachCertificateInOrder) {
  auto store = Open();
  auto added = Add(*store, "bundle-roots.pem");
  const std::vector<std::string> want = {Load("root-rsa.pem").Sha256(), Load("root-ec.pem").Sha256(),
                                         Load("other-root.pem").Sha256()};
  EXPECT_EQ(Shas(added), want);
  EXPECT_EQ(Shas(store->Snapshot()->custom()), want);
}

TEST_F(TrustStoreTest, Pkcs12AddsItsCertificatesWithWarningForTheLeaf) {
  auto store = Open();
  auto added = Add(*store, "leaf-san.p12", "secret");
  ASSERT_FALSE(added.empty());
  EXPECT_EQ(added[0].certificate, Load("leaf-san.pem"));
  EXPECT_EQ(added[0].warnings, std::vector<std::string>{"not a CA certificate"});
}

TEST_F(TrustStoreTest, LimitOfTenRefusesTheEleventhAndLeavesStoreUnchanged) {
  auto store = Open();
  const char* files[] = {"root-rsa.pem", "root-ec.pem",     "other-root.pem", "int-rsa.pem",
                         "int-ec.pem",   "int-expired.pem", "int-nc.pem",     "leaf-san.pem",
                         "leaf-wild.pem", "leaf-ip.pem"};
  for (const char* f : files) Add(*store, f);
  ASSERT_EQ(store->Snapshot()->custom().size(), kMaxCustomAnchors);
  const auto before = store->Snapshot();
  const std::string index_before = ReadAll(Dir() / "index.txt");
  const auto listing_before = DirListing(Dir());

  auto r = store->AddFile(Data("leaf-nosan.pem"), AddOptions{kNow, std::nullopt});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, Code::kTrustStoreFull);
  EXPECT_EQ(r.error().detail,
            "adding 1 certificate would make 11 custom CA certificates; the limit is 10");
  EXPECT_EQ(store->Snapshot(), before);
  EXPECT_EQ(ReadAll(Dir() / "index.txt"), index_before);
  EXPECT_EQ(DirListing(Dir()), listing_before);
}

TEST_F(TrustStoreTest, BundleThatWouldPassTheLimitIsRefusedWhole) {
  auto store = Open();
  const char* files[] = {"int-rsa.pem",  "int-ec.pem",    "int-expired.pem", "int-nc.pem",
                         "leaf-san.pem", "leaf-wild.pem", "leaf-ip.pem",     "leaf-nosan.pem",
                         "leaf-v1.pem"};
  for (const char* f : files) Add(*store, f);
  ASSERT_EQ(store->Snapshot()->custom().size(), 9u);
  const auto before = store->Snapshot();
  const auto listing_before = DirListing(Dir());

  auto r = store->AddFile(Data("bundle-roots.pem"), AddOptions{kNow, std::nullopt});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, Code::kTrustStoreFull);
  EXPECT_EQ(r.error().detail,
            "adding 3 certificates would make 12 custom CA certificates; the limit is 10");
  EXPECT_EQ(store->Snapshot(), before);
  EXPECT_EQ(DirListing(Dir()), listing_before) << "no certificate of the bundle may be written";
  EXPECT_EQ(Shas(Open()->Snapshot()->custom()), Shas(before->custom()));
}

TEST_F(TrustStoreTest, DuplicateIsRefusedNamingIt) {
  auto store = Open();
  Add(*store, "root-ec.pem");
  Add(*store, "root-rsa.pem");
  auto r = store->AddFile(Data("root-rsa.der"), AddOptions{kNow, std::nullopt});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, Code::kDuplicate);
  EXPECT_NE(r.error().detail.find("\"Phonecert Test Root RSA\""), std::string::npos)
      << r.error().detail;
  EXPECT_NE(r.error().detail.find("already custom CA certificate 2"), std::string::npos)
      << r.error().detail;

  // A bundle holding one certificate already present adds nothing.
  r = store->AddFile(Data("bundle-roots.pem"), AddOptions{kNow, std::nullopt});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, Code::kDuplicate);
  EXPECT_EQ(store->Snapshot()->custom().size(), 2u);
}

TEST_F(TrustStoreTest, SameCertificateTwiceInOneFileIsRefused) {
  auto store = Open();
  const std::string pem = ReadAll(Data("root-ec.pem"));
  auto r = store->Add(pem + ReadAll(Data("root-rsa.pem")) + pem, AddOptions{kNow, std::nullopt});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, Code::kDuplicate);
  EXPECT_NE(r.error().detail.find("certificates 1 and 3"), std::string::npos) << r.error().detail;
  EXPECT_TRUE(store->Snapshot()->custom().empty());
}

TEST_F(TrustStoreTest, NonCaAndExpiredAreAcceptedWithWarningsThatPersist) {
  auto store = Open();
  auto leaf = Add(*store, "leaf-san.pem");
  auto expired = Add(*store, "int-expired.pem");
  ASSERT_EQ(leaf.size(), 1u);
  ASSERT_EQ(expired.size(), 1u);
  EXPECT_EQ(leaf[0].warnings, std::vector<std::string>{"not a CA certificate"});
  EXPECT_EQ(expired[0].warnings, std::vector<std::string>{"expired on 2002-01-01"});

  auto reopened = Open();
  const auto& custom = reopened->Snapshot()->custom();
  ASSERT_EQ(custom.size(), 2u);
  EXPECT_EQ(custom[0].warnings, std::vector<std::string>{"not a CA certificate"});
  EXPECT_EQ(custom[1].warnings, std::vector<std::string>{"expired on 2002-01-01"});
  // The warnings follow the time passed in.
  EXPECT_TRUE(Open(At("2001-06-01T00:00:00Z"))->Snapshot()->custom()[1].warnings.empty());
}

TEST_F(TrustStoreTest, RemoveByIndexKeepsTheOrderOfTheOthers) {
  auto store = Open();
  Add(*store, "bundle-roots.pem");
  const std::string ec = Load("root-ec.pem").Sha256();
  auto removed = store->Remove("2");
  ASSERT_TRUE(removed) << removed.error().ToString();
  EXPECT_EQ(removed->certificate.Sha256(), ec);
  EXPECT_EQ(Shas(store->Snapshot()->custom()),
            (std::vector<std::string>{Load("root-rsa.pem").Sha256(), Load("other-root.pem").Sha256()}));
  EXPECT_FALSE(std::filesystem::exists(Dir() / (ec + ".pem")));
  EXPECT_EQ(Shas(Open()->Snapshot()->custom()), Shas(store->Snapshot()->custom()));
}

TEST_F(TrustStoreTest, RemoveIndexOutOfRange) {
  auto store = Open();
  Add(*store, "root-rsa.pem");
  for (const char* spec : {"0", "2", "7"}) {
    auto r = store->Remove(spec);
    ASSERT_FALSE(r) << spec;
    EXPECT_EQ(r.error().code, Code::kNoSuchCertificate);
  }
  EXPECT_EQ(store->Remove("2").error().detail,
            "there is no custom CA certificate 2; there is 1 custom CA certificate");
  EXPECT_EQ(store->Snapshot()->custom().size(), 1u);
}

TEST_F(TrustStoreTest, RemoveByFullFingerprintColonFormAndPrefix) {
  auto store = Open();
  Add(*store, "bundle-roots.pem");
  const Certificate rsa = Load("root-rsa.pem");
  const Certificate ec = Load("root-ec.pem");
  const Certificate other = Load("other-root.pem");

  auto r = store->Remove(rsa.Sha256());
  ASSERT_TRUE(r) << r.error().ToString();
  EXPECT_EQ(r->certificate, rsa);
  r = store->Remove(ec.Sha256Fingerprint());  // "AB:CD:..." as openssl prints it
  ASSERT_TRUE(r) << r.error().ToString();
  EXPECT_EQ(r->certificate, ec);
  r = store->Remove(other.Sha256().substr(0, 8));
  ASSERT_TRUE(r) << r.error().ToString();
  EXPECT_EQ(r->certificate, other);
  EXPECT_TRUE(store->Snapshot()->custom().empty());
}

TEST_F(TrustStoreTest, RemoveByFingerprintRefusals) {
  auto store = Open();
  Add(*store, "root-rsa.pem");
  const std::string sha = Load("root-rsa.pem").Sha256();

  auto r = store->Remove(sha.substr(0, 7) + "x");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, Code::kInvalidArgument);
  r = store->RemoveByFingerprint(sha.substr(0, 7));
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().detail.find("at least 8 hex digits"), std::string::npos);
  r = store->Remove(Load("root-ec.pem").Sha256());
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, Code::kNoSuchCertificate);

  const Anchor& builtin = store->Snapshot()->builtin().front();
  r = store->Remove(builtin.certificate.Sha256());
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, Code::kInvalidArgument);
  EXPECT_NE(r.error().detail.find("is a built-in CA certificate"), std::string::npos);
  EXPECT_EQ(store->Snapshot()->custom().size(), 1u);
  EXPECT_EQ(store->Snapshot()->builtin().size(), EmbeddedBuiltinAnchors()->size());
}

TEST_F(TrustStoreTest, RemoveAllEmptiesTheStoreOnDisk) {
  auto store = Open();
  Add(*store, "bundle-roots.pem");
  Add(*store, "int-rsa.pem");
  auto n = store->RemoveAll();
  ASSERT_TRUE(n) << n.error().ToString();
  EXPECT_EQ(*n, 4u);
  EXPECT_TRUE(store->Snapshot()->custom().empty());
  EXPECT_EQ(DirListing(Dir()), std::set<std::string>{"index.txt"});
  EXPECT_TRUE(Open()->Snapshot()->custom().empty());
  n = store->RemoveAll();
  ASSERT_TRUE(n);
  EXPECT_EQ(*n, 0u);
}

TEST_F(TrustStoreTest, PersistsAcrossReopenInIndexOrder) {
  {
    auto store = Open();
    Add(*store, "int-ec.pem");
    Add(*store, "bundle-roots.pem");
    ASSERT_TRUE(store->Remove("3"));
  }
  auto store = Open();
  EXPECT_EQ(Shas(store->Snapshot()->custom()),
            (std::vector<std::string>{Load("int-ec.pem").Sha256(), Load("root-rsa.pem").Sha256(),
                                      Load("other-root.pem").Sha256()}));
  EXPECT_TRUE(store->load_problems().empty());
}

// What a crash can leave behind: a certificate file written but never named by the index, a
// half-written certificate, the temp file of an index that was never renamed.
TEST_F(TrustStoreTest, StrayAndHalfWrittenFilesAreIgnoredAndCleanedByTheNextChange) {
  auto store = Open();
  Add(*store, "root-rsa.pem");
  const Certificate other = Load("other-root.pem");
  const std::string half = std::string(64, 'c') + ".pem";
  WriteFile(Dir() / (other.Sha256() + ".pem"), other.Pem());
  WriteFile(Dir() / half, other.Pem().substr(0, 100));
  WriteFile(Dir() / ".index.txt.tmp123456",
            Load("root-rsa.pem").Sha256() + "\n" + other.Sha256() + "\n");

  auto reopened = Open();
  EXPECT_EQ(Shas(reopened->Snapshot()->custom()),
            std::vector<std::string>{Load("root-rsa.pem").Sha256()});
  EXPECT_TRUE(reopened->load_problems().empty());

  Add(*reopened, "root-ec.pem");
  const auto listing = DirListing(Dir());
  EXPECT_FALSE(listing.contains(other.Sha256() + ".pem"));
  EXPECT_FALSE(listing.contains(half));
  EXPECT_FALSE(listing.contains(".index.txt.tmp123456"));
  EXPECT_EQ(listing.size(), 3u);  // index.txt + two certificates
}

TEST_F(TrustStoreTest, IndexEntryWithMissingOrWrongFileIsSkippedWithAProblem) {
  auto store = Open();
  Add(*store, "bundle-roots.pem");
  const std::string rsa = Load("root-rsa.pem").Sha256();
  const std::string ec = Load("root-ec.pem").Sha256();
  std::filesystem::remove(Dir() / (rsa + ".pem"));
  WriteFile(Dir() / (ec + ".pem"), Load("other-root.pem").Pem());  // content != name

  auto reopened = Open();
  EXPECT_EQ(Shas(reopened->Snapshot()->custom()),
            std::vector<std::string>{Load("other-root.pem").Sha256()});
  ASSERT_EQ(reopened->load_problems().size(), 2u);
  EXPECT_NE(reopened->load_problems()[0].find(rsa), std::string::npos);
  EXPECT_NE(reopened->load_problems()[1].find("not its name"), std::string::npos);
}

TEST_F(TrustStoreTest, SnapshotStoresVerifyAndOldSnapshotsStayUsable) {
  auto store = Open();
  Add(*store, "root-rsa.pem");
  auto with_root = store->Snapshot();
  ASSERT_TRUE(store->RemoveAll());
  auto without_root = store->Snapshot();

  auto chain = LoadCertificatesFile(Data("leaf-san-chain.pem"));
  ASSERT_TRUE(chain);
  auto verify = [&](const TrustSnapshot& snap, CaSelection sel) {
    ossl::X509StackPtr untrusted(sk_X509_new_null());
    sk_X509_push(untrusted.get(), chain->certificates[1].NewRef().release());
    ossl::X509StoreCtxPtr ctx(X509_STORE_CTX_new());
    X509_STORE_CTX_init(ctx.get(), snap.Store(sel), chain->certificates[0].native(),
                        untrusted.get());
    X509_STORE_CTX_set_time(ctx.get(), 0, kNow.time_since_epoch().count());
    return X509_verify_cert(ctx.get()) == 1;
  };
  EXPECT_TRUE(verify(*with_root, CaSelection::kCustom));
  EXPECT_TRUE(verify(*with_root, CaSelection::kAll));
  EXPECT_FALSE(verify(*with_root, CaSelection::kBuiltin));
  EXPECT_FALSE(verify(*without_root, CaSelection::kAll));
  EXPECT_NE(with_root->Find(Load("root-rsa.pem").native()), nullptr);
  EXPECT_EQ(without_root->Find(Load("root-rsa.pem").native()), nullptr);
}

}  // namespace
}  // namespace phonecert
