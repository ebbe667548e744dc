#include "web/web_context.h"

#include "web/http_util.h"

namespace phonecert::web {
namespace {

bool IsMutating(const httplib::Request& req) {
  return req.method != "GET" && req.method != "HEAD" && req.method != "OPTIONS";
}

}  // namespace

void SendHtml(httplib::Response& res, const std::string& html, int status) {
  res.status = status;
  res.set_content(html, "text/html; charset=utf-8");
}

std::string Sentence(std::string text) {
  while (!text.empty() && (text.back() == ' ' || text.back() == '\n')) text.pop_back();
  if (text.empty()) return text;
  text[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(text[0])));
  if (text.back() != '.' && text.back() != '!' && text.back() != '?') text += '.';
  return text;
}

std::string ErrorPage(const std::string& title, const std::string& sentence) {
  Frame f;
  f.title = title;
  f.message = Message{sentence, true};
  f.body = "<p><a href=\"/\">Back to the phone's pages</a></p>\n";
  return RenderFrame(f);
}

Frame MakeFrame(WebContext& ctx, const Principal& p, std::string title, Nav nav) {
  Frame f;
  f.title = std::move(title);
  f.nav = nav;
  f.csrf = p.csrf_token;
  DeviceView device = ctx.state.device();
  if (device.snapshot && !device.snapshot->mac.empty()) f.device_label = "MAC " + device.snapshot->mac;
  if (p.method == AuthMethod::kSession) {
    if (auto flash = ctx.auth.sessions().TakeFlash(p.session_token)) {
      f.message = Message{flash->first, flash->second};
    }
  }
  return f;
}

void RedirectWithMessage(WebContext& ctx, const Principal& p, httplib::Response& res,
                         const std::string& path, std::string message, bool is_error) {
  if (p.method == AuthMethod::kSession) {
    ctx.auth.sessions().SetFlash(p.session_token, std::move(message), is_error);
  }
  res.set_redirect(path, 303);
}

httplib::Server::Handler GuardPage(WebContext& ctx, GuardedHandler handler) {
  return [&ctx, handler = std::move(handler)](const httplib::Request& req, httplib::Response& res) {
    auto p = ctx.auth.Authenticate(req);
    if (!p) {
      if (p.error().code == Code::kRateLimited) {
        SendHtml(res, ErrorPage("Too many attempts", p.error().detail), 429);
        return;
      }
      res.set_redirect("/login", 303);
      return;
    }
    handler(req, res, *p);
  };
}

httplib::Server::Handler GuardForm(WebContext& ctx, GuardedHandler handler) {
  return [&ctx, handler = std::move(handler)](const httplib::Request& req, httplib::Response& res) {
    auto p = ctx.auth.Authenticate(req);
    if (!p) {
      if (p.error().code == Code::kRateLimited) {
        SendHtml(res, ErrorPage("Too many attempts", p.error().detail), 429);
      } else {
        SendHtml(res, ErrorPage("Not logged in", "Log in first; nothing was changed."), 401);
      }
      return;
    }
    if (auto st = ctx.auth.CheckCsrf(*p, FormField(req, kCsrfField)); !st) {
      ctx.state.Log(LogLevel::kWarning, "web: refused a form without a valid CSRF token: " +
                                            req.method + " " + req.path + " from " + p->client);
      SendHtml(res, ErrorPage("Refused", st.error().detail + " Nothing was changed."), 403);
      return;
    }
    handler(req, res, *p);
  };
}

httplib::Server::Handler GuardApi(WebContext& ctx, ApiAccess access, GuardedHandler handler) {
  return [&ctx, access, handler = std::move(handler)](const httplib::Request& req,
                                                       httplib::Response& res) {
    auto p = ctx.auth.Authenticate(req);
    if (!p) {
      if (p.error().code == Code::kUnauthorized && HasAuthorizationHeader(req)) {
        // Challenge only clients that already use basic auth: a browser is never prompted, so it
        // never holds basic credentials it could send along with a forged request.
        res.set_header("WWW-Authenticate", "Basic realm=\"phonecert\", charset=\"UTF-8\"");
      }
      if (p.error().code == Code::kRateLimited) {
        auto wait = ctx.auth.throttle().WaitFor(ClientAddress(req), ctx.clock.Now());
        res.set_header("Retry-After", std::to_string(std::max<long long>(1, wait.count())));
      }
      JsonError(res, p.error());
      return;
    }
    if (access == ApiAccess::kWrite || IsMutating(req)) {
      std::string token = req.get_header_value(std::string(kCsrfHeader));
      if (token.empty()) token = FormField(req, kCsrfField);
      if (auto st = ctx.auth.CheckCsrf(*p, token); !st) {
        ctx.state.Log(LogLevel::kWarning, "web: refused an API call without a valid CSRF token: " +
                                              req.method + " " + req.path + " from " + p->client);
        JsonError(res, st.error());
        return;
      }
    }
    handler(req, res, *p);
  };
}

std::string ExpiryBadge(const Expiry& e) {
  if (e.expired) return "<span class=\"badge danger\">expired</span>";
  if (e.soon) {
    return "<span class=\"badge warn\">expires in " + std::to_string(e.days_left) +
           (e.days_left == 1 ? " day" : " days") + "</span>";
  }
  return "";
}

nlohmann::json CertificateJson(const Certificate& cert, TimePoint now) {
  Expiry e = ExpiryOf(cert, now);
  return {{"issued_to", cert.IssuedTo()},
          {"issued_by", cert.IssuedBy()},
          {"subject", cert.Subject()},
          {"issuer", cert.Issuer()},
          {"not_before", FormatIso8601(cert.NotBefore())},
          {"not_after", FormatIso8601(cert.NotAfter())},
          {"expiration", FormatDate(cert.NotAfter())},
          {"days_left", e.days_left},
          {"expired", e.expired},
          {"expiring_soon", e.soon},
          {"sha256", cert.Sha256()},
          {"is_ca", cert.IsCa()}};
}

nlohmann::json AnchorJson(const Anchor& anchor, std::size_t index, TimePoint now) {
  nlohmann::json j = CertificateJson(anchor.certificate, now);
  j["index"] = index;
  j["source"] = anchor.source == AnchorSource::kBuiltin ? "builtin" : "custom";
  if (anchor.source == AnchorSource::kBuiltin) j["name"] = anchor.name;
  j["warnings"] = anchor.warnings;
  return j;
}

nlohmann::json ToJson(const ProvisioningRound& r) {
  return {{"started", FormatIso8601(r.started)},
          {"finished", FormatIso8601(r.finished)},
          {"trigger", r.trigger},
          {"applied", r.applied},
          {"summary", r.summary},
          {"lines", r.lines},
          {"report", r.details}};
}

nlohmann::json ToJson(const ProvisioningStatus& s) {
  nlohmann::json j = {{"available", s.available},
                      {"running", s.running},
                      {"interval_seconds", s.interval.count()}};
  if (!s.available) j["unavailable_reason"] = s.unavailable_reason;
  j["next_round"] = s.next_round ? nlohmann::json(FormatIso8601(*s.next_round)) : nlohmann::json(nullptr);
  j["last_round"] = s.last ? ToJson(*s.last) : nlohmann::json(nullptr);
  return j;
}

}  // namespace phonecert::web
