#include "tls/server_context.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "identity/identity_test_support.h"

namespace phonecert {
namespace {

using identity_testing::TestIdentity;

// One client and one server SSL joined by a BIO pair, driven in one thread.
class Connection {
 public:
  Connection(SSL_CTX* server_ctx, SSL_CTX* client_ctx)
      : server_(SSL_new(server_ctx)), client_(SSL_new(client_ctx)) {
    BIO* s = nullptr;
    BIO* c = nullptr;
    BIO_new_bio_pair(&s, 0, &c, 0);
    SSL_set_bio(server_.get(), s, s);
    SSL_set_bio(client_.get(), c, c);
    SSL_set_accept_state(server_.get());
    SSL_set_connect_state(client_.get());
  }

  bool Handshake() {
    for (int i = 0; i < 100; ++i) {
      int c = SSL_do_handshake(client_.get());
      int s = SSL_do_handshake(server_.get());
      if (c == 1 && s == 1) return true;
      if (!Retriable(client_.get(), c) || !Retriable(server_.get(), s)) return false;
    }
    return false;
  }

  // Sends `text` client -> server and back; true when both arrive intact.
  bool Echo(const std::string& text) {
    if (SSL_write(client_.get(), text.data(), static_cast<int>(text.size())) <= 0) return false;
    std::string got = Read(server_.get(), text.size());
    if (got != text) return false;
    if (SSL_write(server_.get(), got.data(), static_cast<int>(got.size())) <= 0) return false;
    return Read(client_.get(), text.size()) == text;
  }

  // The leaf the client received, as SHA-256 hex (empty when none).
  std::string PeerSha256() const {
    ossl::X509Ptr peer(SSL_get1_peer_certificate(client_.get()));
    return peer ? Certificate::Adopt(std::move(peer)).Sha256() : "";
  }
  int PeerChainLength() const {
    STACK_OF(X509)* chain = SSL_get_peer_cert_chain(client_.get());
    return chain ? sk_X509_num(chain) : 0;
  }

 private:
  static bool Retriable(SSL* ssl, int rc) {
    if (rc == 1) return true;
    int e = SSL_get_error(ssl, rc);
    return e == SSL_ERROR_WANT_READ || e == SSL_ERROR_WANT_WRITE;
  }
  std::string Read(SSL* ssl, std::size_t n) {
    std::string out(n, '\0');
    std::size_t got = 0;
    for (int i = 0; i < 10 && got < n; ++i) {
      int r = SSL_read(ssl, out.data() + got, static_cast<int>(n - got));
      if (r > 0) {
        got += static_cast<std::size_t>(r);
      } else {
        // Let the peer process post-handshake messages (TLS 1.3 tickets).
        char dummy;
        SSL_peek(ssl == server_.get() ? client_.get() : server_.get(), &dummy, 0);
      }
    }
    out.resize(got);
    return out;
  }

  ossl::SslPtr server_;
  ossl::SslPtr client_;
};

class ServerContextTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto ctx = NewServerCtx(provider);
    ASSERT_TRUE(ctx);
    server_ctx = std::move(*ctx);
    client_ctx.reset(SSL_CTX_new(TLS_client_method()));
    SSL_CTX_set_verify(client_ctx.get(), SSL_VERIFY_NONE, nullptr);
  }

  std::shared_ptr<const Identity> unique =
      TestIdentity(IdentityKind::kUnique, "leaf-ec256-chain.pem", "leaf-ec256.key");
  std::shared_ptr<const Identity> custom =
      TestIdentity(IdentityKind::kCustom, "leaf-san-chain.pem", "leaf-san.key");
  std::shared_ptr<IdentityProvider> provider = std::make_shared<IdentityProvider>(unique);
  ossl::SslCtxPtr server_ctx;
  ossl::SslCtxPtr client_ctx;
};

TEST_F(ServerContextTest, PresentsTheProvidersIdentityWithItsChain) {
  Connection c(server_ctx.get(), client_ctx.get());
  ASSERT_TRUE(c.Handshake());
  EXPECT_EQ(c.PeerSha256(), unique->leaf.Sha256());
  EXPECT_EQ(c.PeerChainLength(), 2);  // leaf + int-ec
  EXPECT_TRUE(c.Echo("hello"));
}

TEST_F(ServerContextTest, SwapReachesNewHandshakesAndEstablishedConnectionsKeepTheirs) {
  Connection before(server_ctx.get(), client_ctx.get());
  ASSERT_TRUE(before.Handshake());
  provider->Swap(custom);
  EXPECT_EQ(provider->generation(), 1u);
  unique.reset();  // only the established connection still refers to the old identity

  Connection after(server_ctx.get(), client_ctx.get());
  ASSERT_TRUE(after.Handshake());
  EXPECT_EQ(after.PeerSha256(), custom->leaf.Sha256());
  EXPECT_NE(before.PeerSha256(), after.PeerSha256());
  EXPECT_TRUE(before.Echo("still there"));
  EXPECT_TRUE(after.Echo("new"));
}

TEST_F(ServerContextTest, NoIdentityFailsTheHandshake) {
  provider->Swap(nullptr);
  Connection c(server_ctx.get(), client_ctx.get());
  EXPECT_FALSE(c.Handshake());
}

TEST_F(ServerContextTest, RefusesTlsBelow12) {
  SSL_CTX_set_min_proto_version(client_ctx.get(), TLS1_VERSION);
  SSL_CTX_set_max_proto_version(client_ctx.get(), TLS1_1_VERSION);
  SSL_CTX_set_security_level(client_ctx.get(), 0);
  Connection c(server_ctx.get(), client_ctx.get());
  EXPECT_FALSE(c.Handshake());
}

TEST_F(ServerContextTest, FitsHttplibsSetupCallbackShape) {
  std::function<bool(SSL_CTX&)> setup = ServerCtxSetup(provider);
  ossl::SslCtxPtr ctx(SSL_CTX_new(TLS_method()));
  ASSERT_TRUE(setup(*ctx));
  ASSERT_TRUE(setup(*ctx));  // a second set-up replaces the provider without leaking it
  Connection c(ctx.get(), client_ctx.get());
  ASSERT_TRUE(c.Handshake());
  EXPECT_EQ(c.PeerSha256(), unique->leaf.Sha256());
}

TEST_F(ServerContextTest, TheContextKeepsTheProviderAlive) {
  std::weak_ptr<IdentityProvider> weak = provider;
  provider.reset();
  EXPECT_FALSE(weak.expired());
  {
    Connection c(server_ctx.get(), client_ctx.get());
    ASSERT_TRUE(c.Handshake());
  }
  server_ctx.reset();
  EXPECT_TRUE(weak.expired());
}

TEST_F(ServerContextTest, ConcurrentHandshakesWhileSwapping) {
  std::atomic<bool> stop{false};
  std::atomic<int> handshakes{0};
  std::atomic<int> wrong{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 3; ++t) {
    threads.emplace_back([&] {
      while (!stop) {
        Connection c(server_ctx.get(), client_ctx.get());
        if (!c.Handshake()) {
          ++wrong;
          continue;
        }
        std::string sha = c.PeerSha256();
        if (sha != unique->leaf.Sha256() && sha != custom->leaf.Sha256()) ++wrong;
        if (!c.Echo("x")) ++wrong;
        ++handshakes;
      }
    });
  }
  for (int i = 0; i < 200 || handshakes < 30; ++i) {
    provider->Swap(i % 2 ? unique : custom);
    std::this_thread::yield();
  }
  stop = true;
  for (auto& t : threads) t.join();
  EXPECT_EQ(wrong, 0);
  EXPECT_GE(handshakes, 30);
}

}  // namespace
}  // namespace phonecert
