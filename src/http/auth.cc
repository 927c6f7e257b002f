#include "http/auth.h"

#include <ctime>

#include "core/accounts/credentials.h"
#include "core/clock.h"

namespace moteplass::http {

namespace {}  // namespace

LoginLimiter::LoginLimiter(int per_user, int per_address, std::chrono::seconds window)
    : per_user_(per_user), per_address_(per_address), window_(window) {}

long LoginLimiter::Wait(std::deque<Clock::time_point>& times, int limit, Clock::time_point now) {
  while (!times.empty() && now - times.front() >= window_) times.pop_front();
  if (static_cast<int>(times.size()) < limit) return 0;
  auto free_at = times.front() + window_;
  return std::max<long>(1, std::chrono::duration_cast<std::chrono::seconds>(free_at - now).count() + 1);
}

long LoginLimiter::RetryAfter(const std::string& username, const std::string& address) {
  std::lock_guard lock(mutex_);
  const auto now = Clock::now();
  long wait = 0;
  if (auto it = by_user_.find(username); it != by_user_.end()) wait = std::max(wait, Wait(it->second, per_user_, now));
  if (auto it = by_address_.find(address); it != by_address_.end()) {
    wait = std::max(wait, Wait(it->second, per_address_, now));
  }
  return wait;
}

void LoginLimiter::RecordFailure(const std::string& username, const std::string& address) {
  std::lock_guard lock(mutex_);
  const auto now = Clock::now();
  by_user_[username].push_back(now);
  by_address_[address].push_back(now);
  // Forget old entries so that the maps do not grow without bound under a spray of usernames.
  if (by_user_.size() > 10000) {
    for (auto it = by_user_.begin(); it != by_user_.end();) {
      Wait(it->second, per_user_, now);
      it = it->second.empty() ? by_user_.erase(it) : std::next(it);
    }
  }
  if (by_address_.size() > 10000) {
    for (auto it = by_address_.begin(); it != by_address_.end();) {
      Wait(it->second, per_address_, now);
      it = it->second.empty() ? by_address_.erase(it) : std::next(it);
    }
  }
}

void LoginLimiter::Reset(const std::string& username) {
  std::lock_guard lock(mutex_);
  by_user_.erase(username);
}

Authenticator::Authenticator(Store& store, AuthOptions options)
    : store_(store),
      options_(options),
      limiter_(options.max_failures_per_user, options.max_failures_per_address, options.failure_window) {}

Status Authenticator::Identify(Request& request) {
  request.principal = Principal{};
  const std::string authorization = request.Header("authorization");
  if (!authorization.empty()) {
    constexpr std::string_view kBearer = "Bearer ";
    if (!authorization.starts_with(kBearer) || authorization.size() == kBearer.size()) {
      return Error::Unauthenticated("the Authorization header must be \"Bearer\" followed by an API token");
    }
    auto user = store_.accounts().FindUserByToken(HashSecret(authorization.substr(kBearer.size())));
    if (!user.ok()) {
      if (user.error().code == ErrorCode::kInternal) return user.error();
      return Error::Unauthenticated("the API token is not valid (unknown, or its user is disabled)");
    }
    request.principal.user = *user;
    return {};
  }
  const std::string cookie = request.Cookie(kSessionCookie);
  if (cookie.empty()) return {};
  const std::string hash = HashSecret(cookie);
  auto session = store_.accounts().FindSession(hash);
  if (!session.ok()) {
    if (session.error().code == ErrorCode::kInternal) return session.error();
    return {};  // expired or logged out: anonymous
  }
  auto user = store_.accounts().FindUserById(session->user_id);
  if (!user.ok() || user->disabled) return {};
  request.principal.user = *user;
  request.via_cookie = true;
  request.session_hash = hash;
  request.csrf_token = session->csrf_token;
  return {};
}

Result<Authenticator::Login> Authenticator::LogIn(const std::string& username, const std::string& password,
                                                  const std::string& address) {
  if (long wait = limiter_.RetryAfter(username, address); wait > 0) {
    store_.journal().Audit(AuditEntry{"", "", "login.limited", "user", "", "denied"}).ok();
    Error e{ErrorCode::kTooManyRequests,
            "too_many_requests",
            "too many failed log-in attempts; try again in " + std::to_string(wait) + " seconds",
            "",
            {}};
    return e;
  }
  auto user = store_.accounts().FindUser(username);
  auto hash = store_.accounts().PasswordHash(username);
  bool ok = false;
  if (user.ok() && hash.ok()) {
    ok = VerifyPassword(password, *hash) && !user->disabled;
  } else {
    if (!user.ok() && user.error().code == ErrorCode::kInternal) return user.error();
    std::call_once(dummy_once_, [this] { dummy_hash_ = HashPassword("not a password of anyone"); });
    VerifyPassword(password, dummy_hash_);
  }
  if (!ok) {
    limiter_.RecordFailure(username, address);
    // The username is recorded only when it is an account's (a mistyped password in the
    // username field must not end up in the audit log).
    store_.journal().Audit(AuditEntry{"", "", "login.failed", "user", user.ok() ? user->username : "", "denied"}).ok();
    return Error::Unauthenticated("wrong username or password");
  }
  limiter_.Reset(username);
  Session session;
  const std::string value = NewSecret();
  session.id_hash = HashSecret(value);
  session.user_id = user->id;
  session.csrf_token = NewSecret();
  session.expires_at = IsoTime(std::chrono::system_clock::now() + options_.session_lifetime);
  if (auto st = store_.accounts().CreateSession(session); !st.ok()) return st.error();
  store_.journal().Audit(AuditEntry{"", user->username, "login", "user", user->username, "ok"}).ok();
  return Login{*user, value, session.csrf_token};
}

long Authenticator::RetryAfter(const std::string& username, const std::string& address) {
  return limiter_.RetryAfter(username, address);
}

Status Authenticator::LogOut(const Request& request) {
  if (request.session_hash.empty()) return {};
  if (auto st = store_.accounts().DeleteSession(request.session_hash); !st.ok()) return st;
  if (request.principal.user) {
    store_.journal()
        .Audit(
            AuditEntry{"", request.principal.user->username, "logout", "user", request.principal.user->username, "ok"})
        .ok();
  }
  return {};
}

Status Authenticator::RequireLogin(const Request& request, const std::string& form_token) const {
  if (request.principal.anonymous()) return Error::Unauthenticated("log in first (session cookie or Bearer token)");
  if (request.via_cookie) {
    std::string token = request.Header("x-csrf-token");
    if (token.empty()) token = form_token;
    if (token.empty() || !ConstantTimeEquals(token, request.csrf_token)) {
      return Error{ErrorCode::kForbidden,
                   "csrf",
                   "a change made with a session cookie needs the session's CSRF token in the X-CSRF-Token "
                   "header",
                   "",
                   {}};
    }
  }
  return {};
}

std::string Authenticator::SessionCookieHeader(const std::string& value) const {
  std::string header = std::string(kSessionCookie) + "=" + value +
                       "; HttpOnly; SameSite=Lax; Path=/; Max-Age=" + std::to_string(options_.session_lifetime.count());
  if (options_.secure_cookies) header += "; Secure";
  return header;
}

std::string Authenticator::ClearCookieHeader() const {
  std::string header = std::string(kSessionCookie) + "=; HttpOnly; SameSite=Lax; Path=/; Max-Age=0";
  if (options_.secure_cookies) header += "; Secure";
  return header;
}

}  // namespace moteplass::http
