#include "provision/round.h"

#include <optional>
#include <vector>

#include "base/mac.h"
#include "provision/provision_url.h"
#include "settings/cfg_reader.h"

namespace phonecert::provision {
namespace {

TlsRecord ToRecord(const TlsCheck& check) {
  TlsRecord r;
  r.host = check.host;
  r.proceeded = check.proceeded;
  if (check.result) {
    r.verdict = std::string(VerdictName(check.result->verdict));
    for (Reason reason : check.result->reasons) r.reasons.emplace_back(ReasonName(reason));
    r.text = check.result->text;
  } else {
    r.verdict = "not_checked";
    r.text = "the handshake ended before the certificate was checked";
  }
  return r;
}

FileRecord ToRecord(const std::string& role, const FetchResult& f) {
  FileRecord r;
  r.role = role;
  r.url = f.url;
  r.redirected_from = f.redirected_from;
  r.status = std::string(FetchStatusName(f.status));
  r.response_code = f.response_code;
  r.bytes = f.status == FetchStatus::kOk ? f.body.size() : f.bytes;
  for (const TlsCheck& c : f.tls) r.tls.push_back(ToRecord(c));
  if (f.error) r.error = f.error->detail;
  return r;
}

class Round {
 public:
  Round(RoundStores stores, const RoundOptions& options) : stores_(stores), options_(options) {}

  RoundReport Run();

 private:
  bool Failed(std::string step, Error error) {
    report_.failed_step = std::move(step);
    report_.failure = std::move(error);
    report_.applied = false;
    return false;
  }
  // Fetches one file; records it. Returns nullopt when the round must stop (already recorded),
  // an empty optional-of-optional for "not found".
  std::optional<std::optional<std::string>> FetchFile(const std::string& role,
                                                      const std::string& url, bool may_be_missing);
  bool FetchCfg(std::string_view file_name, const std::string& role);

  RoundStores stores_;
  const RoundOptions& options_;
  RoundReport report_;
  std::shared_ptr<const Settings> base_;
  std::optional<ParsedUrl> server_;
  TlsCheckOptions tls_;
  std::optional<Credentials> credentials_;
  std::vector<CfgParse> parses_;
};

std::optional<std::optional<std::string>> Round::FetchFile(const std::string& role,
                                                           const std::string& url,
                                                           bool may_be_missing) {
  FetchRequest request;
  request.url = url;
  request.limits = options_.limits;
  request.tls = tls_;
  if (credentials_) {
    auto parsed = ParseUrl(url);
    if (parsed && SameServer(*parsed, *server_)) request.credentials = credentials_;
  }
  FetchResult fetched = Fetch(request);
  report_.files.push_back(ToRecord(role, fetched));
  switch (fetched.status) {
    case FetchStatus::kOk: return std::optional<std::string>(std::move(fetched.body));
    case FetchStatus::kNotFound:
      if (may_be_missing) return std::optional<std::string>();
      Failed("fetch " + role, Error{Code::kFetchFailed,
                                    fetched.url + " was not found; a certificate URL that "
                                                  "cannot be fetched fails the round",
                                    {}});
      return std::nullopt;
    case FetchStatus::kFailed: break;
  }
  Error e = fetched.error.value_or(Error{Code::kFetchFailed, "the transfer failed", {}});
  e.detail = fetched.url + ": " + e.detail;
  Failed("fetch " + role, std::move(e));
  return std::nullopt;
}

bool Round::FetchCfg(std::string_view file_name, const std::string& role) {
  auto url = FileUrl(server_->url, file_name);
  if (!url) return Failed("fetch " + role, url.error());
  auto body = FetchFile(role, *url, /*may_be_missing=*/true);
  if (!body) return false;
  if (!*body) {
    report_.notes.push_back(std::string(file_name) + " not found on the server (fine)");
    return true;
  }
  CfgReadOptions read;
  read.file_name = std::string(file_name);
  auto parsed = ParseCfg(**body, read);
  if (!parsed) return Failed("read " + std::string(file_name), parsed.error());
  parses_.push_back(std::move(*parsed));
  return true;
}

RoundReport Round::Run() {
  report_.started = options_.now;
  base_ = stores_.settings.Current();
  const std::string server = options_.url.empty() ? base_->AutoProvisionUrl() : options_.url;
  report_.server_url = RedactUrl(server);
  if (server.empty()) {
    Failed("server URL", Error{Code::kInvalidArgument,
                               "no provisioning server: set static.auto_provision.server.url "
                               "or give a URL",
                               {}});
    return report_;
  }
  auto parsed_server = ParseUrl(server);
  if (!parsed_server) {
    Failed("server URL", parsed_server.error());
    return report_;
  }
  server_ = *parsed_server;
  if (!options_.mac.empty()) {
    auto mac = NormalizeMac(options_.mac);
    if (!mac) {
      Failed("MAC address", mac.error());
      return report_;
    }
    report_.mac = *mac;
  } else {
    report_.notes.push_back("no MAC address: <mac>.cfg was not fetched");
  }

  tls_.snapshot = stores_.trust.Snapshot();
  tls_.policy = ProvisioningPolicy(*base_);
  tls_.now = options_.now;
  tls_.method = base_->DefaultSslMethod();
  tls_.verifier = options_.verifier;
  if (!base_->AutoProvisionUsername().empty()) {
    credentials_ = Credentials{base_->AutoProvisionUsername(), base_->AutoProvisionPassword()};
  }

  // 1-2. The provisioning files and the settings they give.
  if (!FetchCfg(kCommonFileName, "common")) return report_;
  if (!report_.mac.empty() && !FetchCfg(report_.mac + ".cfg", "mac")) return report_;
  SettingsPlan settings = PlanSettings(*base_, parses_);
  report_.changes = settings.changes;
  report_.settings_changed = Diff(*base_, settings.next).size();
  report_.diagnostics = settings.diagnostics;
  if (settings.delete_trusted) report_.actions.emplace_back("delete all custom trusted certificates");
  if (settings.delete_device) report_.actions.emplace_back("delete the custom device certificate");

  // 3. Certificates: everything fetched and checked before anything is written.
  std::optional<std::string> trusted_data;
  if (const std::string& url = settings.next.TrustedCertificatesUrl(); !url.empty()) {
    auto body = FetchFile("trusted_certificates", url, /*may_be_missing=*/false);
    if (!body) return report_;
    trusted_data = std::move(**body);
  }
  std::optional<std::string> device_data;
  if (const std::string& url = settings.next.ServerCertificatesUrl(); !url.empty()) {
    auto body = FetchFile("server_certificate", url, /*may_be_missing=*/false);
    if (!body) return report_;
    device_data = std::move(**body);
  }
  auto trust = PlanTrust(*tls_.snapshot, settings.delete_trusted, trusted_data,
                         RedactUrl(settings.next.TrustedCertificatesUrl()));
  if (!trust) {
    Failed("trusted certificates", trust.error());
    return report_;
  }
  report_.certificates = TrustRecords(*trust);
  CustomState device_state = stores_.device.Load();
  auto device = PlanDevice(device_state, settings.delete_device, device_data, options_.now,
                           RedactUrl(settings.next.ServerCertificatesUrl()));
  if (!device) {
    Failed("server certificate", device.error());
    return report_;
  }
  for (CertificateRecord& r : DeviceRecords(*device)) report_.certificates.push_back(std::move(r));

  // 4. Commit.
  if (auto s = CommitRound(stores_, {settings, *trust, *device}, options_.now, report_.notes); !s) {
    Failed("commit", s.error());
    return report_;
  }
  report_.applied = true;
  return report_;
}

}  // namespace

RoundReport RunRound(RoundStores stores, const RoundOptions& options) {
  return Round(stores, options).Run();
}

}  // namespace phonecert::provision
