#include "identity/factory.h"

#include <gtest/gtest.h>

#include "identity/identity_test_support.h"
#include "identity/load_snapshot.h"

namespace phonecert {
namespace {

using identity_testing::kNow;
using identity_testing::Mode;
using testing::Data;
using testing::ReadAll;
using testing::RunCommand;
using testing::TempDir;

class FactoryTest : public ::testing::Test {
 protected:
  TempDir tmp;
  StatePaths paths{tmp.path() / "state"};
  FactoryPaths fp = FactoryPathsOf(paths);
  FactoryInitOptions options = [] {
    FactoryInitOptions o;
    o.mac = "00-15-65-AA-BB-CC";
    o.now = kNow;
    return o;
  }();

  // `openssl verify` of a factory certificate against the stored vendor chain.
  std::string OpensslVerify(const std::filesystem::path& leaf_chain,
                            const std::filesystem::path& ca_file) {
    auto leaf = tmp.path() / "leaf.pem";
    RunCommand("openssl x509 -in '" + leaf_chain.string() + "' -out '" + leaf.string() + "'");
    return RunCommand("openssl verify -attime 1893542400 -purpose sslserver -partial_chain "
                      "-CAfile '" + ca_file.string() + "' '" + leaf.string() + "'")
        .out;
  }
};

TEST_F(FactoryTest, DevelopmentDefaultCreatesEverythingOnce) {
  auto r = FactoryInit(paths, options);
  ASSERT_TRUE(r) << r.error().ToString();
  EXPECT_EQ(r->mac, "001565aabbcc");
  EXPECT_TRUE(r->development_vendor_ca);
  EXPECT_TRUE(r->created_development_vendor_ca);
  EXPECT_EQ(ReadAll(fp.mac()), "001565aabbcc\n");
  EXPECT_EQ(r->unique->leaf.SubjectCommonName(), "001565aabbcc");
  EXPECT_EQ(r->generic->leaf.SubjectCommonName(), kGenericCommonName);
  EXPECT_EQ(r->unique->leaf.IssuedBy(), kDevVendorCaCommonName);
  EXPECT_FALSE(r->unique->leaf.IsCa());
  for (const auto& key : {fp.unique_key(), fp.generic_key(), fp.dev_vendor_key()}) {
    EXPECT_EQ(Mode(key), 0600u) << key;
  }
  // The OpenSSL CLI agrees: both are server certificates issued by the vendor chain.
  EXPECT_NE(OpensslVerify(fp.unique_chain(), fp.vendor_chain()).find(": OK"), std::string::npos);
  EXPECT_NE(OpensslVerify(fp.generic_chain(), fp.vendor_chain()).find(": OK"), std::string::npos);
  auto subject = RunCommand("openssl x509 -noout -subject -in '" + fp.unique_chain().string() + "'");
  EXPECT_NE(subject.out.find("CN = 001565aabbcc"), std::string::npos) << subject.out;

  FactoryState state = LoadFactory(paths);
  EXPECT_TRUE(state.initialised);
  EXPECT_EQ(state.mac, "001565aabbcc");
  ASSERT_NE(state.unique, nullptr);
  ASSERT_NE(state.generic, nullptr);
  EXPECT_EQ(state.unique->leaf, r->unique->leaf);
  EXPECT_EQ(state.unique->chain.size(), 1u);
  EXPECT_EQ(state.generic->shared_key_warning, kSharedKeyWarning);
  EXPECT_TRUE(state.problems.empty());
}

TEST_F(FactoryTest, WrittenOnceUnlessForcedAndTheDevelopmentCaIsReused) {
  auto first = FactoryInit(paths, options);
  ASSERT_TRUE(first);
  std::string unique_before = ReadAll(fp.unique_chain());
  auto again = FactoryInit(paths, options);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, Code::kExists);
  EXPECT_EQ(ReadAll(fp.unique_chain()), unique_before);

  std::string ca_before = ReadAll(fp.dev_vendor_ca());
  options.overwrite = true;
  options.mac = "0015.65aa.bbcd";
  auto forced = FactoryInit(paths, options);
  ASSERT_TRUE(forced) << forced.error().ToString();
  EXPECT_FALSE(forced->created_development_vendor_ca);
  EXPECT_EQ(ReadAll(fp.dev_vendor_ca()), ca_before);
  EXPECT_EQ(forced->unique->leaf.SubjectCommonName(), "001565aabbcd");
  EXPECT_NE(ReadAll(fp.unique_chain()), unique_before);
}

TEST_F(FactoryTest, VendorCaFromTheOpensslCli) {
  options.vendor_ca = Data("int-rsa.pem");
  options.vendor_key = Data("int-rsa.key");
  auto r = FactoryInit(paths, options);
  ASSERT_TRUE(r) << r.error().ToString();
  EXPECT_FALSE(r->development_vendor_ca);
  EXPECT_FALSE(std::filesystem::exists(fp.dev_vendor_ca()));
  EXPECT_EQ(r->unique->leaf.IssuedBy(), "Phonecert Test Issuing CA");
  // The test root trusts it, through the stored vendor chain.
  auto leaf = tmp.path() / "leaf.pem";
  RunCommand("openssl x509 -in '" + fp.unique_chain().string() + "' -out '" + leaf.string() + "'");
  auto out = RunCommand("openssl verify -attime 1893542400 -purpose sslserver -CAfile '" +
                        Data("root-rsa.pem").string() + "' -untrusted '" +
                        fp.vendor_chain().string() + "' '" + leaf.string() + "'");
  EXPECT_NE(out.out.find(": OK"), std::string::npos) << out.out;
}

TEST_F(FactoryTest, Refusals) {
  options.mac = "00:15:65:aa:bb";
  auto bad_mac = FactoryInit(paths, options);
  ASSERT_FALSE(bad_mac);
  EXPECT_EQ(bad_mac.error().code, Code::kInvalidMac);
  options.mac = "001565aabbcc";

  options.vendor_ca = Data("int-rsa.pem");
  auto alone = FactoryInit(paths, options);
  ASSERT_FALSE(alone);
  EXPECT_EQ(alone.error().code, Code::kUsage);

  options.vendor_key = Data("root-ec.key");
  auto mismatch = FactoryInit(paths, options);
  ASSERT_FALSE(mismatch);
  EXPECT_EQ(mismatch.error().code, Code::kKeyMismatch);

  options.vendor_ca = Data("leaf-san.pem");
  options.vendor_key = Data("leaf-san.key");
  auto leaf = FactoryInit(paths, options);
  ASSERT_FALSE(leaf);
  EXPECT_EQ(leaf.error().code, Code::kInvalidArgument);

  options.vendor_ca = Data("int-expired.pem");
  options.vendor_key = Data("int-expired.key");
  auto expired = FactoryInit(paths, options);
  ASSERT_FALSE(expired);
  EXPECT_EQ(expired.error().code, Code::kExpired);
  // Nothing was written by any refusal.
  EXPECT_FALSE(LoadFactory(paths).initialised);
  EXPECT_FALSE(std::filesystem::exists(fp.unique_chain()));
}

TEST_F(FactoryTest, MissingUniqueLeavesGenericAndDamageIsReported) {
  ASSERT_TRUE(FactoryInit(paths, options));
  std::filesystem::remove(fp.unique_chain());
  std::filesystem::remove(fp.unique_key());
  auto snapshot = LoadIdentitySnapshot(paths);
  EXPECT_EQ(snapshot->unique, nullptr);
  ASSERT_NE(snapshot->generic, nullptr);
  EXPECT_TRUE(snapshot->problems.empty());
  EXPECT_EQ(Select(*snapshot, DevCertChoice::kDefault).identity, snapshot->generic);

  std::filesystem::copy_file(fp.generic_chain(), fp.unique_chain());  // key file missing
  snapshot = LoadIdentitySnapshot(paths);
  EXPECT_EQ(snapshot->unique, nullptr);
  ASSERT_EQ(snapshot->problems.size(), 1u);
  EXPECT_NE(snapshot->problems[0].find("unique"), std::string::npos);
}

}  // namespace
}  // namespace phonecert
