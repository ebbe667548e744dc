// /api/v1/settings: GET every key (secrets masked; ?describe=1 adds the table's metadata),
// PUT / PATCH / POST a JSON object {key: value, ...} applied all or nothing.
#include "settings/parameters.h"
#include "web/http_util.h"
#include "web/routes.h"

namespace phonecert::web {
namespace {

nlohmann::json SettingsJson(const Settings& s, bool describe) {
  nlohmann::json values = nlohmann::json::object();
  nlohmann::json rows = nlohmann::json::array();
  for (const Parameter& p : Parameters()) {
    std::string shown = DisplayValue(p, s.Value(p));
    values[std::string(p.key)] = shown;
    if (describe) {
      nlohmann::json choices = nlohmann::json::array();
      for (const Choice& c : p.choices) choices.push_back({{"value", c.value}, {"label", c.label}});
      rows.push_back({{"key", p.key}, {"value", shown}, {"default", p.default_value},
                      {"type", TypeName(p.type)}, {"permitted", PermittedValues(p)},
                      {"choices", choices}, {"label", p.label}, {"web_path", p.web_path},
                      {"help", p.help}, {"secret", p.secret}, {"file_only", p.file_only}});
    }
  }
  nlohmann::json j = {{"settings", values}};
  if (describe) j["parameters"] = rows;
  return j;
}

Result<std::vector<SettingAssignment>> ParseBody(const std::string& body) {
  auto json = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded() || !json.is_object()) {
    return Fail(Code::kInvalidArgument,
                "the body must be a JSON object of settings, such as {\"static.security.ca_cert\": \"1\"}");
  }
  // {"settings": {...}} (the shape GET returns) is accepted too.
  if (json.size() == 1 && json.contains("settings") && json["settings"].is_object()) json = json["settings"];
  std::vector<SettingAssignment> out;
  for (auto it = json.begin(); it != json.end(); ++it) {
    const auto& v = it.value();
    if (v.is_string()) out.emplace_back(it.key(), v.get<std::string>());
    else if (v.is_number_integer()) out.emplace_back(it.key(), std::to_string(v.get<long long>()));
    else if (v.is_null()) out.emplace_back(it.key(), "");
    else return Fail(Code::kInvalidValue, "the value of " + it.key() + " must be a string or an integer");
  }
  return out;
}

}  // namespace

void RegisterSettingsApi(httplib::Server& server, WebContext& ctx) {
  const std::string path = "/api/v1/settings";
  server.Get(path, GuardApi(ctx, ApiAccess::kRead, [&ctx](const httplib::Request& req,
                                                          httplib::Response& res, const Principal&) {
    bool describe = req.has_param("describe") && req.get_param_value("describe") != "0";
    JsonReply(res, SettingsJson(*ctx.state.settings(), describe));
  }));
  auto update = GuardApi(ctx, ApiAccess::kWrite, [&ctx](const httplib::Request& req,
                                                        httplib::Response& res, const Principal&) {
    auto assignments = ParseBody(req.body);
    if (!assignments) return JsonError(res, assignments.error());
    auto changes = ctx.state.UpdateSettings(*assignments);
    if (!changes) return JsonError(res, changes.error());
    nlohmann::json j = SettingsJson(*ctx.state.settings(), false);
    nlohmann::json list = nlohmann::json::array();
    for (const Change& c : *changes) list.push_back({{"key", c.key}, {"old", c.old_value}, {"new", c.new_value}});
    j["changes"] = list;
    JsonReply(res, j);
  });
  server.Put(path, update);
  server.Patch(path, update);
  server.Post(path, update);
}

}  // namespace phonecert::web
