#include "web/html.h"

#include <gtest/gtest.h>

#include "web/assets.h"

namespace phonecert::web {
namespace {

TEST(Html, EscapesEverythingThatCouldBreakOut) {
  EXPECT_EQ(Escape("<script>alert('x') & \"y\"</script>"),
            "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;");
  EXPECT_EQ(Escape("CN = Müller GmbH"), "CN = Müller GmbH");
}

TEST(Html, FrameShowsNavigationOnlyWithASession) {
  Frame f;
  f.title = "Trusted <Certificates>";
  f.body = "<p>body</p>";
  std::string anonymous = RenderFrame(f);
  EXPECT_NE(anonymous.find("<title>Trusted &lt;Certificates&gt; · phonecert</title>"), std::string::npos);
  EXPECT_EQ(anonymous.find("/logout"), std::string::npos);
  EXPECT_EQ(anonymous.find("sidebar"), std::string::npos);
  f.csrf = "tok\"en";
  f.nav = Nav::kServer;
  f.message = Message{"Refused <b>", true};
  std::string page = RenderFrame(f);
  EXPECT_NE(page.find("action=\"/logout\""), std::string::npos);
  EXPECT_NE(page.find("value=\"tok&quot;en\""), std::string::npos);
  EXPECT_NE(page.find("href=\"/security/server-certificates\" class=\"active\""), std::string::npos);
  EXPECT_NE(page.find("role=\"alert\" id=\"message\">Refused &lt;b&gt;</p>"), std::string::npos);
  EXPECT_NE(page.find("<p>body</p>"), std::string::npos);
}

TEST(Assets, StyleAndScriptAreServedOthersNot) {
  const Asset* css = FindAsset("/static/style.css");
  ASSERT_NE(css, nullptr);
  EXPECT_TRUE(css->content_type.starts_with("text/css"));
  EXPECT_GT(css->body.size(), 1000u);
  ASSERT_NE(FindAsset("/static/app.js"), nullptr);
  EXPECT_EQ(FindAsset("/static/../state"), nullptr);
  EXPECT_EQ(FindAsset("/static/"), nullptr);
}

}  // namespace
}  // namespace phonecert::web
