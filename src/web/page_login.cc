// /login, /logout and /: the only pages a visitor without a session may see.
#include "state/admin_password.h"
#include "web/http_util.h"
#include "web/routes.h"

namespace phonecert::web {
namespace {

constexpr std::string_view kFirstPage = "/security/trusted-certificates";

std::string LoginBody(const std::string& csrf) {
  return "<div class=\"login-wrap\"><section class=\"card login\">\n"
         "<p class=\"muted\">Log in as the phone's administrator (user <b>admin</b>). The password "
         "was printed by phonecertd when it first started.</p>\n"
         "<form method=\"post\" action=\"/login\" id=\"login-form\">\n" +
         CsrfInput(csrf) +
         "<div class=\"field\"><label for=\"username\">User name</label>"
         "<input type=\"text\" id=\"username\" name=\"username\" value=\"admin\" "
         "autocomplete=\"username\" required></div>\n"
         "<div class=\"field\"><label for=\"password\">Password</label>"
         "<input type=\"password\" id=\"password\" name=\"password\" "
         "autocomplete=\"current-password\" required autofocus></div>\n"
         "<button type=\"submit\" id=\"login\">Log in</button>\n</form>\n</section></div>\n";
}

// The login form's own CSRF token (double submit: cookie + field), since there is no session yet.
void SendLoginPage(httplib::Response& res, std::optional<Message> message, int status) {
  auto token = RandomHex(32);
  std::string csrf = token ? *token : "";
  res.set_header("Set-Cookie", SessionCookieHeader(kLoginCookie, csrf));
  Frame f;
  f.title = "Log in";
  f.message = std::move(message);
  f.body = LoginBody(csrf);
  SendHtml(res, RenderFrame(f), status);
}

}  // namespace

void RegisterLoginPages(httplib::Server& server, WebContext& ctx) {
  server.Get("/", [&ctx](const httplib::Request& req, httplib::Response& res) {
    bool logged_in = !CookieValue(req, kSessionCookie).empty() &&
                     ctx.auth.sessions().Find(CookieValue(req, kSessionCookie), ctx.clock.Now());
    res.set_redirect(logged_in ? std::string(kFirstPage) : "/login", 303);
  });

  server.Get("/login", [&ctx](const httplib::Request& req, httplib::Response& res) {
    std::string token = CookieValue(req, kSessionCookie);
    if (!token.empty() && ctx.auth.sessions().Find(token, ctx.clock.Now())) {
      res.set_redirect(std::string(kFirstPage), 303);
      return;
    }
    std::optional<Message> m;
    if (req.has_param("logged_out")) m = Message{"You have logged out.", false};
    SendLoginPage(res, m, 200);
  });

  server.Post("/login", [&ctx](const httplib::Request& req, httplib::Response& res) {
    std::string cookie = CookieValue(req, kLoginCookie);
    std::string field = FormField(req, kCsrfField);
    if (cookie.empty() || !ConstantTimeEquals(cookie, field)) {
      ctx.state.Log(LogLevel::kWarning, "web: refused a login form without a valid CSRF token from " +
                                            ClientAddress(req));
      SendLoginPage(res, Message{"The login form is out of date (security token missing or "
                                 "wrong); nothing was checked. Try again.", true}, 403);
      return;
    }
    auto p = ctx.auth.Login(FormField(req, "username"), FormField(req, "password"), ClientAddress(req));
    if (!p) {
      int status = HttpStatusFor(p.error().code);
      if (p.error().code == Code::kRateLimited) {
        auto wait = ctx.auth.throttle().WaitFor(ClientAddress(req), ctx.clock.Now());
        res.set_header("Retry-After", std::to_string(std::max<long long>(1, wait.count())));
      }
      SendLoginPage(res, Message{Sentence(p.error().detail), true}, status);
      return;
    }
    res.set_header("Set-Cookie", SessionCookieHeader(kSessionCookie, p->session_token));
    res.set_header("Set-Cookie", SessionCookieHeader(kLoginCookie, ""));
    res.set_redirect(std::string(kFirstPage), 303);
  });

  server.Get("/logout", GuardPage(ctx, [&ctx](const httplib::Request&, httplib::Response& res,
                                              const Principal& p) {
    Frame f = MakeFrame(ctx, p, "Log out", Nav::kNone);
    f.body = "<section class=\"card\"><form method=\"post\" action=\"/logout\">" + CsrfInput(p.csrf_token) +
             "<p>End this session?</p><div class=\"actions\"><button type=\"submit\">Log out</button>"
             "<a href=\"/\">Cancel</a></div></form></section>\n";
    SendHtml(res, RenderFrame(f));
  }));

  server.Post("/logout", GuardForm(ctx, [&ctx](const httplib::Request&, httplib::Response& res,
                                               const Principal& p) {
    ctx.auth.Logout(p);
    res.set_header("Set-Cookie", SessionCookieHeader(kSessionCookie, ""));
    res.set_redirect("/login?logged_out=1", 303);
  }));
}

}  // namespace phonecert::web
