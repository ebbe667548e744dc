// /api/v1/trusted-certificates: GET the custom list (?builtin=1 adds the built-in list), POST a
// file (adds each certificate), DELETE /<index or sha256> one, DELETE ?all=true all.
#include "web/http_util.h"
#include "web/routes.h"
#include "web/upload.h"

namespace phonecert::web {

void RegisterTrustedApi(httplib::Server& server, WebContext& ctx) {
  const std::string path = "/api/v1/trusted-certificates";
  server.Get(path, GuardApi(ctx, ApiAccess::kRead, [&ctx](const httplib::Request& req,
                                                          httplib::Response& res, const Principal&) {
    auto snapshot = ctx.state.trust();
    TimePoint now = ctx.clock.Now();
    nlohmann::json custom = nlohmann::json::array();
    for (std::size_t i = 0; i < snapshot->custom().size(); ++i) {
      custom.push_back(AnchorJson(snapshot->custom()[i], i + 1, now));
    }
    nlohmann::json j = {{"custom", custom},
                        {"max_custom", kMaxCustomAnchors},
                        {"builtin_count", snapshot->builtin().size()}};
    if (req.has_param("builtin") && req.get_param_value("builtin") != "0") {
      nlohmann::json builtin = nlohmann::json::array();
      for (std::size_t i = 0; i < snapshot->builtin().size(); ++i) {
        builtin.push_back(AnchorJson(snapshot->builtin()[i], i + 1, now));
      }
      j["builtin"] = builtin;
    }
    JsonReply(res, j);
  }));

  server.Post(path, GuardApi(ctx, ApiAccess::kWrite, [&ctx](const httplib::Request& req,
                                                            httplib::Response& res, const Principal&) {
    auto upload = UploadFrom(req);
    if (!upload) return JsonError(res, upload.error());
    auto added = ctx.state.AddTrusted(upload->content, upload->password);
    if (!added) return JsonError(res, added.error());
    auto snapshot = ctx.state.trust();
    TimePoint now = ctx.clock.Now();
    nlohmann::json list = nlohmann::json::array();
    for (const Anchor& a : *added) {
      std::size_t index = 0;
      for (std::size_t i = 0; i < snapshot->custom().size(); ++i) {
        if (snapshot->custom()[i].certificate == a.certificate) index = i + 1;
      }
      list.push_back(AnchorJson(a, index, now));
    }
    JsonReply(res, {{"added", list}, {"custom_count", snapshot->custom().size()}}, 201);
  }));

  server.Delete(path + "/([^/]+)", GuardApi(ctx, ApiAccess::kWrite, [&ctx](const httplib::Request& req,
                                                                          httplib::Response& res,
                                                                          const Principal&) {
    auto removed = ctx.state.RemoveTrusted(req.matches[1].str());
    if (!removed) return JsonError(res, removed.error());
    JsonReply(res, {{"removed", AnchorJson(*removed, 0, ctx.clock.Now())},
                    {"custom_count", ctx.state.trust()->custom().size()}});
  }));

  server.Delete(path, GuardApi(ctx, ApiAccess::kWrite, [&ctx](const httplib::Request& req,
                                                              httplib::Response& res, const Principal&) {
    std::string all = req.has_param("all") ? req.get_param_value("all") : "";
    if (all != "true" && all != "1") {
      return JsonError(res, Error{Code::kUsage,
                                  "say which certificate to delete: DELETE " + std::string(req.path) +
                                      "/<index or sha256>, or ?all=true to delete every custom one",
                                  std::nullopt});
    }
    auto removed = ctx.state.RemoveAllTrusted();
    if (!removed) return JsonError(res, removed.error());
    JsonReply(res, {{"removed_count", *removed}, {"custom_count", 0}});
  }));
}

}  // namespace phonecert::web
