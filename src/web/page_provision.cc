// Settings → Auto Provision: server URL, user name, password (never shown back), "Provision now"
// and the last round's report.
#include <string>

#include "settings/keys.h"
#include "web/form_page.h"
#include "web/http_util.h"
#include "web/routes.h"

namespace phonecert::web {
namespace {

constexpr std::string_view kPath = "/settings/auto-provision";

std::string TextField(const Parameter& p, const std::string& type, const std::string& value,
                      const std::string& extra) {
  std::string id(p.key);
  for (char& c : id) {
    if (c == '.') c = '-';
  }
  return "<input type=\"" + type + "\" id=\"" + Escape(id) + "\" name=\"" + Escape(p.key) + "\" value=\"" +
         Escape(value) + "\" " + extra + ">";
}

// "24 h", "90 min", "45 s"
std::string Every(std::chrono::seconds s) {
  long long n = s.count();
  if (n % 3600 == 0) return std::to_string(n / 3600) + " h";
  if (n % 60 == 0) return std::to_string(n / 60) + " min";
  return std::to_string(n) + " s";
}

std::string RoundHtml(const ProvisioningRound& r) {
  std::string h = "<dl class=\"facts\" id=\"last-round\">"
                  "<dt>Result</dt><dd class=\"result\">" +
                  std::string(r.applied ? "<span class=\"badge ok\">applied</span>"
                                        : "<span class=\"badge danger\">failed, nothing applied</span>") +
                  "</dd><dt>Started</dt><dd>" + FormatIso8601(r.started) + " (" + Escape(r.trigger) +
                  ")</dd><dt>Finished</dt><dd>" + FormatIso8601(r.finished) +
                  "</dd><dt>Summary</dt><dd class=\"summary\">" + Escape(r.summary) + "</dd></dl>\n";
  if (!r.lines.empty()) {
    h += "<pre class=\"report\" id=\"round-report\">";
    for (const std::string& line : r.lines) h += Escape(line) + "\n";
    h += "</pre>\n";
  }
  return h;
}

std::string Body(const WebContext& ctx, const Principal& p) {
  auto settings = ctx.state.settings();
  const Parameter* url = FindParameter(keys::kAutoProvisionUrl);
  const Parameter* user = FindParameter(keys::kAutoProvisionUsername);
  const Parameter* password = FindParameter(keys::kAutoProvisionPassword);
  std::string h = "<section class=\"card\" id=\"provision-settings\"><h2>Provisioning server</h2>\n"
                  "<form method=\"post\" action=\"" + std::string(kPath) + "\">" + CsrfInput(p.csrf_token) +
                  "<input type=\"hidden\" name=\"action\" value=\"save\">\n";
  if (url) {
    h += FieldHtml(*url, TextField(*url, "text", settings->Value(*url),
                                   "inputmode=\"url\" maxlength=\"511\" placeholder=\"https://provisioning.example.com/phones/\""));
  }
  if (user) h += FieldHtml(*user, TextField(*user, "text", settings->Value(*user), "autocomplete=\"off\""));
  if (password) {
    bool set = !settings->Value(*password).empty();
    h += FieldHtml(*password, TextField(*password, "password", "",
                                        std::string("autocomplete=\"new-password\" placeholder=\"") +
                                            (set ? "(set; leave empty to keep it)" : "(none)") + "\""));
    if (set) {
      h += "<div class=\"field\"><span></span><label class=\"muted\"><input type=\"checkbox\" "
           "name=\"clear_password\" value=\"1\"> Clear the stored password</label></div>\n";
    }
  }
  h += "<div class=\"actions\"><button type=\"submit\" id=\"save\">Confirm</button></div></form></section>\n";

  h += "<section class=\"card\" id=\"provision-now\"><h2>Provision now</h2>\n";
  if (!ctx.provisioning) {
    h += "<p class=\"alert warn\">Auto-provisioning is not available in this build.</p>\n";
  } else {
    ProvisioningStatus status = ctx.provisioning->Status();
    if (!status.available) {
      h += "<p class=\"alert warn\">" + Escape(Sentence(status.unavailable_reason)) + "</p>\n";
    }
    h += "<p class=\"muted\">The phone fetches y000000000000.cfg, then &lt;mac&gt;.cfg, then the "
         "certificate URLs they name; a round applies completely or not at all.";
    if (status.interval.count() > 0) {
      h += " Rounds run at start and every " + Every(status.interval);
      if (status.next_round) h += " (next " + FormatIso8601(*status.next_round) + ")";
      h += ".";
    }
    h += "</p>\n<form method=\"post\" action=\"" + std::string(kPath) + "\" class=\"actions\">" +
         CsrfInput(p.csrf_token) + "<input type=\"hidden\" name=\"action\" value=\"run\">"
         "<button type=\"submit\" id=\"provision\"" + (status.available ? "" : " disabled") +
         ">Provision now</button>" + (status.running ? "<span class=\"badge info\">a round is running</span>" : "") +
         "</form>\n<h3>Last round</h3>\n";
    h += status.last ? RoundHtml(*status.last) : "<p class=\"empty\">No round has run since phonecertd started.</p>\n";
  }
  h += "</section>\n";
  return h;
}

Result<FormOutcome> Save(WebContext& ctx, const httplib::Request& req) {
  std::vector<SettingAssignment> changes;
  for (std::string_view key : {keys::kAutoProvisionUrl, keys::kAutoProvisionUsername}) {
    if (HasFormField(req, key)) changes.emplace_back(std::string(key), FormField(req, key));
  }
  std::string password = FormField(req, keys::kAutoProvisionPassword);
  if (!password.empty()) {
    changes.emplace_back(std::string(keys::kAutoProvisionPassword), password);
  } else if (FormField(req, "clear_password") == "1") {
    changes.emplace_back(std::string(keys::kAutoProvisionPassword), "");
  }
  auto done = ctx.state.UpdateSettings(changes);
  if (!done) return std::unexpected(done.error());
  return FormOutcome{ChangesSentence(*done), false};
}

Result<FormOutcome> RunNow(WebContext& ctx) {
  if (!ctx.provisioning) return Fail(Code::kProvisioningFailed, "auto-provisioning is not available in this build");
  auto round = ctx.provisioning->RunNow("web");
  if (!round) return std::unexpected(round.error());
  return FormOutcome{Sentence(round->summary), !round->applied};
}

}  // namespace

void RegisterProvisionPage(httplib::Server& server, WebContext& ctx) {
  using Req = const httplib::Request&;
  using P = const Principal&;
  RegisterFormPage(server, ctx, FormPage{
      .path = std::string(kPath),
      .title = "Auto Provision",
      .nav = Nav::kAutoProvision,
      .body = [&ctx](P p) { return Body(ctx, p); },
      .actions = {{"save", [&ctx](Req req, P) { return Save(ctx, req); }},
                  {"run", [&ctx](Req, P) { return RunNow(ctx); }}},
  });
}

}  // namespace phonecert::web
