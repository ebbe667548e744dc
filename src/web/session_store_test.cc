#include "web/session_store.h"

#include <gtest/gtest.h>

namespace phonecert::web {
namespace {

const TimePoint kT0 = *ParseIso8601("2030-01-01T00:00:00Z");

TEST(SessionStore, CreateFindRemove) {
  SessionStore store;
  auto s = store.Create("admin", "127.0.0.1", kT0);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->token.size(), 64u);
  EXPECT_EQ(s->csrf_token.size(), 64u);
  EXPECT_NE(s->token, s->csrf_token);
  auto found = store.Find(s->token, kT0 + std::chrono::minutes(1));
  ASSERT_TRUE(found);
  EXPECT_EQ(found->user, "admin");
  EXPECT_EQ(found->csrf_token, s->csrf_token);
  EXPECT_FALSE(store.Find("", kT0));
  EXPECT_FALSE(store.Find(s->csrf_token, kT0));  // the CSRF token is not a session token
  store.Remove(s->token);
  EXPECT_FALSE(store.Find(s->token, kT0));
}

TEST(SessionStore, IdleTimeoutIsRefreshedByUse) {
  SessionStore store;
  auto s = store.Create("admin", "c", kT0);
  ASSERT_TRUE(s);
  TimePoint t = kT0;
  for (int i = 0; i < 5; ++i) {  // used every 20 minutes: stays alive past the idle timeout
    t += std::chrono::minutes(20);
    EXPECT_TRUE(store.Find(s->token, t)) << i;
  }
  EXPECT_FALSE(store.Find(s->token, t + kIdleTimeout + std::chrono::seconds(1)));
  EXPECT_EQ(store.size(), 0u);  // an expired session is dropped when found
}

TEST(SessionStore, MaxLifetimeEndsEvenAnActiveSession) {
  SessionStore store;
  auto s = store.Create("admin", "c", kT0);
  ASSERT_TRUE(s);
  TimePoint t = kT0;
  while (t - kT0 < kMaxLifetime - std::chrono::minutes(10)) {
    t += std::chrono::minutes(10);
    ASSERT_TRUE(store.Find(s->token, t));
  }
  EXPECT_FALSE(store.Find(s->token, kT0 + kMaxLifetime + std::chrono::seconds(1)));
}

TEST(SessionStore, OldestSessionDroppedAtTheLimit) {
  SessionStore store;
  auto first = store.Create("admin", "c", kT0);
  ASSERT_TRUE(first);
  for (std::size_t i = 1; i < kMaxSessions; ++i) {
    ASSERT_TRUE(store.Create("admin", "c", kT0 + std::chrono::seconds(static_cast<long>(i))));
  }
  EXPECT_EQ(store.size(), kMaxSessions);
  auto extra = store.Create("admin", "c", kT0 + std::chrono::minutes(5));
  ASSERT_TRUE(extra);
  EXPECT_EQ(store.size(), kMaxSessions);
  EXPECT_FALSE(store.Find(first->token, kT0 + std::chrono::minutes(5)));
  EXPECT_TRUE(store.Find(extra->token, kT0 + std::chrono::minutes(5)));
}

TEST(SessionStore, FlashIsShownOnce) {
  SessionStore store;
  auto s = store.Create("admin", "c", kT0);
  ASSERT_TRUE(s);
  EXPECT_FALSE(store.TakeFlash(s->token));
  store.SetFlash(s->token, "Deleted.", false);
  auto f = store.TakeFlash(s->token);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->first, "Deleted.");
  EXPECT_FALSE(f->second);
  EXPECT_FALSE(store.TakeFlash(s->token));
  store.RemoveAll();
  EXPECT_EQ(store.size(), 0u);
}

}  // namespace
}  // namespace phonecert::web
