// GET /api/v1/metrics: what the daemon counts and watches, for monitoring. Uptime, every
// verification counter (verdicts and each failure reason, zero or not, in a stable order) and
// the expiry notices of this moment (the same as the daemon's expiry watch logs).
#include "state/expiry_notices.h"
#include "web/http_util.h"
#include "web/routes.h"

namespace phonecert::web {

void RegisterMetricsApi(httplib::Server& server, WebContext& ctx) {
  server.Get("/api/v1/metrics", GuardApi(ctx, ApiAccess::kRead, [&ctx](const httplib::Request&,
                                                                       httplib::Response& res,
                                                                       const Principal&) {
    TimePoint now = ctx.clock.Now();
    nlohmann::json counters = nlohmann::json::object();
    VerifyCounters none;
    for (const auto& [name, value] : (ctx.verify_counters ? *ctx.verify_counters : none).Snapshot()) {
      counters[name] = value;
    }
    nlohmann::json expiry = nlohmann::json::array();
    for (const ExpiryNotice& n : ExpiryNotices(*ctx.state.trust(), ctx.state.device(), now)) {
      expiry.push_back({{"level", std::string(LogLevelName(n.level))}, {"sentence", n.sentence}});
    }
    JsonReply(res, {{"started", FormatIso8601(ctx.started)},
                    {"uptime_seconds", std::chrono::duration_cast<std::chrono::seconds>(now - ctx.started).count()},
                    {"counters", counters},
                    {"expiry", expiry}});
  }));
}

}  // namespace phonecert::web
