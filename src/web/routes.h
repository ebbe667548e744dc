#pragma once
// Route registration, one function per page or API resource (each in its own file).
// Pages (fixed, for scripts and documentation): /login, /logout, /security/trusted-certificates,
// /security/server-certificates, /settings/auto-provision; / redirects.
// API: /api/v1/settings, /api/v1/trusted-certificates, /api/v1/device-certificate,
// /api/v1/provisioning, /api/v1/metrics (docs/api.md).
#include "web/http.h"
#include "web/web_context.h"

namespace phonecert::web {

void RegisterLoginPages(httplib::Server& server, WebContext& ctx);      // /, /login, /logout
void RegisterTrustedPage(httplib::Server& server, WebContext& ctx);     // /security/trusted-certificates
void RegisterServerCertPage(httplib::Server& server, WebContext& ctx);  // /security/server-certificates
void RegisterProvisionPage(httplib::Server& server, WebContext& ctx);   // /settings/auto-provision

void RegisterSettingsApi(httplib::Server& server, WebContext& ctx);
void RegisterTrustedApi(httplib::Server& server, WebContext& ctx);
void RegisterDeviceApi(httplib::Server& server, WebContext& ctx);
void RegisterProvisioningApi(httplib::Server& server, WebContext& ctx);
void RegisterMetricsApi(httplib::Server& server, WebContext& ctx);

// Shared by pages and API: a <select> for a choice row of the parameter table.
std::string ChoiceSelect(const Parameter& parameter, std::string_view current);
// The field block (label, control, help) for a row.
std::string FieldHtml(const Parameter& parameter, const std::string& control);

}  // namespace phonecert::web
