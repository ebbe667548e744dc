#include "state/admin_password.h"

#include <gtest/gtest.h>

#include <set>

namespace phonecert {
namespace {

// Few iterations keep the tests fast; the format and the checks are the same.
constexpr HashOptions kFast{.iterations = 1000};

TEST(AdminPassword, HashVerifiesOnlyTheSamePassword) {
  auto stored = HashPassword("correct horse", kFast);
  ASSERT_TRUE(stored) << stored.error().ToString();
  EXPECT_TRUE(stored->starts_with("pbkdf2-sha256$1000$"));
  EXPECT_EQ(stored->find("correct"), std::string::npos);
  auto ok = VerifyPassword("correct horse", *stored);
  ASSERT_TRUE(ok);
  EXPECT_TRUE(*ok);
  for (const char* wrong : {"correct hors", "correct horse ", "Correct horse", ""}) {
    auto bad = VerifyPassword(wrong, *stored);
    ASSERT_TRUE(bad);
    EXPECT_FALSE(*bad) << wrong;
  }
}

TEST(AdminPassword, SaltMakesEveryHashDifferent) {
  auto a = HashPassword("same", kFast);
  auto b = HashPassword("same", kFast);
  ASSERT_TRUE(a && b);
  EXPECT_NE(*a, *b);
  EXPECT_TRUE(*VerifyPassword("same", *a));
  EXPECT_TRUE(*VerifyPassword("same", *b));
}

TEST(AdminPassword, DefaultUsesTheDocumentedIterations) {
  auto stored = HashPassword("x");
  ASSERT_TRUE(stored);
  EXPECT_TRUE(stored->starts_with("pbkdf2-sha256$" + std::to_string(kPbkdf2Iterations) + "$"));
  // A trailing newline (as stored in the file) is tolerated.
  EXPECT_TRUE(*VerifyPassword("x", *stored + "\n"));
}

TEST(AdminPassword, MalformedStoredFormIsAnErrorNotAMismatch) {
  for (const char* bad : {"", "plain", "pbkdf2-sha256$10$00$00", "md5$1000$00$00",
                          "pbkdf2-sha256$1000$zz$00", "pbkdf2-sha256$1000$0011$0011"}) {
    auto r = VerifyPassword("x", bad);
    ASSERT_FALSE(r) << bad;
    EXPECT_EQ(r.error().code, Code::kInvalidValue);
  }
}

TEST(AdminPassword, GeneratedPasswordsAreLongRandomAndReadable) {
  std::set<std::string> seen;
  for (int i = 0; i < 50; ++i) {
    auto p = GeneratePassword();
    ASSERT_TRUE(p);
    ASSERT_EQ(p->size(), 23u) << *p;  // 4 groups of 5 + 3 dashes
    for (std::size_t j = 0; j < p->size(); ++j) {
      if (j % 6 == 5) {
        EXPECT_EQ((*p)[j], '-');
      } else {
        EXPECT_EQ(std::string("0o1lI").find((*p)[j]), std::string::npos) << *p;
        EXPECT_TRUE(std::islower(static_cast<unsigned char>((*p)[j])) ||
                    std::isdigit(static_cast<unsigned char>((*p)[j])));
      }
    }
    seen.insert(*p);
  }
  EXPECT_EQ(seen.size(), 50u);
}

TEST(AdminPassword, ConstantTimeEqualsAndRandomHex) {
  EXPECT_TRUE(ConstantTimeEquals("abc", "abc"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "abd"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "abcd"));
  EXPECT_TRUE(ConstantTimeEquals("", ""));
  auto a = RandomHex(32);
  auto b = RandomHex(32);
  ASSERT_TRUE(a && b);
  EXPECT_EQ(a->size(), 64u);
  EXPECT_NE(*a, *b);
  EXPECT_EQ(a->find_first_not_of("0123456789abcdef"), std::string::npos);
}

}  // namespace
}  // namespace phonecert
