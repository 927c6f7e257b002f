// Who is asking, and may they log in. Browsers get a session in an HttpOnly, SameSite cookie
// (the store keeps only a hash of its value) and a CSRF token that every write made with the
// cookie must echo in X-CSRF-Token (or the form field csrf_token); scripts send
// `Authorization: Bearer TOKEN`. Failed logins are rate-limited per username and per address.
#pragma once

#include <chrono>
#include <deque>
#include <map>
#include <mutex>
#include <string>

#include "core/accounts/account.h"
#include "core/error.h"
#include "http/router.h"
#include "store/store.h"

namespace moteplass::http {

inline constexpr const char* kSessionCookie = "moteplass_session";

struct AuthOptions {
  bool secure_cookies = false;  // add Secure (when served behind TLS)
  std::chrono::seconds session_lifetime = std::chrono::hours(12);
  int max_failures_per_user = 5;
  int max_failures_per_address = 20;
  std::chrono::seconds failure_window = std::chrono::minutes(15);
};

// Counts failed logins in a sliding window. Thread-safe.
class LoginLimiter {
 public:
  LoginLimiter(int per_user, int per_address, std::chrono::seconds window);
  // Seconds until the next attempt is allowed for this username or address; 0 when allowed.
  long RetryAfter(const std::string& username, const std::string& address);
  void RecordFailure(const std::string& username, const std::string& address);
  void Reset(const std::string& username);

 private:
  using Clock = std::chrono::steady_clock;
  long Wait(std::deque<Clock::time_point>& times, int limit, Clock::time_point now);
  int per_user_;
  int per_address_;
  std::chrono::seconds window_;
  std::mutex mutex_;
  std::map<std::string, std::deque<Clock::time_point>> by_user_;
  std::map<std::string, std::deque<Clock::time_point>> by_address_;
};

class Authenticator {
 public:
  Authenticator(Store& store, AuthOptions options);

  // Fills request.principal (and via_cookie, session_hash, csrf_token) from the session cookie
  // or the bearer token. A stale or unknown cookie means anonymous; an unknown bearer token is
  // an error (401), because a script should hear that its token no longer works.
  Status Identify(Request& request);

  struct Login {
    User user;
    std::string cookie_value;
    std::string csrf_token;
  };
  // Checks the password; kUnauthenticated when wrong (the same answer for an unknown user),
  // kTooManyRequests when too many attempts failed (the message says when to try again).
  Result<Login> LogIn(const std::string& username, const std::string& password, const std::string& address);
  // Seconds until a login for this username from this address is allowed again (Retry-After).
  long RetryAfter(const std::string& username, const std::string& address);
  // Ends the request's session, if any.
  Status LogOut(const Request& request);

  // For a write: 401 without a login, 403 (slug "csrf") when a cookie-authenticated request
  // lacks the session's CSRF token (`form_token` is the token from a form body, if any).
  Status RequireLogin(const Request& request, const std::string& form_token = "") const;

  std::string SessionCookieHeader(const std::string& value) const;
  std::string ClearCookieHeader() const;

 private:
  Store& store_;
  AuthOptions options_;
  LoginLimiter limiter_;
  std::once_flag dummy_once_;
  std::string dummy_hash_;  // verified against for unknown users, so timing does not tell
};

}  // namespace moteplass::http
