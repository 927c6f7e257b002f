#include "http/auth.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <ctime>
#include <optional>

#include "core/accounts/credentials.h"
#include "core/clock.h"
#include "core/status_macros.h"

namespace moteplass::http {

namespace {

constexpr std::chrono::minutes kPurgeEvery{1};

// "user:" + the hash of the name with A-Z lower-cased (usernames compare so).
std::string UserKey(const std::string& username) {
  std::string lower = username;
  for (char& ch : lower) {
    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
  }
  return "user:" + HashSecret(lower);
}

std::string AddressKey(const std::string& address) { return "addr:" + HashSecret(address); }

// Whether the store failed, rather than found nothing (or could not hold what was asked for,
// such as a name PostgreSQL's text cannot hold, which no account has either).
bool StoreFailed(const Error& e) { return e.code == ErrorCode::kInternal || e.code == ErrorCode::kUnavailable; }

// Seconds since 1970 of a time as the register writes it ("YYYY-MM-DDTHH:MM:SSZ").
std::optional<std::int64_t> UnixSeconds(const std::string& text) {
  int y = 0;
  unsigned mo = 0, d = 0, h = 0, mi = 0, s = 0;
  char z = 0;
  if (text.size() != 20 || std::sscanf(text.c_str(), "%4d-%2u-%2uT%2u:%2u:%2u%c", &y, &mo, &d, &h, &mi, &s, &z) != 7 ||
      z != 'Z') {
    return std::nullopt;
  }
  const std::chrono::year_month_day date{std::chrono::year(y), std::chrono::month(mo), std::chrono::day(d)};
  if (!date.ok()) return std::nullopt;
  const std::chrono::sys_seconds at = std::chrono::sys_days(date) + std::chrono::hours(h) + std::chrono::minutes(mi) +
                                      std::chrono::seconds(s);
  return at.time_since_epoch().count();
}

}  // namespace

long LockoutDelay(int failures, int limit, long base, long cap) {
  if (failures < limit) return 0;
  long delay = base;
  for (int i = limit; i < failures && delay < cap; ++i) delay *= 2;
  return std::min(delay, cap);
}

LoginLimiter::LoginLimiter(int per_user, int per_address, std::chrono::seconds window,
                           std::chrono::seconds lockout_base, std::chrono::seconds lockout_cap)
    : per_user_(per_user),
      per_address_(per_address),
      window_(window),
      lockout_base_(lockout_base),
      lockout_cap_(lockout_cap) {}

LoginLimiter::LoginLimiter(AccountStore& store, int per_user, int per_address, std::chrono::seconds window,
                           std::chrono::seconds lockout_base, std::chrono::seconds lockout_cap)
    : store_(&store),
      per_user_(per_user),
      per_address_(per_address),
      window_(window),
      lockout_base_(lockout_base),
      lockout_cap_(lockout_cap) {}

Result<std::vector<std::string>> LoginLimiter::FailuresSince(const std::string& key, const std::string& since) {
  if (store_ != nullptr) return store_->LoginFailuresSince(key, since);
  std::lock_guard lock(mutex_);
  std::vector<std::string> later;
  if (auto it = memory_.find(key); it != memory_.end()) {
    for (const std::string& at : it->second) {
      if (at > since) later.push_back(at);
    }
  }
  return later;
}

Status LoginLimiter::Add(const std::string& key, const std::string& at) {
  if (store_ != nullptr) return store_->RecordLoginFailure(key, at);
  std::lock_guard lock(mutex_);
  memory_[key].push_back(at);  // in order: times only grow
  return {};
}

Status LoginLimiter::Clear(const std::string& key) {
  if (store_ != nullptr) return store_->ClearLoginFailures(key);
  std::lock_guard lock(mutex_);
  memory_.erase(key);
  return {};
}

Status LoginLimiter::Purge(const std::string& before) {
  if (store_ != nullptr) return store_->PurgeLoginFailures(before);
  std::lock_guard lock(mutex_);
  for (auto it = memory_.begin(); it != memory_.end();) {
    std::erase_if(it->second, [&](const std::string& at) { return at <= before; });
    it = it->second.empty() ? memory_.erase(it) : std::next(it);
  }
  return {};
}

Result<long> LoginLimiter::Wait(const std::string& key, int limit, std::chrono::system_clock::time_point now) {
  ASSIGN_OR_RETURN(std::vector<std::string> times, FailuresSince(key, IsoTime(now - window_)));
  if (static_cast<int>(times.size()) < limit) return 0L;
  // Allowed again once this one (and every one before it) has left the window: then fewer than
  // `limit` are left in it.
  const std::optional<std::int64_t> leaving = UnixSeconds(times[times.size() - static_cast<std::size_t>(limit)]);
  if (!leaving) return Error::Internal("a stored log-in failure has no readable time");
  const std::int64_t now_seconds = std::chrono::floor<std::chrono::seconds>(now).time_since_epoch().count();
  return static_cast<long>(std::max<std::int64_t>(1, *leaving + window_.count() - now_seconds));
}

Result<long> LoginLimiter::Delay(const std::string& key, std::chrono::system_clock::time_point now) {
  ASSIGN_OR_RETURN(std::vector<std::string> times, FailuresSince(key, IsoTime(now - window_)));
  const long delay = LockoutDelay(static_cast<int>(times.size()), per_user_, static_cast<long>(lockout_base_.count()),
                                  static_cast<long>(lockout_cap_.count()));
  if (delay == 0) return 0L;
  const std::optional<std::int64_t> last = UnixSeconds(times.back());
  if (!last) return Error::Internal("a stored log-in failure has no readable time");
  const std::int64_t now_seconds = std::chrono::floor<std::chrono::seconds>(now).time_since_epoch().count();
  return static_cast<long>(std::max<std::int64_t>(0, *last + delay - now_seconds));
}

Result<long> LoginLimiter::Check(const std::string& username, const std::string& address) {
  const auto now = std::chrono::system_clock::now();
  ASSIGN_OR_RETURN(long by_user, Delay(UserKey(username), now));
  ASSIGN_OR_RETURN(long by_address, Wait(AddressKey(address), per_address_, now));
  return std::max(by_user, by_address);
}

Status LoginLimiter::Count(const std::string& username, const std::string& address) {
  const auto now = std::chrono::system_clock::now();
  const std::string at = IsoTime(now);
  RETURN_IF_ERROR(Add(UserKey(username), at));
  RETURN_IF_ERROR(Add(AddressKey(address), at));
  // Failures older than the window count no more; forgetting them at most once a minute keeps
  // the rows (or the map, under a spray of usernames) from growing without bound.
  bool purge = false;
  {
    std::lock_guard lock(mutex_);
    const auto steady = std::chrono::steady_clock::now();
    if (last_purge_ == std::chrono::steady_clock::time_point() || steady - last_purge_ >= kPurgeEvery) {
      last_purge_ = steady;
      purge = true;
    }
  }
  if (purge) RETURN_IF_ERROR(Purge(IsoTime(now - window_)));
  return {};
}

Status LoginLimiter::Forget(const std::string& username) { return Clear(UserKey(username)); }

long LoginLimiter::RetryAfter(const std::string& username, const std::string& address) {
  Result<long> wait = Check(username, address);
  return wait.ok() ? *wait : 0;
}

void LoginLimiter::RecordFailure(const std::string& username, const std::string& address) {
  (void)Count(username, address);
}

void LoginLimiter::Reset(const std::string& username) { (void)Forget(username); }

Authenticator::Authenticator(Store& store, AuthOptions options)
    : store_(store),
      options_(options),
      limiter_(store.accounts(), options.max_failures_per_user, options.max_failures_per_address,
               options.failure_window, options.lockout_base, options.lockout_cap) {}

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
      // The store failing (kInternal, kUnavailable) is not a bad token.
      if (StoreFailed(user.error())) return user.error();
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
    if (StoreFailed(session.error())) return session.error();
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
  ASSIGN_OR_RETURN(long wait, limiter_.Check(username, address));
  if (wait > 0) {
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
    // The store failing is no wrong password: it must neither count nor be answered as one.
    if (!user.ok() && StoreFailed(user.error())) return user.error();
    if (!hash.ok() && StoreFailed(hash.error())) return hash.error();
    std::call_once(dummy_once_, [this] { dummy_hash_ = HashPassword("not a password of anyone"); });
    VerifyPassword(password, dummy_hash_);
  }
  if (!ok) {
    RETURN_IF_ERROR(limiter_.Count(username, address));
    // The username is recorded only when it is an account's (a mistyped password in the
    // username field must not end up in the audit log).
    store_.journal().Audit(AuditEntry{"", "", "login.failed", "user", user.ok() ? user->username : "", "denied"}).ok();
    return Error::Unauthenticated("wrong username or password");
  }
  RETURN_IF_ERROR(limiter_.Forget(username));
  return StartSession(*user);
}

Result<Authenticator::Login> Authenticator::StartSession(const User& user) {
  if (user.disabled) return Error{ErrorCode::kForbidden, "disabled", "the account is disabled", "", {}};
  Session session;
  const std::string value = NewSecret();
  session.id_hash = HashSecret(value);
  session.user_id = user.id;
  session.csrf_token = NewSecret();
  session.expires_at = IsoTime(std::chrono::system_clock::now() + options_.session_lifetime);
  if (auto st = store_.accounts().CreateSession(session); !st.ok()) return st.error();
  store_.journal().Audit(AuditEntry{"", user.username, "login", "user", user.username, "ok"}).ok();
  return Login{user, value, session.csrf_token};
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
