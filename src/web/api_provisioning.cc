// /api/v1/provisioning: GET the status and the last round's report, POST to run a round now.
#include "web/http_util.h"
#include "web/routes.h"

namespace phonecert::web {

void RegisterProvisioningApi(httplib::Server& server, WebContext& ctx) {
  const std::string path = "/api/v1/provisioning";
  server.Get(path, GuardApi(ctx, ApiAccess::kRead, [&ctx](const httplib::Request&, httplib::Response& res,
                                                          const Principal&) {
    if (!ctx.provisioning) {
      return JsonReply(res, {{"available", false},
                             {"unavailable_reason", "auto-provisioning is not available in this build"}});
    }
    JsonReply(res, ToJson(ctx.provisioning->Status()));
  }));

  server.Post(path, GuardApi(ctx, ApiAccess::kWrite, [&ctx](const httplib::Request&, httplib::Response& res,
                                                            const Principal&) {
    if (!ctx.provisioning) {
      return JsonError(res, Error{Code::kProvisioningFailed,
                                  "auto-provisioning is not available in this build", std::nullopt});
    }
    auto round = ctx.provisioning->RunNow("api");
    if (!round) return JsonError(res, round.error());
    nlohmann::json j = {{"round", ToJson(*round)}};
    if (!round->applied) {
      j["error"] = {{"code", std::string(CodeName(Code::kProvisioningFailed))}, {"message", round->summary}};
      return JsonReply(res, j, HttpStatusFor(Code::kProvisioningFailed));
    }
    JsonReply(res, j);
  }));
}

}  // namespace phonecert::web
