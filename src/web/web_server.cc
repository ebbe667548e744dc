#include "web/web_server.h"

#include <sys/socket.h>

#include <charconv>
#include <exception>

#include "base/file_io.h"
#include "web/assets.h"
#include "web/auth.h"
#include "web/http.h"
#include "web/http_util.h"
#include "web/lingering_close.h"
#include "web/routes.h"
#include "web/web_context.h"

namespace phonecert::web {
namespace {

// Marks (on the wire too, harmlessly) a response whose request body was left unread.
constexpr std::string_view kUnreadBodyHeader = "X-Body-Unread";
constexpr std::size_t kUploadLimit = kMaxUploadBytes + 64 * 1024;
constexpr std::string_view kUploadPaths[] = {"/security/trusted-certificates",
                                             "/security/server-certificates",
                                             "/api/v1/trusted-certificates",
                                             "/api/v1/device-certificate"};

std::size_t LimitFor(const httplib::Request& req) {
  if (req.method == "POST") {
    for (std::string_view p : kUploadPaths) {
      if (req.path == p) return kUploadLimit;
    }
  }
  return kFormLimit;
}

}  // namespace

struct WebServer::Impl {
  Impl(State& s, ProvisioningControl* prov, const Clock& c)
      : state(s),
        clock(c),
        auth(s, c),
        ctx{s, auth, prov, c},
        server(ServerCtxSetup(s.identity_provider())) {}

  // Refuses a declared body over the route's limit before reading it. True when refused.
  bool RefuseOversize(const httplib::Request& req, httplib::Response& res) {
    std::size_t limit = LimitFor(req);
    auto declared = DeclaredLength(req);
    if (!declared || *declared <= limit) return false;
    bool upload = limit == kUploadLimit;
    std::string sentence = "the request body is " + FormatSize(*declared) + "; the limit is " +
                           FormatSize(upload ? kMaxUploadBytes : limit) +
                           (upload ? " for a certificate file" : "");
    state.Log(LogLevel::kWarning, "web: refused " + req.method + " " + req.path + " from " +
                                      ClientAddress(req) + " unread: " + sentence);
    res.set_header("Connection", "close");
    res.set_header(std::string(kUnreadBodyHeader), "1");
    if (IsApiPath(req.path)) {
      JsonError(res, Error{Code::kTooLarge, sentence, std::nullopt});
    } else {
      SendHtml(res, ErrorPage("Refused", Sentence(sentence) + " Nothing was changed."), 413);
    }
    return true;
  }

  void Setup(const WebServerOptions& options) {
    ctx.verify_counters = options.verify_counters;
    ctx.started = clock.Now();
    std::size_t threads = options.threads == 0 ? 1 : options.threads;
    server.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
    server.set_payload_max_length(kUploadLimit);
    server.set_keep_alive_max_count(1000);
    server.set_keep_alive_timeout(5);
    server.set_read_timeout(10);
    server.set_write_timeout(10);
    server.set_tcp_nodelay(true);

    server.set_expect_100_continue_handler([this](const httplib::Request& req, httplib::Response& res) {
      SetSecurityHeaders(res, true);
      return RefuseOversize(req, res) ? 413 : 100;
    });
    server.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
      SetSecurityHeaders(res, !req.path.starts_with("/static/"));
      // A POST / PUT / PATCH without Content-Length and not chunked has an empty body
      // (RFC 9112 6.3). cpp-httplib 0.11 would instead read until the client closes (a
      // keep-alive client waits for the read time-out, then gets 400): say so explicitly. The
      // request object is httplib's own, non-const; only the handler's view of it is const.
      if (!req.has_header("Content-Length") && !req.has_header("Transfer-Encoding") &&
          (req.method == "POST" || req.method == "PUT" || req.method == "PATCH")) {
        const_cast<httplib::Request&>(req).set_header("Content-Length", "0");
      }
      return RefuseOversize(req, res) ? httplib::Server::HandlerResponse::Handled
                                      : httplib::Server::HandlerResponse::Unhandled;
    });
    server.set_error_handler(httplib::Server::HandlerWithResponse([](const httplib::Request& req,
                                                                     httplib::Response& res) {
      if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
      Code code = res.status == 413 ? Code::kTooLarge
                  : res.status == 404 ? Code::kNotFound
                  : res.status >= 500 ? Code::kInternal
                                      : Code::kUsage;
      std::string sentence = res.status == 413 ? "the request body is over the limit of " + FormatSize(kUploadLimit)
                             : res.status == 404 ? "there is no page " + req.path.substr(0, 200)
                                                 : "the request was refused (HTTP " + std::to_string(res.status) + ")";
      int status = res.status;
      if (IsApiPath(req.path)) {
        JsonError(res, Error{code, sentence, std::nullopt});
        res.status = status;
      } else {
        SendHtml(res, ErrorPage(status == 404 ? "Not found" : "Refused", Sentence(sentence)), status);
      }
      return httplib::Server::HandlerResponse::Handled;
    }));
    server.set_exception_handler([this](const httplib::Request& req, httplib::Response& res,
                                        std::exception_ptr ep) {
      std::string what = "unknown exception";
      try {
        if (ep) std::rethrow_exception(ep);
      } catch (const std::exception& e) {
        what = e.what();
      } catch (...) {
      }
      state.Log(LogLevel::kError, "web: internal error on " + req.method + " " + req.path + ": " + what);
      if (IsApiPath(req.path)) {
        JsonError(res, Error{Code::kInternal, "internal error; see the daemon's log", std::nullopt});
      } else {
        SendHtml(res, ErrorPage("Error", "Internal error; see the daemon's log. Nothing was changed."), 500);
      }
    });
    // cpp-httplib calls the logger after the response is written. A response to a request whose
    // body was left unread ends the connection here: first a lingering close (the client reads
    // the refusal while the rest of its body is discarded), then shutting down the reading side
    // makes the next read see the end, so the body's bytes are never parsed as further requests.
    server.set_logger([this](const httplib::Request& req, const httplib::Response& res) {
      if (req.ssl && res.has_header(std::string(kUnreadBodyHeader))) {
        int fd = SSL_get_fd(req.ssl);
        DrainUntilClosed(fd, LingerOptions{});
        ::shutdown(fd, SHUT_RD);
      }
      state.Log(LogLevel::kDebug, "web: " + ClientAddress(req) + " " + req.method + " " + req.path +
                                      " " + std::to_string(res.status));
    });

    server.Get("/static/(.+)", [](const httplib::Request& req, httplib::Response& res) {
      const Asset* asset = FindAsset(req.path);
      if (!asset) {
        res.status = 404;
        return;
      }
      res.set_header("Cache-Control", "public, max-age=3600");
      res.set_content(asset->body.data(), asset->body.size(), std::string(asset->content_type));
    });
    RegisterLoginPages(server, ctx);
    RegisterTrustedPage(server, ctx);
    RegisterServerCertPage(server, ctx);
    RegisterProvisionPage(server, ctx);
    RegisterSettingsApi(server, ctx);
    RegisterTrustedApi(server, ctx);
    RegisterDeviceApi(server, ctx);
    RegisterProvisioningApi(server, ctx);
    RegisterMetricsApi(server, ctx);
  }

  State& state;
  const Clock& clock;
  Authenticator auth;
  WebContext ctx;
  httplib::SSLServer server;
};

WebServer::WebServer(State& state, ProvisioningControl* provisioning, const Clock& clock,
                     WebServerOptions options)
    : impl_(std::make_unique<Impl>(state, provisioning, clock)), options_(std::move(options)) {
  impl_->Setup(options_);
}

WebServer::~WebServer() { Stop(); }

Status WebServer::Bind() {
  if (!impl_->server.is_valid()) {
    return Fail(Code::kTlsError, "cannot set up the TLS server context");
  }
  if (options_.port == 0) {
    int port = impl_->server.bind_to_any_port(options_.host);
    if (port <= 0) return Fail(Code::kIoError, "cannot listen on " + options_.host + " (any port)");
    port_ = port;
  } else {
    if (!impl_->server.bind_to_port(options_.host, options_.port)) {
      return Fail(Code::kIoError, "cannot listen on " + options_.host + ":" + std::to_string(options_.port) +
                                      " (address in use or not available)");
    }
    port_ = options_.port;
  }
  return {};
}

Status WebServer::Run() {
  if (!impl_->server.listen_after_bind()) {
    if (impl_->server.is_running()) return {};
  }
  return {};
}

void WebServer::Stop() {
  if (impl_ && impl_->server.is_running()) impl_->server.stop();
}

Result<ListenAddress> ParseListenAddress(std::string_view text) {
  ListenAddress out;
  std::string_view port_text;
  if (text.starts_with("[")) {
    std::size_t close = text.find(']');
    if (close == std::string_view::npos || close + 1 >= text.size() || text[close + 1] != ':') {
      return Fail(Code::kUsage, "the listen address must look like [::1]:8443");
    }
    out.host = std::string(text.substr(1, close - 1));
    port_text = text.substr(close + 2);
  } else {
    std::size_t colon = text.rfind(':');
    if (colon == std::string_view::npos || colon == 0) {
      return Fail(Code::kUsage, "the listen address must look like 127.0.0.1:8443");
    }
    out.host = std::string(text.substr(0, colon));
    port_text = text.substr(colon + 1);
  }
  auto [p, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), out.port);
  if (ec != std::errc() || p != port_text.data() + port_text.size() || out.port < 0 || out.port > 65535) {
    return Fail(Code::kUsage, "the port in \"" + std::string(text) + "\" must be a number from 0 to 65535");
  }
  return out;
}

}  // namespace phonecert::web
