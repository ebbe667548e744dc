#include "web/http_util.h"

#include <gtest/gtest.h>


namespace phonecert::web {
namespace {

TEST(HttpUtil, CookieValueFindsTheNamedCookie) {
  httplib::Request req;
  req.headers.emplace("Cookie", "a=1; phonecert_session=abc ; b=2");
  EXPECT_EQ(CookieValue(req, kSessionCookie), "abc");
  EXPECT_EQ(CookieValue(req, "b"), "2");
  EXPECT_EQ(CookieValue(req, "c"), "");
  EXPECT_EQ(CookieValue(req, "phonecert"), "");
}

TEST(HttpUtil, SessionCookieIsSecureHttpOnlyStrict) {
  std::string h = SessionCookieHeader(kSessionCookie, "v");
  EXPECT_NE(h.find("phonecert_session=v;"), std::string::npos);
  EXPECT_NE(h.find("Secure"), std::string::npos);
  EXPECT_NE(h.find("HttpOnly"), std::string::npos);
  EXPECT_NE(h.find("SameSite=Strict"), std::string::npos);
  EXPECT_NE(SessionCookieHeader(kSessionCookie, "").find("Max-Age=0"), std::string::npos);
}

TEST(HttpUtil, BasicAuthDecoding) {
  httplib::Request req;
  EXPECT_FALSE(BasicAuth(req));
  req.headers.emplace("Authorization", "Basic YWRtaW46czNjcjN0OndpdGg6Y29sb25z");  // admin:s3cr3t:with:colons
  auto c = BasicAuth(req);
  ASSERT_TRUE(c);
  EXPECT_EQ(c->user, "admin");
  EXPECT_EQ(c->password, "s3cr3t:with:colons");
  httplib::Request one_pad;
  one_pad.headers.emplace("Authorization", "basic YWRtaW46cHc=");  // admin:pw
  ASSERT_TRUE(BasicAuth(one_pad));
  EXPECT_EQ(BasicAuth(one_pad)->password, "pw");
  for (const char* bad : {"Bearer abc", "Basic", "Basic !!!!", "Basic YWRtaW4="}) {
    httplib::Request r;
    r.headers.emplace("Authorization", bad);
    EXPECT_FALSE(BasicAuth(r)) << bad;
  }
}

TEST(HttpUtil, JsonErrorCarriesCodeMessageAndStatus) {
  httplib::Response res;
  JsonError(res, Error{Code::kTooLarge, "the file is 6.0 MB; the limit is 5.0 MB", std::nullopt});
  EXPECT_EQ(res.status, 413);
  auto j = nlohmann::json::parse(res.body);
  EXPECT_EQ(j["error"]["code"], "parse.too_large");
  EXPECT_EQ(j["error"]["message"], "the file is 6.0 MB; the limit is 5.0 MB");
  JsonError(res, Error{Code::kRateLimited, "wait", std::nullopt});
  EXPECT_EQ(res.status, 429);
}

}  // namespace
}  // namespace phonecert::web
