// identity_server: a test HTTPS server presenting the active device identity of a state directory.
//
//   identity_server --state-dir DIR --port-file FILE [--poll-ms N]
//
// Listens on 127.0.0.1 at a free port (written to FILE once listening is possible) and answers
// every GET / with "ok". The TLS context is phonecert's (ServerCtxSetup + IdentityProvider), used
// through cpp-httplib's SSLServer as the phone's web server uses it. The identity is reloaded
// from DIR (settings.cfg dev_cert + factory/ + custom/device/) on SIGHUP, and when polling every
// N ms (default 200; 0 = off) sees a change of the files; each reload prints one line
//   reload <n> trigger=<sighup|poll> active=<unique|generic|custom|none> sha256=<hex|-> reason=...
// on stdout, so a test can wait for it. SIGTERM / SIGINT stop the server.
#include <httplib.h>
#include <signal.h>
#include <sys/stat.h>

#include <cstdio>
#include <cstring>
#include <ctime>
#include <string>
#include <thread>

#include "base/file_io.h"
#include "identity/factory.h"
#include "identity/load_snapshot.h"
#include "settings/settings_store.h"
#include "state/state_dir.h"
#include "tls/server_context.h"

namespace {

using namespace phonecert;

struct Args {
  std::string state_dir;
  std::string port_file;
  long poll_ms = 200;
};

bool ParseArgs(int argc, char** argv, Args& args) {
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string name = argv[i];
    if (name == "--state-dir") {
      args.state_dir = argv[i + 1];
    } else if (name == "--port-file") {
      args.port_file = argv[i + 1];
    } else if (name == "--poll-ms") {
      args.poll_ms = std::stol(argv[i + 1]);
    } else {
      return false;
    }
  }
  return !args.state_dir.empty() && !args.port_file.empty() && argc % 2 == 1;
}

// What polling compares: identity of every file the selection depends on.
std::string StateStamp(const StatePaths& paths) {
  FactoryPaths fp = FactoryPathsOf(paths);
  std::string stamp;
  for (const auto& p : {paths.settings_file(), fp.mac(), fp.unique_chain(), fp.unique_key(),
                        fp.generic_chain(), fp.generic_key(), paths.custom_device() / "current"}) {
    struct stat st {};
    if (::stat(p.c_str(), &st) != 0) {
      stamp += "-;";
      continue;
    }
    stamp += std::to_string(st.st_ino) + ":" + std::to_string(st.st_size) + ":" +
             std::to_string(st.st_mtim.tv_sec) + "." + std::to_string(st.st_mtim.tv_nsec) + ";";
  }
  return stamp;
}

int reloads = 0;

void Reload(const StatePaths& paths, IdentityProvider& provider, const char* trigger) {
  SettingsStore settings(paths.settings_file());
  settings.Load();
  DeviceIdentityState state = LoadDeviceIdentity(paths, *settings.Current());
  provider.Swap(state.active.identity);
  const auto& id = state.active.identity;
  std::printf("reload %d trigger=%s active=%s sha256=%s reason=%s\n", ++reloads, trigger,
              id ? std::string(IdentityKindName(id->kind)).c_str() : "none",
              id ? id->leaf.Sha256().c_str() : "-", state.active.reason.c_str());
  std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
  Args args;
  if (!ParseArgs(argc, argv, args)) {
    std::fprintf(stderr, "usage: identity_server --state-dir DIR --port-file FILE [--poll-ms N]\n");
    return 2;
  }
  // The signals are taken by the watcher thread only (sigtimedwait); block them everywhere.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGHUP);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  ::signal(SIGPIPE, SIG_IGN);

  StatePaths paths{args.state_dir};
  auto provider = std::make_shared<IdentityProvider>();
  // The stamp is taken before each reload, so a change during a reload is seen by the next poll.
  std::string stamp = StateStamp(paths);
  Reload(paths, *provider, "start");

  httplib::SSLServer server(ServerCtxSetup(provider));
  if (!server.is_valid()) {
    std::fprintf(stderr, "identity_server: the TLS context could not be set up\n");
    return 1;
  }
  // Long enough for a test that opens a connection, changes the identity, then sends a request.
  server.set_read_timeout(120, 0);
  server.set_keep_alive_timeout(120);
  server.Get("/", [](const httplib::Request&, httplib::Response& res) {
    res.set_content("ok\n", "text/plain");
  });
  int port = server.bind_to_any_port("127.0.0.1");
  if (port <= 0) {
    std::fprintf(stderr, "identity_server: cannot bind a loopback port\n");
    return 1;
  }
  if (auto s = WriteFileAtomic(args.port_file, std::to_string(port) + "\n"); !s) {
    std::fprintf(stderr, "identity_server: %s\n", s.error().detail.c_str());
    return 1;
  }
  std::printf("listening port=%d\n", port);
  std::fflush(stdout);

  std::thread watcher([&] {
    for (;;) {
      timespec timeout{};
      long ms = args.poll_ms > 0 ? args.poll_ms : 1000;
      timeout.tv_sec = ms / 1000;
      timeout.tv_nsec = (ms % 1000) * 1000000L;
      int sig = sigtimedwait(&signals, nullptr, &timeout);
      if (sig == SIGTERM || sig == SIGINT) {
        server.stop();
        return;
      }
      if (sig == SIGHUP) {
        stamp = StateStamp(paths);
        Reload(paths, *provider, "sighup");
      } else if (args.poll_ms > 0) {
        std::string now = StateStamp(paths);
        if (now != stamp) {
          stamp = now;
          Reload(paths, *provider, "poll");
        }
      }
    }
  });
  server.listen_after_bind();
  watcher.join();
  return 0;
}
