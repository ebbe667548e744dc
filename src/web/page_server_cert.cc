// Security → Server Certificates: which device certificate the phone presents (Default / Custom),
// the one in use, the custom one (upload, delete) and the factory ones (read-only).
#include <string>

#include "settings/keys.h"
#include "web/form_page.h"
#include "web/http_util.h"
#include "web/routes.h"

namespace phonecert::web {
namespace {

constexpr std::string_view kPath = "/security/server-certificates";

std::string KindBadge(IdentityKind kind) {
  switch (kind) {
    case IdentityKind::kUnique: return " <span class=\"badge ok\">issued to this device at manufacture</span>";
    case IdentityKind::kGeneric: return " <span class=\"badge warn\">shared by all devices of the model</span>";
    case IdentityKind::kCustom: return " <span class=\"badge info\">installed by an administrator</span>";
  }
  return "";
}

std::string Facts(const Identity& id, TimePoint now, const std::string& id_prefix) {
  Expiry e = ExpiryOf(id.leaf, now);
  return "<dl class=\"facts\" id=\"" + id_prefix + "\">"
         "<dt>Kind</dt><dd class=\"kind\">" + std::string(IdentityKindName(id.kind)) + KindBadge(id.kind) + "</dd>"
         "<dt>Issued To</dt><dd class=\"issued-to\">" + Escape(id.leaf.IssuedTo()) + "</dd>"
         "<dt>Issued By</dt><dd class=\"issued-by\">" + Escape(id.leaf.IssuedBy()) + "</dd>"
         "<dt>Expiration</dt><dd class=\"expiration\">" + FormatDate(id.leaf.NotAfter()) + ExpiryBadge(e) + "</dd>"
         "<dt>SHA-256</dt><dd class=\"fp sha256\">" + id.leaf.Sha256Fingerprint() + "</dd>"
         "<dt>Chain</dt><dd>" + std::to_string(id.chain.size()) + " issuer certificate(s) sent after it</dd>"
         "</dl>\n";
}

std::string Body(const WebContext& ctx, const Principal& p) {
  TimePoint now = ctx.clock.Now();
  DeviceView device = ctx.state.device();
  auto settings = ctx.state.settings();
  std::string h;
  const Parameter* dev_cert = FindParameter(keys::kDevCert);
  h += "<section class=\"card\" id=\"device-select\"><h2>Device certificate</h2>"
       "<form method=\"post\" action=\"" + std::string(kPath) + "\">" + CsrfInput(p.csrf_token) +
       "<input type=\"hidden\" name=\"action\" value=\"select\">";
  if (dev_cert) h += FieldHtml(*dev_cert, ChoiceSelect(*dev_cert, settings->Value(*dev_cert)));
  h += "<div class=\"actions\"><button type=\"submit\" id=\"confirm-device\">Confirm</button></div></form></section>\n";

  h += "<section class=\"card\" id=\"active-certificate\"><h2>Certificate in use</h2>\n";
  if (device.active.fell_back) h += "<p class=\"alert warn\">" + Escape(Sentence(device.active.reason)) + "</p>\n";
  if (device.active.identity) {
    const Identity& id = *device.active.identity;
    if (!id.shared_key_warning.empty()) {
      h += "<p class=\"alert warn\" id=\"shared-key-warning\">Warning: " + Escape(Sentence(id.shared_key_warning)) +
           " Install a custom certificate or provision a unique one.</p>\n";
    }
    h += Facts(id, now, "active");
    h += "<p class=\"muted\">" + Escape(Sentence(device.active.reason)) + "</p>\n";
  } else {
    h += "<p class=\"alert error\">" + Escape(Sentence(device.active.reason)) + "</p>\n";
  }
  h += "</section>\n";

  h += "<section class=\"card\" id=\"custom-certificate\"><h2>Custom certificate</h2>\n";
  if (device.snapshot && device.snapshot->custom) {
    h += Facts(*device.snapshot->custom, now, "custom");
    h += "<form method=\"post\" action=\"" + std::string(kPath) + "\" class=\"actions\" "
         "data-confirm=\"Delete the custom device certificate and its key?\">" + CsrfInput(p.csrf_token) +
         "<input type=\"hidden\" name=\"action\" value=\"delete\">"
         "<button type=\"submit\" class=\"danger\" id=\"delete-custom\">Delete</button></form>\n";
  } else {
    h += "<p class=\"empty\">No custom certificate is installed.</p>\n";
  }
  h += "</section>\n";

  h += "<section class=\"card\" id=\"upload-device\"><h2>Import a custom certificate</h2>\n"
       "<form method=\"post\" action=\"" + std::string(kPath) + "\" enctype=\"multipart/form-data\">" +
       CsrfInput(p.csrf_token) + "<input type=\"hidden\" name=\"action\" value=\"upload\">\n"
       "<div class=\"field\"><label for=\"file\">Certificate and key</label>"
       "<input type=\"file\" id=\"file\" name=\"file\" accept=\".pem,.cer,.p12,.pfx\" required>"
       "<p class=\"help\">.pem .cer with the certificate chain and its private key (any order), or "
       ".p12 .pfx; at most 5 MB. It replaces the installed custom certificate.</p></div>\n"
       "<div class=\"field\"><label for=\"password\">Password</label>"
       "<input type=\"password\" id=\"password\" name=\"password\" autocomplete=\"off\">"
       "<p class=\"help\">For PKCS#12 files and encrypted keys only.</p></div>\n"
       "<div class=\"actions\"><button type=\"submit\" id=\"upload\">Upload</button></div></form></section>\n";

  if (device.snapshot) {
    h += "<section class=\"card\" id=\"factory-certificates\"><h2>Factory certificates</h2>\n";
    if (device.snapshot->unique) h += "<h3>Unique</h3>" + Facts(*device.snapshot->unique, now, "unique");
    if (device.snapshot->generic) {
      h += "<h3>Generic</h3><p class=\"muted\">" + Escape(Sentence(std::string(kSharedKeyWarning))) + "</p>" +
           Facts(*device.snapshot->generic, now, "generic");
    }
    if (!device.snapshot->unique && !device.snapshot->generic) {
      h += "<p class=\"empty\">No factory certificates.</p>";
    }
    for (const std::string& problem : device.snapshot->problems) {
      h += "<p class=\"alert warn\">" + Escape(Sentence(problem)) + "</p>";
    }
    h += "</section>\n";
  }
  return h;
}

Result<FormOutcome> Select(WebContext& ctx, const httplib::Request& req) {
  auto done = ctx.state.UpdateSettings({{std::string(keys::kDevCert), FormField(req, keys::kDevCert)}});
  if (!done) return std::unexpected(done.error());
  DeviceView device = ctx.state.device();
  std::string m = done->empty() ? "No setting changed. " : "Saved. ";
  return FormOutcome{m + Sentence(device.active.reason), device.active.fell_back};
}

Result<FormOutcome> Upload(WebContext& ctx, const httplib::Request& req) {
  auto file = UploadedFile(req);
  if (!file) return std::unexpected(file.error());
  std::string password = FormField(req, "password");
  auto installed = ctx.state.InstallDevice(file->content, password.empty() ? std::nullopt
                                                                            : std::optional(password));
  if (!installed) {
    Error e = installed.error();
    e.detail = "\"" + file->filename + "\" was refused: " + e.detail;
    return std::unexpected(e);
  }
  DeviceView device = ctx.state.device();
  std::string m = std::string(installed->replaced ? "Replaced" : "Installed") +
                  " the custom certificate \"" + installed->identity->leaf.IssuedTo() + "\".";
  for (const std::string& n : installed->notes) m += " " + Sentence(n);
  if (device.selected != DevCertChoice::kCustom) {
    m += " It is not in use: set Device Certificates to Custom Certificates and confirm.";
  }
  return FormOutcome{m, false};
}

Result<FormOutcome> Delete(WebContext& ctx) {
  auto removed = ctx.state.RemoveDevice();
  if (!removed) return std::unexpected(removed.error());
  if (!*removed) return Fail(Code::kNotFound, "No custom certificate is installed");
  return FormOutcome{"Deleted the custom certificate. " + Sentence(ctx.state.device().active.reason), false};
}

}  // namespace

void RegisterServerCertPage(httplib::Server& server, WebContext& ctx) {
  using Req = const httplib::Request&;
  using P = const Principal&;
  RegisterFormPage(server, ctx, FormPage{
      .path = std::string(kPath),
      .title = "Server Certificates",
      .nav = Nav::kServer,
      .body = [&ctx](P p) { return Body(ctx, p); },
      .actions = {{"select", [&ctx](Req req, P) { return Select(ctx, req); }},
                  {"upload", [&ctx](Req req, P) { return Upload(ctx, req); }},
                  {"delete", [&ctx](Req, P) { return Delete(ctx); }}},
  });
}

}  // namespace phonecert::web
