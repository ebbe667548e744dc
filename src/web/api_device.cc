// /api/v1/device-certificate: GET which certificate the phone presents and why, POST a custom
// certificate (PEM chain + key, or PKCS#12 + password), DELETE the custom one, PUT
// {"dev_cert": "default" | "custom" | 0 | 1} to choose.
#include "settings/keys.h"
#include "web/http_util.h"
#include "web/routes.h"
#include "web/upload.h"

namespace phonecert::web {
namespace {

nlohmann::json IdentityJson(const std::shared_ptr<const Identity>& id, TimePoint now) {
  if (!id) return nullptr;
  nlohmann::json j = CertificateJson(id->leaf, now);
  j["kind"] = IdentityKindName(id->kind);
  j["chain_length"] = id->chain.size();
  j["key"] = id->key.Describe();  // "EC P-256": a fact about the key, never the key
  if (!id->shared_key_warning.empty()) j["shared_key_warning"] = id->shared_key_warning;
  return j;
}

nlohmann::json DeviceJson(const DeviceView& d, TimePoint now) {
  nlohmann::json j;
  j["selected"] = d.selected == DevCertChoice::kCustom ? "custom" : "default";
  j["active"] = IdentityJson(d.active.identity, now);
  j["reason"] = d.active.reason;
  j["fell_back"] = d.active.fell_back;
  j["custom"] = IdentityJson(d.snapshot ? d.snapshot->custom : nullptr, now);
  j["unique"] = IdentityJson(d.snapshot ? d.snapshot->unique : nullptr, now);
  j["generic"] = IdentityJson(d.snapshot ? d.snapshot->generic : nullptr, now);
  j["mac"] = d.snapshot ? d.snapshot->mac : "";
  j["pending_csr_key"] = d.snapshot && d.snapshot->pending_csr_key;
  j["problems"] = d.snapshot ? d.snapshot->problems : std::vector<std::string>{};
  return j;
}

Result<std::string> DevCertFromBody(const std::string& body) {
  auto json = nlohmann::json::parse(body, nullptr, false);
  if (!json.is_discarded() && json.is_object() && json.contains("dev_cert")) {
    const auto& v = json["dev_cert"];
    if (v == "default" || v == "0" || v == 0) return std::string("0");
    if (v == "custom" || v == "1" || v == 1) return std::string("1");
  }
  return Fail(Code::kInvalidValue,
              "the body must be {\"dev_cert\": \"default\"} or {\"dev_cert\": \"custom\"} (or 0 / 1)");
}

}  // namespace

void RegisterDeviceApi(httplib::Server& server, WebContext& ctx) {
  const std::string path = "/api/v1/device-certificate";
  server.Get(path, GuardApi(ctx, ApiAccess::kRead, [&ctx](const httplib::Request&, httplib::Response& res,
                                                          const Principal&) {
    JsonReply(res, DeviceJson(ctx.state.device(), ctx.clock.Now()));
  }));

  server.Post(path, GuardApi(ctx, ApiAccess::kWrite, [&ctx](const httplib::Request& req,
                                                            httplib::Response& res, const Principal&) {
    auto upload = UploadFrom(req);
    if (!upload) return JsonError(res, upload.error());
    auto installed = ctx.state.InstallDevice(upload->content, upload->password);
    if (!installed) return JsonError(res, installed.error());
    nlohmann::json j = DeviceJson(ctx.state.device(), ctx.clock.Now());
    j["installed"] = IdentityJson(installed->identity, ctx.clock.Now());
    j["replaced"] = installed->replaced;
    j["notes"] = installed->notes;
    JsonReply(res, j, 201);
  }));

  server.Delete(path, GuardApi(ctx, ApiAccess::kWrite, [&ctx](const httplib::Request&, httplib::Response& res,
                                                              const Principal&) {
    auto removed = ctx.state.RemoveDevice();
    if (!removed) return JsonError(res, removed.error());
    if (!*removed) return JsonError(res, Error{Code::kNotFound, "no custom device certificate is installed", std::nullopt});
    nlohmann::json j = DeviceJson(ctx.state.device(), ctx.clock.Now());
    j["removed"] = true;
    JsonReply(res, j);
  }));

  server.Put(path, GuardApi(ctx, ApiAccess::kWrite, [&ctx](const httplib::Request& req,
                                                           httplib::Response& res, const Principal&) {
    auto value = DevCertFromBody(req.body);
    if (!value) return JsonError(res, value.error());
    auto done = ctx.state.UpdateSettings({{std::string(keys::kDevCert), *value}});
    if (!done) return JsonError(res, done.error());
    JsonReply(res, DeviceJson(ctx.state.device(), ctx.clock.Now()));
  }));
}

}  // namespace phonecert::web
