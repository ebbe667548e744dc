#include "web/html.h"

namespace phonecert::web {

std::string Escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 16);
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string CsrfInput(std::string_view token) {
  return "<input type=\"hidden\" name=\"csrf\" value=\"" + Escape(token) + "\">";
}

std::string MessageHtml(const Message& m) {
  return std::string("<p class=\"alert ") + (m.is_error ? "error\" role=\"alert\"" : "notice\" role=\"status\"") +
         " id=\"message\">" + Escape(m.text) + "</p>\n";
}

namespace {

std::string NavLink(std::string_view href, std::string_view label, bool active) {
  return std::string("<li><a href=\"") + std::string(href) + "\"" +
         (active ? " class=\"active\" aria-current=\"page\"" : "") + ">" + std::string(label) +
         "</a></li>\n";
}

}  // namespace

std::string RenderFrame(const Frame& f) {
  std::string h;
  h.reserve(f.body.size() + 4096);
  h += "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
       "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>";
  h += Escape(f.title);
  h += " · phonecert</title>\n<link rel=\"stylesheet\" href=\"/static/style.css\">\n"
       "<script src=\"/static/app.js\" defer></script>\n</head>\n<body>\n";
  h += "<header class=\"topbar\"><span class=\"brand\">phonecert</span>";
  if (!f.device_label.empty()) h += "<span class=\"device\">" + Escape(f.device_label) + "</span>";
  if (!f.csrf.empty()) {
    h += "<form method=\"post\" action=\"/logout\" class=\"logout\">" + CsrfInput(f.csrf) +
         "<span class=\"user\">admin</span><button type=\"submit\" class=\"link\" id=\"logout\">Log out</button></form>";
  }
  h += "</header>\n<div class=\"layout\">\n";
  if (!f.csrf.empty()) {
    h += "<nav class=\"sidebar\" aria-label=\"Sections\">\n<h2>Security</h2>\n<ul>\n";
    h += NavLink("/security/trusted-certificates", "Trusted Certificates", f.nav == Nav::kTrusted);
    h += NavLink("/security/server-certificates", "Server Certificates", f.nav == Nav::kServer);
    h += "</ul>\n<h2>Settings</h2>\n<ul>\n";
    h += NavLink("/settings/auto-provision", "Auto Provision", f.nav == Nav::kAutoProvision);
    h += "</ul>\n</nav>\n";
  }
  h += std::string(f.csrf.empty() ? "<main class=\"bare\">" : "<main>") + "\n<h1>" + Escape(f.title) +
       "</h1>\n";
  if (f.message) h += MessageHtml(*f.message);
  h += f.body;
  h += "</main>\n</div>\n</body>\n</html>\n";
  return h;
}

}  // namespace phonecert::web
