// Security → Trusted Certificates: the three trust settings, the custom CA certificates (upload,
// table, delete, delete all) and a read-only view of the built-in list.
#include <string>

#include "settings/keys.h"
#include "web/form_page.h"
#include "web/http_util.h"
#include "web/routes.h"

namespace phonecert::web {
namespace {

constexpr std::string_view kPath = "/security/trusted-certificates";
constexpr std::string_view kKeys[] = {keys::kTrustCertificates, keys::kCnValidation, keys::kCaCert};

std::string Warnings(const Anchor& a) {
  std::string h;
  for (const std::string& w : a.warnings) h += "<span class=\"badge warn\">" + Escape(w) + "</span>";
  return h;
}

std::string SettingsCard(const WebContext& ctx, const Principal& p) {
  auto settings = ctx.state.settings();
  std::string h = "<section class=\"card\" id=\"trust-settings\"><h2>Settings</h2>\n"
                  "<form method=\"post\" action=\"" + std::string(kPath) + "\">" +
                  CsrfInput(p.csrf_token) + "<input type=\"hidden\" name=\"action\" value=\"settings\">\n";
  for (std::string_view key : kKeys) {
    const Parameter* param = FindParameter(key);
    if (!param) continue;
    h += FieldHtml(*param, ChoiceSelect(*param, settings->Value(*param)));
  }
  h += "<div class=\"actions\"><button type=\"submit\" id=\"confirm-settings\">Confirm</button></div>"
       "</form></section>\n";
  return h;
}

std::string CustomCard(const WebContext& ctx, const Principal& p) {
  auto snapshot = ctx.state.trust();
  TimePoint now = ctx.clock.Now();
  const auto& custom = snapshot->custom();
  std::string h = "<section class=\"card\" id=\"custom-certificates\"><h2>Custom CA certificates "
                  "<span class=\"muted\">(" + std::to_string(custom.size()) + " of " +
                  std::to_string(kMaxCustomAnchors) + ")</span></h2>\n";
  h += "<table id=\"trusted-table\"><thead><tr><th>Index</th><th>Issued To</th><th>Issued By</th>"
       "<th>Expiration</th><th></th></tr></thead><tbody>\n";
  if (custom.empty()) {
    h += "<tr><td colspan=\"5\" class=\"empty\">No custom CA certificates. Upload one below.</td></tr>\n";
  }
  for (std::size_t i = 0; i < custom.size(); ++i) {
    const Anchor& a = custom[i];
    Expiry e = ExpiryOf(a.certificate, now);
    h += "<tr data-sha256=\"" + a.certificate.Sha256() + "\"><td class=\"num\">" + std::to_string(i + 1) +
         "</td><td>" + Escape(a.certificate.IssuedTo()) + Warnings(a) + "</td><td>" +
         Escape(a.certificate.IssuedBy()) + "</td><td>" + FormatDate(a.certificate.NotAfter()) +
         ExpiryBadge(e) + "</td><td><form method=\"post\" action=\"" + std::string(kPath) +
         "\" data-confirm=\"Delete &quot;" + Escape(a.certificate.IssuedTo()) + "&quot;?\">" +
         CsrfInput(p.csrf_token) + "<input type=\"hidden\" name=\"action\" value=\"delete\">"
         "<input type=\"hidden\" name=\"certificate\" value=\"" + a.certificate.Sha256() +
         "\"><button type=\"submit\" class=\"danger small\">Delete</button></form></td></tr>\n";
  }
  h += "</tbody></table>\n";
  if (!custom.empty()) {
    h += "<form method=\"post\" action=\"" + std::string(kPath) + "\" class=\"actions\" "
         "data-confirm=\"Delete all custom CA certificates?\">" + CsrfInput(p.csrf_token) +
         "<input type=\"hidden\" name=\"action\" value=\"delete_all\">"
         "<button type=\"submit\" class=\"danger\" id=\"delete-all\">Delete All</button></form>\n";
  }
  h += "</section>\n";
  h += "<section class=\"card\" id=\"upload-trusted\"><h2>Import trusted certificates</h2>\n"
       "<form method=\"post\" action=\"" + std::string(kPath) + "\" enctype=\"multipart/form-data\">" +
       CsrfInput(p.csrf_token) + "<input type=\"hidden\" name=\"action\" value=\"upload\">\n"
       "<div class=\"field\"><label for=\"file\">Certificate file</label>"
       "<input type=\"file\" id=\"file\" name=\"file\" accept=\".pem,.crt,.cer,.der\" required>"
       "<p class=\"help\">.pem .crt .cer .der, at most 5 MB; a bundle adds each certificate.</p></div>\n"
       "<div class=\"actions\"><button type=\"submit\" id=\"upload\">Upload</button></div></form></section>\n";
  h += "<p><a href=\"" + std::string(kPath) + "/builtin\" id=\"builtin-link\">Show the built-in "
       "certificates (" + std::to_string(snapshot->builtin().size()) + ", read-only)</a></p>\n";
  return h;
}

std::string BuiltinBody(const WebContext& ctx) {
  auto snapshot = ctx.state.trust();
  TimePoint now = ctx.clock.Now();
  std::string h = "<p><a href=\"" + std::string(kPath) + "\">← Trusted Certificates</a></p>\n"
                  "<section class=\"card\"><h2>Built-in CA certificates</h2><p class=\"muted\">Public "
                  "root CAs embedded in phonecert (\"Default Certificates\"). They cannot be deleted; "
                  "CA Certificates = Custom Certificates stops using them.</p>\n"
                  "<table id=\"builtin-table\"><thead><tr><th>Index</th><th>Issued To</th><th>Issued By</th>"
                  "<th>Expiration</th><th>SHA-256</th></tr></thead><tbody>\n";
  std::size_t i = 0;
  for (const Anchor& a : snapshot->builtin()) {
    h += "<tr><td class=\"num\">" + std::to_string(++i) + "</td><td>" + Escape(a.certificate.IssuedTo()) +
         "</td><td>" + Escape(a.certificate.IssuedBy()) + "</td><td>" + FormatDate(a.certificate.NotAfter()) +
         ExpiryBadge(ExpiryOf(a.certificate, now)) + "</td><td class=\"fp\">" + a.certificate.Sha256() +
         "</td></tr>\n";
  }
  h += "</tbody></table></section>\n";
  return h;
}

std::string Plural(std::size_t n, std::string_view one, std::string_view many) {
  return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}

Result<FormOutcome> SaveSettings(WebContext& ctx, const httplib::Request& req) {
  std::vector<SettingAssignment> changes;
  for (std::string_view key : kKeys) {
    if (HasFormField(req, key)) changes.emplace_back(std::string(key), FormField(req, key));
  }
  auto done = ctx.state.UpdateSettings(changes);
  if (!done) return std::unexpected(done.error());
  return FormOutcome{ChangesSentence(*done), false};
}

Result<FormOutcome> Upload(WebContext& ctx, const httplib::Request& req) {
  auto file = UploadedFile(req);
  if (!file) return std::unexpected(file.error());
  auto added = ctx.state.AddTrusted(file->content, std::nullopt);
  if (!added) {
    Error e = added.error();
    e.detail = "\"" + file->filename + "\" was refused: " + e.detail;
    return std::unexpected(e);
  }
  std::string m = "Added " + Plural(added->size(), "certificate", "certificates") + ":";
  for (const Anchor& a : *added) {
    m += " \"" + a.certificate.IssuedTo() + "\"";
    for (const std::string& w : a.warnings) m += " (warning: " + w + ")";
  }
  return FormOutcome{m + ".", false};
}

Result<FormOutcome> Delete(WebContext& ctx, const httplib::Request& req) {
  auto removed = ctx.state.RemoveTrusted(FormField(req, "certificate"));
  if (!removed) return std::unexpected(removed.error());
  return FormOutcome{"Deleted \"" + removed->certificate.IssuedTo() + "\".", false};
}

Result<FormOutcome> DeleteAll(WebContext& ctx) {
  auto removed = ctx.state.RemoveAllTrusted();
  if (!removed) return std::unexpected(removed.error());
  return FormOutcome{"Deleted all custom CA certificates (" + std::to_string(*removed) + ").", false};
}

}  // namespace

void RegisterTrustedPage(httplib::Server& server, WebContext& ctx) {
  using Req = const httplib::Request&;
  using P = const Principal&;
  RegisterFormPage(server, ctx, FormPage{
      .path = std::string(kPath),
      .title = "Trusted Certificates",
      .nav = Nav::kTrusted,
      .body = [&ctx](P p) { return SettingsCard(ctx, p) + CustomCard(ctx, p); },
      .actions = {{"settings", [&ctx](Req req, P) { return SaveSettings(ctx, req); }},
                  {"upload", [&ctx](Req req, P) { return Upload(ctx, req); }},
                  {"delete", [&ctx](Req req, P) { return Delete(ctx, req); }},
                  {"delete_all", [&ctx](Req, P) { return DeleteAll(ctx); }}},
  });
  server.Get(std::string(kPath) + "/builtin",
             GuardPage(ctx, [&ctx](const httplib::Request&, httplib::Response& res, const Principal& p) {
               Frame f = MakeFrame(ctx, p, "Built-in Certificates", Nav::kTrusted);
               f.body = BuiltinBody(ctx);
               SendHtml(res, RenderFrame(f));
             }));
}

}  // namespace phonecert::web
