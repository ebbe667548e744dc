#pragma once
// RoundReport: what one auto-provisioning round did, for people (ToLines) and programs (ToJson).
// It never holds a secret: URLs are redacted (provision_url.h), secret settings are masked, and
// no key material appears. A failed round (applied = false) still lists what was fetched and
// what it would have changed, under the failure that stopped it.
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/error.h"
#include "base/time.h"
#include "settings/diagnostic.h"
#include "settings/settings.h"

namespace phonecert::provision {

// One TLS handshake with a server: how our Verifier judged its certificate.
struct TlsRecord {
  std::string host;
  std::string verdict;               // "trusted", "not_trusted", "proceed_untrusted"
  std::vector<std::string> reasons;  // stable reason names (verify/reason.h)
  std::string text;                  // one sentence
  bool proceeded = false;            // the transfer was allowed to go on
};

// One file the round asked for.
struct FileRecord {
  std::string role;    // "common", "mac", "trusted_certificates", "server_certificate"
  std::string url;     // redacted
  std::vector<std::string> redirected_from;
  std::string status;  // "ok", "not_found", "failed"
  long response_code = 0;
  std::size_t bytes = 0;
  std::vector<TlsRecord> tls;
  std::string error;   // status "failed": the sentence
};

// One setting changed by a file (old and new as shown to people).
struct KeyChange {
  std::string file;  // "y000000000000.cfg"
  std::size_t line = 0;
  std::string key;
  std::string old_value;
  std::string new_value;
};

struct CertificateRecord {
  std::string store;   // "trusted" or "device"
  std::string action;  // trusted: "added", "already_present", "deleted"
                       // device: "installed", "replaced", "unchanged", "deleted"
  std::string issued_to;
  std::string issued_by;
  std::string expiration;  // YYYY-MM-DD
  std::string sha256;
  std::vector<std::string> notes;  // warnings ("not a CA certificate") and facts
};

struct RoundReport {
  TimePoint started{};
  std::string server_url;  // redacted
  std::string mac;         // 12 hex digits, or empty (no <mac>.cfg asked for)
  bool applied = false;
  std::vector<FileRecord> files;
  std::vector<KeyChange> changes;      // in application order: common file, then MAC file
  std::size_t settings_changed = 0;    // keys whose stored value differs after the round
  std::vector<std::string> actions;    // "delete all custom trusted certificates", ...
  std::vector<Diagnostic> diagnostics;
  std::vector<CertificateRecord> certificates;
  std::vector<std::string> notes;      // facts about the round (a file not found, rollback...)
  std::optional<Error> failure;        // set iff !applied
  std::string failed_step;             // "fetch common file", "trusted certificates", ...

  // One sentence: "applied: 3 settings changed, 1 trusted certificate added" or
  // "failed (nothing applied): fetch trusted certificates: ...".
  std::string Summary() const;
};

// The report as text lines (the CLI prints them; the daemon logs them).
std::vector<std::string> ToLines(const RoundReport& report);
nlohmann::json ToJson(const RoundReport& report);

}  // namespace phonecert::provision
