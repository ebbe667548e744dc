// phonecert ca init DIR [--name N] [--key TYPE] [--days N] [--intermediate] [--force]
// phonecert ca issue server DIR --name HOST [--san NAME ...] [--key TYPE] [--days N] [--force]
// phonecert ca issue device DIR --mac MAC [--san NAME ...] [--p12 --password P] [--key TYPE]
// phonecert ca sign DIR REQUEST.csr [--profile server|device] [--days N] [--force]
// phonecert ca revoke DIR SERIAL
// phonecert ca crl DIR [--days N]
// Each command prints what it wrote and what to do with each file. Keys are never printed.
#include "base/file_io.h"
#include "ca/ca_dir.h"
#include "ca/file_roles.h"
#include "ca/serial.h"
#include "cli/command.h"
#include "x509/private_key.h"

namespace phonecert::cli {
namespace {

using ca::CaDirectory;

// Options shared by the issuing commands; `days` is set only when --days was given.
struct CommonIssueOptions {
  std::string dir;
  std::string key = "ec-p256";
  int days = 0;
  CLI::Option* days_option = nullptr;
  bool force = false;
  std::optional<int> Days() const {
    return days_option && days_option->count() ? std::optional<int>(days) : std::nullopt;
  }
};

struct InitOptions : CommonIssueOptions {
  std::string name = "phonecert Root CA";
  bool intermediate = false;
};
struct ServerOptions : CommonIssueOptions {
  std::string name;
  std::vector<std::string> sans;
};
struct DeviceOptions : CommonIssueOptions {
  std::string mac;
  std::vector<std::string> sans;
  bool p12 = false;
  std::string password;
};
struct SignOptions : CommonIssueOptions {
  std::string request;
  std::string profile = "server";
};
struct RevokeOptions {
  std::string dir;
  std::string serial;
};
struct CrlOptions {
  std::string dir;
  int days = 30;
};

void PrintFiles(const std::vector<ca::WrittenFile>& files) {
  std::cout << "\nFiles written:\n";
  for (const auto& f : files) {
    std::cout << "  " << f.path.string() << (ca::HoldsPrivateKey(f.role) ? "  (private key, 0600)" : "")
              << "\n      " << ca::FileRoleAdvice(f.role) << "\n";
  }
}

void PrintCertificate(std::string_view what, const Certificate& c) {
  std::cout << what << ": " << c.IssuedTo() << "\n"
            << "  Issued by:   " << c.IssuedBy() << "\n"
            << "  Serial:      " << ca::SerialHex(c) << "\n"
            << "  Valid:       " << FormatIso8601(c.NotBefore()) << " to "
            << FormatIso8601(c.NotAfter()) << "\n"
            << "  Key:         " << DescribeKey(X509_get0_pubkey(c.native())) << "\n";
  std::string names;
  for (const auto& n : c.DnsNames()) names += (names.empty() ? "" : ", ") + ("DNS:" + n);
  for (const auto& n : c.IpAddresses()) names += (names.empty() ? "" : ", ") + ("IP:" + n);
  if (!names.empty()) std::cout << "  Names (SAN): " << names << "\n";
  std::cout << "  SHA-256:     " << c.Sha256Fingerprint() << "\n";
}

Result<ca::KeyType> KeyOf(const CommonIssueOptions& o) { return ca::ParseKeyType(o.key); }

int RunInit(const InitOptions& o) {
  auto key = KeyOf(o);
  if (!key) return Report(key.error());
  ca::InitOptions init;
  init.name = o.name;
  init.key = *key;
  init.days = o.Days();
  init.intermediate = o.intermediate;
  init.force = o.force;
  auto files = CaDirectory::Init(o.dir, init, SystemClock().Now());
  if (!files) return Report(files.error());
  auto dir = CaDirectory::Open(o.dir);
  if (!dir) return Report(dir.error());
  std::cout << "Created a CA in " << o.dir << ".\n\n";
  PrintCertificate("Root CA", dir->root());
  if (dir->has_intermediate()) {
    std::cout << "\n";
    PrintCertificate("Issuing CA", dir->issuer());
  }
  PrintFiles(*files);
  std::cout << "\nNext: phonecert ca issue server " << o.dir << " --name HOST   (for a server)\n"
            << "      phonecert ca issue device " << o.dir << " --mac MAC    (for a phone)\n";
  return 0;
}

int RunServer(const ServerOptions& o) {
  auto key = KeyOf(o);
  if (!key) return Report(key.error());
  auto dir = CaDirectory::Open(o.dir);
  if (!dir) return Report(dir.error());
  ca::ServerOptions s{o.name, o.sans, *key, o.Days(), o.force};
  auto issued = dir->IssueServer(s, SystemClock().Now());
  if (!issued) return Report(issued.error());
  PrintCertificate("Server certificate", issued->certificate);
  if (o.Days() && *o.Days() > 398) {
    std::cout << "  Note: browsers refuse server certificates valid for more than 398 days; "
                 "phones and most other clients do not.\n";
  }
  PrintFiles(issued->files);
  return 0;
}

int RunDevice(const DeviceOptions& o) {
  auto key = KeyOf(o);
  if (!key) return Report(key.error());
  if (o.p12 && o.password.empty()) {
    return Report(Error{Code::kUsage, "--p12 needs a non-empty --password", std::nullopt});
  }
  auto dir = CaDirectory::Open(o.dir);
  if (!dir) return Report(dir.error());
  ca::DeviceOptions d{o.mac, o.sans, *key, o.Days(),
                      o.p12 ? std::optional<std::string>(o.password) : std::nullopt, o.force};
  auto issued = dir->IssueDevice(d, SystemClock().Now());
  if (!issued) return Report(issued.error());
  PrintCertificate("Device certificate", issued->certificate);
  PrintFiles(issued->files);
  return 0;
}

int RunSign(const SignOptions& o) {
  auto csr = ReadFileCapped(o.request, kMaxUploadBytes);
  if (!csr) return Report(csr.error());
  auto dir = CaDirectory::Open(o.dir);
  if (!dir) return Report(dir.error());
  ca::SignOptions s;
  s.csr = *csr;
  s.kind = o.profile == "device" ? ca::CertificateKind::kDevice : ca::CertificateKind::kServer;
  s.days = o.Days();
  s.force = o.force;
  auto issued = dir->SignRequest(s, SystemClock().Now());
  if (!issued) return Report(issued.error());
  PrintCertificate(o.profile == "device" ? "Device certificate" : "Server certificate",
                   issued->certificate);
  if (!issued->dropped.empty()) {
    std::cout << "\nNot copied from the request (the " << o.profile << " profile does not allow it):\n";
    for (const auto& d : issued->dropped) std::cout << "  - " << d << "\n";
  }
  PrintFiles(issued->files);
  return 0;
}

int RunRevoke(const RevokeOptions& o) {
  auto dir = CaDirectory::Open(o.dir);
  if (!dir) return Report(dir.error());
  auto revoked = dir->Revoke(o.serial, SystemClock().Now());
  if (!revoked) return Report(revoked.error());
  std::cout << "Revoked serial " << revoked->entry.serial << " (" << revoked->entry.name << ", "
            << ca::KindName(revoked->entry.kind) << ").\n"
            << "Recorded in " << (dir->dir() / ca::CaFiles::kIndex).string()
            << ". Publish the change: phonecert ca crl " << o.dir << "\n";
  return 0;
}

int RunCrl(const CrlOptions& o) {
  auto dir = CaDirectory::Open(o.dir);
  if (!dir) return Report(dir.error());
  auto files = dir->WriteCrl(SystemClock().Now(), o.days);
  if (!files) return Report(files.error());
  std::cout << "Wrote the revocation list of " << dir->issuer().IssuedTo() << ", valid for "
            << o.days << " days; run this again before then.\n";
  PrintFiles(*files);
  return 0;
}

void AddCommon(CLI::App* sub, CommonIssueOptions& o, std::string_view key_help) {
  sub->add_option("dir", o.dir, "CA directory")->required();
  sub->add_option("--key", o.key, std::string(key_help) + ": " + ca::KeyTypeChoices())
      ->capture_default_str();
  o.days_option = sub->add_option("--days", o.days, "Validity in days");
  sub->add_flag("--force", o.force, "Replace existing files");
}

template <class Options, class Run>
void Bind(CLI::App* sub, Context& ctx, std::shared_ptr<Options> o, Run run) {
  sub->callback([o, &ctx, run] { ctx.exit_code = run(*o); });
}

}  // namespace

void RegisterCa(CLI::App& app, Context& ctx) {
  CLI::App* ca = app.add_subcommand(
      "ca", "Create certificates: a CA, server certificates, phone (device) certificates");
  ca->require_subcommand(1);

  auto init = std::make_shared<InitOptions>();
  CLI::App* init_cmd = ca->add_subcommand("init", "Create a root CA (and an issuing CA) in DIR");
  AddCommon(init_cmd, *init, "Key type of the CA");
  init_cmd->add_option("--name", init->name, "Common Name of the root CA")->capture_default_str();
  init_cmd->add_flag("--intermediate", init->intermediate,
                     "Also create an issuing CA under the root; it signs everything else");
  Bind(init_cmd, ctx, init, RunInit);

  CLI::App* issue = ca->add_subcommand("issue", "Issue a server or device certificate");
  issue->require_subcommand(1);
  auto server = std::make_shared<ServerOptions>();
  CLI::App* server_cmd = issue->add_subcommand("server", "A TLS server certificate (serverAuth)");
  AddCommon(server_cmd, *server, "Key type");
  server_cmd->add_option("--name", server->name, "Host name or IP address (CN and first SAN)")
      ->required();
  server_cmd->add_option("--san", server->sans, "More DNS names or IP addresses (repeatable)");
  Bind(server_cmd, ctx, server, RunServer);

  auto device = std::make_shared<DeviceOptions>();
  CLI::App* device_cmd = issue->add_subcommand(
      "device", "A phone's device certificate (CN = MAC, serverAuth + clientAuth)");
  AddCommon(device_cmd, *device, "Key type");
  device_cmd->add_option("--mac", device->mac, "The phone's MAC (00:15:65:aa:bb:cc, 0015.65aa.bbcc, ...)")
      ->required();
  device_cmd->add_option("--san", device->sans, "DNS names or IP addresses of the phone (repeatable)");
  CLI::Option* p12 = device_cmd->add_flag("--p12", device->p12, "Also write <mac>.p12");
  device_cmd->add_option("--password", device->password, "Password of the .p12")->needs(p12);
  Bind(device_cmd, ctx, device, RunDevice);

  auto sign = std::make_shared<SignOptions>();
  CLI::App* sign_cmd = ca->add_subcommand(
      "sign", "Sign a certificate request, copying only the names the profile allows");
  sign_cmd->add_option("dir", sign->dir, "CA directory")->required();
  sign_cmd->add_option("request", sign->request, "The request (PKCS#10, PEM or DER)")->required();
  sign_cmd->add_option("--profile", sign->profile, "server or device")
      ->check(CLI::IsMember({"server", "device"}))
      ->capture_default_str();
  sign->days_option = sign_cmd->add_option("--days", sign->days, "Validity in days");
  sign_cmd->add_flag("--force", sign->force, "Replace existing files");
  Bind(sign_cmd, ctx, sign, RunSign);

  auto revoke = std::make_shared<RevokeOptions>();
  CLI::App* revoke_cmd = ca->add_subcommand("revoke", "Record a certificate as revoked");
  revoke_cmd->add_option("dir", revoke->dir, "CA directory")->required();
  revoke_cmd->add_option("serial", revoke->serial, "Serial number (hex, as printed at issue)")
      ->required();
  Bind(revoke_cmd, ctx, revoke, RunRevoke);

  auto crl = std::make_shared<CrlOptions>();
  CLI::App* crl_cmd = ca->add_subcommand("crl", "Write the CA's certificate revocation list");
  crl_cmd->add_option("dir", crl->dir, "CA directory")->required();
  crl_cmd->add_option("--days", crl->days, "Days until the next update")->capture_default_str();
  Bind(crl_cmd, ctx, crl, RunCrl);
}

}  // namespace phonecert::cli
