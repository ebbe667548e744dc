// Error codes: every code has its own stable name; exit codes and HTTP statuses by code.
#include "base/error.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace phonecert {
namespace {

constexpr int kFirst = static_cast<int>(Code::kOk);
constexpr int kLast = static_cast<int>(Code::kInternal);  // the enum's last member

TEST(BaseErrorTest, EveryCodeHasADistinctName) {
  // Values past the enum fall back to "internal"; codes may be appended anywhere, so scan wide
  // and require every other name to appear once.
  std::set<std::string_view> names;
  int named = 0;
  for (int i = kFirst; i < 1024; ++i) {
    std::string_view name = CodeName(static_cast<Code>(i));
    ASSERT_FALSE(name.empty()) << i;
    for (char c : name) {
      EXPECT_TRUE((c >= 'a' && c <= 'z') || c == '_' || c == '.') << name;
    }
    if (name == "internal") continue;
    ++named;
    EXPECT_TRUE(names.insert(name).second) << "code " << i << " reuses the name " << name;
  }
  EXPECT_EQ(CodeName(Code::kInternal), "internal");
  EXPECT_EQ(CodeName(Code::kOk), "ok");
  EXPECT_GE(named, kLast - kFirst);  // every code before kInternal has its own name
  EXPECT_EQ(static_cast<std::size_t>(named), names.size());
}

TEST(BaseErrorTest, StableNamesOfParseCodes) {
  // Released names: scripts match on them (README: "[parse.truncated_pem]").
  EXPECT_EQ(CodeName(Code::kTooLarge), "parse.too_large");
  EXPECT_EQ(CodeName(Code::kTruncatedPem), "parse.truncated_pem");
  EXPECT_EQ(CodeName(Code::kNotCertificate), "parse.not_a_certificate");
  EXPECT_EQ(CodeName(Code::kWrongPassword), "parse.wrong_password");
}

TEST(BaseErrorTest, ToStringAndFail) {
  auto e = Fail(Code::kTooLarge, "the file is 6.2 MB; the limit is 5 MB");
  EXPECT_EQ(e.error().ToString(), "parse.too_large: the file is 6.2 MB; the limit is 5 MB");
  EXPECT_FALSE(e.error().certificate_index);
}

TEST(BaseErrorTest, ExitCodes) {
  EXPECT_EQ(ExitCodeFor(Code::kOk), 0);
  EXPECT_EQ(ExitCodeFor(Code::kUsage), 2);
  for (int i = kFirst + 1; i <= kLast; ++i) {
    auto c = static_cast<Code>(i);
    if (c != Code::kUsage) {
      EXPECT_EQ(ExitCodeFor(c), 1) << CodeName(c);
    }
  }
}

TEST(BaseErrorTest, HttpStatuses) {
  EXPECT_EQ(HttpStatusFor(Code::kOk), 200);
  EXPECT_EQ(HttpStatusFor(Code::kTooLarge), 413);
  EXPECT_EQ(HttpStatusFor(Code::kUnauthorized), 401);
  EXPECT_EQ(HttpStatusFor(Code::kForbidden), 403);
  EXPECT_EQ(HttpStatusFor(Code::kNotFound), 404);
  EXPECT_EQ(HttpStatusFor(Code::kBadPem), 400);
  EXPECT_EQ(HttpStatusFor(Code::kInternal), 500);
  for (int i = kFirst + 1; i <= kLast; ++i) {
    int s = HttpStatusFor(static_cast<Code>(i));
    EXPECT_GE(s, 400) << CodeName(static_cast<Code>(i));
    EXPECT_LT(s, 600) << CodeName(static_cast<Code>(i));
  }
}

}  // namespace
}  // namespace phonecert
