#include "provision/round_report.h"

#include <algorithm>

namespace phonecert::provision {
namespace {

std::string Plural(std::size_t n, const std::string& one, const std::string& many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

std::size_t CountAction(const RoundReport& r, std::string_view store, std::string_view action) {
  return static_cast<std::size_t>(
      std::count_if(r.certificates.begin(), r.certificates.end(), [&](const CertificateRecord& c) {
        return c.store == store && c.action == action;
      }));
}

std::string FileLine(const FileRecord& f) {
  std::string line = "  " + f.role + ": " + f.url + " -> " + f.status;
  if (f.response_code) line += " (" + std::to_string(f.response_code) + ")";
  if (f.status == "ok") line += ", " + Plural(f.bytes, "byte", "bytes");
  if (!f.error.empty()) line += " (the reason is above)";
  return line;
}

std::string TlsLine(const TlsRecord& t) {
  std::string line = "    TLS " + t.host + ": " + t.verdict;
  if (!t.reasons.empty()) {
    line += " [";
    for (std::size_t i = 0; i < t.reasons.size(); ++i) line += (i ? ", " : "") + t.reasons[i];
    line += "]";
  }
  if (t.verdict == "proceed_untrusted") {
    line += " (Only Accept Trusted Certificates is off: fetched anyway)";
  }
  if (!t.text.empty() && t.verdict != "trusted") line += ": " + t.text;
  return line;
}

}  // namespace

std::string RoundReport::Summary() const {
  if (!applied) {
    return "failed (nothing applied): " + failed_step + ": " +
           (failure ? failure->detail : std::string("unknown error"));
  }
  std::string s = "applied: " + Plural(settings_changed, "setting changed", "settings changed");
  const std::size_t added = CountAction(*this, "trusted", "added");
  const std::size_t deleted = CountAction(*this, "trusted", "deleted");
  if (added) s += ", " + Plural(added, "trusted certificate added", "trusted certificates added");
  if (deleted) {
    s += ", " + Plural(deleted, "trusted certificate deleted", "trusted certificates deleted");
  }
  for (const CertificateRecord& c : certificates) {
    if (c.store == "device" && c.action != "unchanged") s += ", device certificate " + c.action;
  }
  if (!diagnostics.empty()) s += ", " + Plural(diagnostics.size(), "diagnostic", "diagnostics");
  return s;
}

std::vector<std::string> ToLines(const RoundReport& r) {
  std::vector<std::string> out;
  out.push_back("Provisioning round " + FormatIso8601(r.started) + " from " + r.server_url +
                (r.mac.empty() ? "" : " (MAC " + r.mac + ")"));
  out.push_back(r.applied ? "Result: " + r.Summary() : "Result: FAILED, nothing was applied");
  if (!r.applied) {
    out.push_back("  step: " + r.failed_step);
    if (r.failure) {
      out.push_back("  reason: " + r.failure->detail + " [" +
                    std::string(CodeName(r.failure->code)) + "]");
    }
  }
  if (!r.files.empty()) {
    out.push_back("Files:");
    for (const FileRecord& f : r.files) {
      for (const std::string& from : f.redirected_from) out.push_back("  (redirected from " + from + ")");
      out.push_back(FileLine(f));
      for (const TlsRecord& t : f.tls) out.push_back(TlsLine(t));
    }
  }
  if (!r.changes.empty()) {
    out.push_back(r.applied ? "Settings changed:" : "Settings (not applied):");
    for (const KeyChange& c : r.changes) {
      std::string where = c.file.empty() ? "" : "  (" + c.file + ":" + std::to_string(c.line) + ")";
      out.push_back("  " + c.key + ": '" + c.old_value + "' -> '" + c.new_value + "'" + where);
    }
  }
  if (!r.actions.empty()) {
    out.push_back(r.applied ? "Actions:" : "Actions (not done):");
    for (const std::string& a : r.actions) out.push_back("  " + a);
  }
  if (!r.certificates.empty()) {
    out.push_back(r.applied ? "Certificates:" : "Certificates (not applied):");
    for (const CertificateRecord& c : r.certificates) {
      std::string line = "  " + c.store + " " + c.action + ": " + c.issued_to + " (issued by " +
                         c.issued_by + ", expires " + c.expiration + ", sha256 " +
                         c.sha256.substr(0, 16) + "...)";
      out.push_back(line);
      for (const std::string& n : c.notes) out.push_back("    note: " + n);
    }
  }
  if (!r.diagnostics.empty()) {
    out.push_back("Diagnostics:");
    for (const Diagnostic& d : r.diagnostics) out.push_back("  " + d.ToString());
  }
  for (const std::string& n : r.notes) out.push_back("Note: " + n);
  return out;
}

nlohmann::json ToJson(const RoundReport& r) {
  using nlohmann::json;
  json j;
  j["started"] = FormatIso8601(r.started);
  j["server_url"] = r.server_url;
  j["mac"] = r.mac;
  j["applied"] = r.applied;
  j["summary"] = r.Summary();
  if (r.failure) {
    j["failure"] = {{"step", r.failed_step},
                    {"code", std::string(CodeName(r.failure->code))},
                    {"reason", r.failure->detail}};
  } else {
    j["failure"] = nullptr;
  }
  j["files"] = json::array();
  for (const FileRecord& f : r.files) {
    json tls = json::array();
    for (const TlsRecord& t : f.tls) {
      tls.push_back({{"host", t.host},
                     {"verdict", t.verdict},
                     {"reasons", t.reasons},
                     {"text", t.text},
                     {"proceeded", t.proceeded}});
    }
    json file = {{"role", f.role},         {"url", f.url},
                 {"status", f.status},     {"response_code", f.response_code},
                 {"bytes", f.bytes},       {"redirected_from", f.redirected_from},
                 {"tls", tls}};
    file["error"] = f.error.empty() ? json(nullptr) : json(f.error);
    j["files"].push_back(std::move(file));
  }
  j["settings_changed"] = r.settings_changed;
  j["changes"] = json::array();
  for (const KeyChange& c : r.changes) {
    j["changes"].push_back({{"file", c.file},
                            {"line", c.line},
                            {"key", c.key},
                            {"old", c.old_value},
                            {"new", c.new_value}});
  }
  j["actions"] = r.actions;
  j["certificates"] = json::array();
  for (const CertificateRecord& c : r.certificates) {
    j["certificates"].push_back({{"store", c.store},
                                 {"action", c.action},
                                 {"issued_to", c.issued_to},
                                 {"issued_by", c.issued_by},
                                 {"expiration", c.expiration},
                                 {"sha256", c.sha256},
                                 {"notes", c.notes}});
  }
  j["diagnostics"] = json::array();
  for (const Diagnostic& d : r.diagnostics) {
    j["diagnostics"].push_back({{"file", d.file},
                                {"line", d.line},
                                {"severity", std::string(SeverityName(d.severity))},
                                {"code", std::string(DiagnosticCodeName(d.code))},
                                {"text", d.sentence}});
  }
  j["notes"] = r.notes;
  return j;
}

}  // namespace phonecert::provision
