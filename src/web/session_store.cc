#include "web/session_store.h"

#include <algorithm>

#include "state/admin_password.h"

namespace phonecert::web {

bool SessionStore::Expired(const Session& s, TimePoint now) const {
  return now - s.last_seen > kIdleTimeout || now - s.created > kMaxLifetime;
}

Result<Session> SessionStore::Create(std::string user, std::string client, TimePoint now) {
  auto token = RandomHex(32);
  if (!token) return std::unexpected(token.error());
  auto csrf = RandomHex(32);
  if (!csrf) return std::unexpected(csrf.error());
  Session s;
  s.token = *token;
  s.csrf_token = *csrf;
  s.user = std::move(user);
  s.client = std::move(client);
  s.created = now;
  s.last_seen = now;
  std::lock_guard lock(mutex_);
  std::erase_if(sessions_, [&](const auto& kv) { return Expired(kv.second, now); });
  while (sessions_.size() >= kMaxSessions) {
    auto oldest = std::min_element(sessions_.begin(), sessions_.end(), [](const auto& a, const auto& b) {
      return a.second.last_seen < b.second.last_seen;
    });
    sessions_.erase(oldest);
  }
  sessions_.emplace(s.token, s);
  return s;
}

std::optional<Session> SessionStore::Find(std::string_view token, TimePoint now) {
  if (token.empty()) return std::nullopt;
  std::lock_guard lock(mutex_);
  auto it = sessions_.find(token);
  if (it == sessions_.end()) return std::nullopt;
  if (Expired(it->second, now)) {
    sessions_.erase(it);
    return std::nullopt;
  }
  it->second.last_seen = now;
  return it->second;
}

void SessionStore::Remove(std::string_view token) {
  std::lock_guard lock(mutex_);
  if (auto it = sessions_.find(token); it != sessions_.end()) sessions_.erase(it);
}

void SessionStore::RemoveAll() {
  std::lock_guard lock(mutex_);
  sessions_.clear();
}

void SessionStore::SetFlash(std::string_view token, std::string message, bool is_error) {
  std::lock_guard lock(mutex_);
  if (auto it = sessions_.find(token); it != sessions_.end()) {
    it->second.flash = std::move(message);
    it->second.flash_is_error = is_error;
  }
}

std::optional<std::pair<std::string, bool>> SessionStore::TakeFlash(std::string_view token) {
  std::lock_guard lock(mutex_);
  auto it = sessions_.find(token);
  if (it == sessions_.end() || it->second.flash.empty()) return std::nullopt;
  std::pair<std::string, bool> out{std::move(it->second.flash), it->second.flash_is_error};
  it->second.flash.clear();
  return out;
}

std::size_t SessionStore::size() const {
  std::lock_guard lock(mutex_);
  return sessions_.size();
}

}  // namespace phonecert::web
