#include "trust/anchor_warnings.h"

#include <gtest/gtest.h>

#include "test_support.h"
#include "x509/load.h"

namespace phonecert {
namespace {

Certificate Load(const std::string& name) {
  auto loaded = LoadCertificatesFile(testing::Data(name));
  EXPECT_TRUE(loaded) << name;
  return loaded->certificates.at(0);
}

TimePoint At(const char* iso) { return *ParseIso8601(iso); }

TEST(AnchorWarnings, ValidCaHasNone) {
  EXPECT_TRUE(AnchorWarnings(Load("root-rsa.pem"), At("2030-01-01")).empty());
}

TEST(AnchorWarnings, LeafIsNotACa) {
  EXPECT_EQ(AnchorWarnings(Load("leaf-san.pem"), At("2030-01-01")),
            std::vector<std::string>{"not a CA certificate"});
}

TEST(AnchorWarnings, ExpiryDependsOnTheTimePassedIn) {
  const Certificate c = Load("int-expired.pem");  // 2001-01-01 .. 2002-01-01
  EXPECT_EQ(AnchorWarnings(c, At("2030-01-01")),
            std::vector<std::string>{"expired on 2002-01-01"});
  EXPECT_TRUE(AnchorWarnings(c, At("2001-06-01")).empty());
  EXPECT_EQ(AnchorWarnings(c, At("2000-06-01")),
            std::vector<std::string>{"not valid before 2001-01-01"});
}

}  // namespace
}  // namespace phonecert
