#include "tls/connect.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "ossl/error.h"
#include "verify/name_match.h"

namespace phonecert {
namespace {

class Socket {
 public:
  explicit Socket(int fd) : fd_(fd) {}
  ~Socket() {
    if (fd_ >= 0) ::close(fd_);
  }
  Socket(const Socket&) = delete;
  Socket& operator=(const Socket&) = delete;
  int fd() const { return fd_; }
  int release() {
    int fd = fd_;
    fd_ = -1;
    return fd;
  }

 private:
  int fd_;
};

std::string AddressText(const sockaddr* sa) {
  char host[NI_MAXHOST] = {};
  char serv[NI_MAXSERV] = {};
  socklen_t len = sa->sa_family == AF_INET6 ? sizeof(sockaddr_in6) : sizeof(sockaddr_in);
  getnameinfo(sa, len, host, sizeof host, serv, sizeof serv, NI_NUMERICHOST | NI_NUMERICSERV);
  return sa->sa_family == AF_INET6 ? "[" + std::string(host) + "]:" + serv
                                   : std::string(host) + ":" + serv;
}

// Connects with a timeout; returns the connected socket (blocking, with I/O timeouts set).
Result<int> TcpConnect(const ConnectOptions& o, std::string& address) {
  addrinfo hints{};
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_family = AF_UNSPEC;
  addrinfo* list = nullptr;
  std::string port = std::to_string(o.port);
  if (int rc = getaddrinfo(o.host.c_str(), port.c_str(), &hints, &list); rc != 0) {
    return Fail(Code::kConnectFailed, "cannot resolve " + o.host + ": " + gai_strerror(rc));
  }
  std::unique_ptr<addrinfo, decltype(&freeaddrinfo)> owner(list, freeaddrinfo);
  std::string last_error = "no address";
  for (addrinfo* ai = list; ai != nullptr; ai = ai->ai_next) {
    int fd = ::socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, ai->ai_protocol);
    if (fd < 0) continue;
    Socket guard(fd);
    int flags = fcntl(fd, F_GETFL, 0);
    fcntl(fd, F_SETFL, flags | O_NONBLOCK);
    int rc = ::connect(fd, ai->ai_addr, ai->ai_addrlen);
    if (rc != 0 && errno == EINPROGRESS) {
      pollfd p{fd, POLLOUT, 0};
      rc = ::poll(&p, 1, static_cast<int>(o.timeout.count()));
      if (rc == 0) {
        last_error = "timed out after " + std::to_string(o.timeout.count()) + " ms";
        continue;
      }
      int err = 0;
      socklen_t len = sizeof err;
      getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len);
      rc = err == 0 ? 0 : -1;
      errno = err;
    }
    if (rc != 0) {
      last_error = std::strerror(errno);
      continue;
    }
    fcntl(fd, F_SETFL, flags);
    timeval tv{};
    tv.tv_sec = static_cast<time_t>(o.timeout.count() / 1000);
    tv.tv_usec = static_cast<suseconds_t>((o.timeout.count() % 1000) * 1000);
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    address = AddressText(ai->ai_addr);
    return guard.release();
  }
  return Fail(Code::kConnectFailed,
              "cannot connect to " + o.host + " port " + port + ": " + last_error);
}

}  // namespace

Result<HostPort> ParseHostPort(const std::string& text) {
  HostPort hp;
  std::string port;
  if (!text.empty() && text.front() == '[') {
    auto close = text.find(']');
    if (close == std::string::npos || close + 1 >= text.size() || text[close + 1] != ':') {
      return Fail(Code::kUsage, "\"" + text + "\" is not HOST:PORT ([IPv6]:PORT for IPv6)");
    }
    hp.host = text.substr(1, close - 1);
    port = text.substr(close + 2);
  } else {
    auto colon = text.rfind(':');
    if (colon == std::string::npos || colon == 0 || text.find(':') != colon) {
      return Fail(Code::kUsage, "\"" + text + "\" is not HOST:PORT ([IPv6]:PORT for IPv6)");
    }
    hp.host = text.substr(0, colon);
    port = text.substr(colon + 1);
  }
  if (port.empty() || port.size() > 5 ||
      port.find_first_not_of("0123456789") != std::string::npos || std::stoi(port) < 1 ||
      std::stoi(port) > 65535) {
    return Fail(Code::kUsage, "\"" + port + "\" is not a port number (1..65535)");
  }
  hp.port = std::stoi(port);
  return hp;
}

Result<ConnectResult> Connect(const ClientContext& context, const ConnectOptions& options) {
  ConnectResult out;
  auto fd = TcpConnect(options, out.address);
  if (!fd) return std::unexpected(fd.error());
  Socket sock(*fd);

  ossl::ClearErrors();
  ossl::SslPtr ssl(SSL_new(context.native()));
  if (!ssl) return ossl::FailWithQueue(Code::kTlsError, "cannot create a TLS connection");
  HandshakeVerification verification;
  verification.expected_name = options.servername.empty() ? options.host : options.servername;
  if (auto st = context.AttachVerification(ssl.get(), &verification); !st) {
    return std::unexpected(st.error());
  }
  auto ref = ParseReferenceName(verification.expected_name);
  if (ref && ref->kind == ReferenceName::Kind::kDns) {
    SSL_set_tlsext_host_name(ssl.get(), verification.expected_name.c_str());
  }
  SSL_set_fd(ssl.get(), sock.fd());
  int rc = SSL_connect(ssl.get());
  out.peer_chain = verification.peer_chain;
  if (verification.verified) out.verify = verification.result;
  if (rc == 1) {
    out.handshake_completed = true;
    out.protocol = SSL_get_version(ssl.get());
    if (const SSL_CIPHER* c = SSL_get_current_cipher(ssl.get())) out.cipher = SSL_CIPHER_get_name(c);
    SSL_shutdown(ssl.get());
    ossl::ClearErrors();
    return out;
  }
  if (verification.verified && !out.verify.trusted()) {
    ossl::ClearErrors();
    return out;  // refused by the verifier: the result says why
  }
  return ossl::FailWithQueue(Code::kTlsError, "the TLS handshake with " + out.address +
                                                  " failed");
}

}  // namespace phonecert
