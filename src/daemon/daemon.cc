#include "daemon/daemon.h"

#include <pthread.h>
#include <signal.h>

#include <charconv>
#include <cstdio>
#include <iostream>
#include <thread>

#include "daemon/host_mac.h"
#include "daemon/log.h"
#include "daemon/provisioning_round.h"
#include "identity/factory.h"
#include "web/web_server.h"

namespace phonecert::daemon {
namespace {

int Refuse(const Error& e) {
  std::cerr << "phonecertd: " << e.detail << " [" << CodeName(e.code) << "]\n";
  return 1;
}

std::string UrlFor(const web::ListenAddress& a, int port) {
  std::string host = a.host;
  if (host == "0.0.0.0" || host.empty()) host = "127.0.0.1";
  if (host == "::") host = "::1";
  if (host.find(':') != std::string::npos) host = "[" + host + "]";
  return "https://" + host + ":" + std::to_string(port) + "/";
}

void PrintBanner(const State& state, const std::string& url, const web::ListenAddress& listen) {
  DeviceView device = state.device();
  std::string cert = "none (the server cannot complete a TLS handshake)";
  if (device.active.identity) {
    const Identity& id = *device.active.identity;
    cert = std::string(IdentityKindName(id.kind)) + " \"" + id.leaf.IssuedTo() + "\" issued by \"" +
           id.leaf.IssuedBy() + "\"";
    if (id.leaf.IssuedBy() == kDevVendorCaCommonName) cert += " (development CA: the browser will warn)";
  }
  std::string out = "phonecertd " PHONECERT_VERSION " is serving the phone's web UI at " + url + "\n";
  if (listen.host == "0.0.0.0" || listen.host == "::") out += "  listening on:       all addresses, port " + std::to_string(listen.port) + "\n";
  out += "  state directory:    " + state.paths().root.string() + "\n";
  out += "  device certificate: " + cert + "\n";
  out += "  user:               admin\n";
  if (state.first_start().generated_password) {
    out += "  password:           " + *state.first_start().generated_password +
           "\n                      (generated now and shown only this once; only its hash is stored)\n";
  } else {
    out += "  password:           the one printed at first start (or set by static.security.user_password);\n"
           "                      forgot it? stop phonecertd and run: phonecertd --reset-admin-password\n";
  }
  out += "Stop with Ctrl-C (SIGINT) or SIGTERM. The log follows on stderr.\n";
  std::fwrite(out.data(), 1, out.size(), stdout);
  std::fflush(stdout);
}

}  // namespace

Result<std::chrono::seconds> ParseInterval(std::string_view text) {
  if (text.empty()) return Fail(Code::kUsage, "the interval is empty");
  std::int64_t unit = 1;
  switch (text.back()) {
    case 's': unit = 1; text.remove_suffix(1); break;
    case 'm': unit = 60; text.remove_suffix(1); break;
    case 'h': unit = 3600; text.remove_suffix(1); break;
    case 'd': unit = 86400; text.remove_suffix(1); break;
    default: break;
  }
  std::int64_t n = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc() || p != text.data() + text.size() || n < 0 || n > 366 * 86400 / unit) {
    return Fail(Code::kUsage, "the interval must look like 24h, 90m, 45s or 3600 (seconds; 0 = off)");
  }
  return std::chrono::seconds{n * unit};
}

int RunDaemon(const DaemonOptions& options) {
  // SIGINT/SIGTERM are taken by sigwait below; every thread started from here inherits the mask.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  ::signal(SIGPIPE, SIG_IGN);

  SystemClock clock;
  StderrLog log(clock, options.log_level);
  auto listen = web::ParseListenAddress(options.listen);
  if (!listen) return Refuse(listen.error());

  StateOptions so;
  so.root = options.state_dir;
  so.clock = &clock;
  so.log = log.Sink();
  so.factory_mac = options.mac.empty() ? HostMac() : options.mac;
  auto state = State::Open(so);
  if (!state) return Refuse(state.error());

  if (options.reset_admin_password) {
    auto password = (*state)->ResetAdminPassword();
    if (!password) return Refuse(password.error());
    std::cout << "New password for user admin: " << *password << std::endl;
    return 0;
  }

  Verifier verifier;  // counts every TLS verification the daemon makes (GET /api/v1/metrics)
  ProvisioningOptions po = MakeProvisioningOptions(&verifier);
  po.interval = options.provision_interval;
  ProvisioningService provisioning(**state, clock, po);
  web::WebServer server(**state, &provisioning, clock,
                        {.host = listen->host,
                         .port = listen->port,
                         .threads = options.threads,
                         .verify_counters = &verifier.counters()});
  if (auto st = server.Bind(); !st) return Refuse(st.error());

  PrintBanner(**state, UrlFor(*listen, server.port()), *listen);
  log.Write(LogLevel::kInfo, "daemon: listening on " + listen->host + ":" + std::to_string(server.port()) +
                                 "; state directory " + (*state)->paths().root.string());
  std::thread serving([&server] { server.Run(); });
  provisioning.Start();
  ExpiryWatch expiry(**state, options.expiry_check_interval);
  expiry.Start();

  int sig = 0;
  sigwait(&stop_signals, &sig);
  log.Write(LogLevel::kInfo, std::string("daemon: ") + (sig == SIGTERM ? "SIGTERM" : "SIGINT") +
                                 " received; shutting down");
  expiry.Stop();
  provisioning.Stop();
  server.Stop();
  serving.join();
  log.Write(LogLevel::kInfo, "daemon: stopped");
  return 0;
}

}  // namespace phonecert::daemon
