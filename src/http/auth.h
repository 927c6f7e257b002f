// Who is asking, and may they log in. Browsers get a session in an HttpOnly, SameSite cookie
// (the store keeps only a hash of its value) and a CSRF token that every write made with the
// cookie must echo in X-CSRF-Token (or the form field csrf_token); scripts send
// `Authorization: Bearer TOKEN`. Failed logins are rate-limited per username and per address,
// counted in the store so that the limits hold across every server on one database.
#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <string>
#include <vector>

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
  // Past max_failures_per_user, each attempt for that account waits this long after the last
  // failure, twice as long after each further one, never longer than lockout_cap.
  std::chrono::seconds lockout_base = std::chrono::minutes(1);
  std::chrono::seconds lockout_cap = std::chrono::minutes(15);
};

// The wait before the next log-in attempt for an account after `failures` failed ones in the
// window: none below `limit`, then `base`, doubling with each further failure, at most `cap`.
// A growing delay, not a lock: whoever waits it out gets an attempt.
long LockoutDelay(int failures, int limit, long base, long cap);

// Counts failed logins per account and per address in a sliding window, to the second, and
// says how long to wait: for an account past its limit, LockoutDelay after its last failure (so
// that someone who knows a user name cannot shut its owner out for good, and a guesser gets ever
// fewer tries); for an address past its limit, until its oldest failure leaves the window.
// Thread-safe.
//
// With a store, the failures are kept in it (AccountStore::RecordLoginFailure and the rest), so
// that every server on one database counts into the same rows: a limit of five is five in all,
// whichever servers the attempts reach. Without one, in this process's memory (one process;
// tests). Either way under keys that hold neither the name nor the address as typed:
// "user:" + HashSecret(the name with A-Z lower-cased, as usernames compare) and
// "addr:" + HashSecret(address). (A hash keeps addresses out of plain sight in the database, and
// a row lives no longer than the window; it is no secret from whoever tries every address.)
class LoginLimiter {
 public:
  LoginLimiter(int per_user, int per_address, std::chrono::seconds window,
               std::chrono::seconds lockout_base = std::chrono::minutes(1),
               std::chrono::seconds lockout_cap = std::chrono::minutes(15));
  LoginLimiter(AccountStore& store, int per_user, int per_address, std::chrono::seconds window,
               std::chrono::seconds lockout_base = std::chrono::minutes(1),
               std::chrono::seconds lockout_cap = std::chrono::minutes(15));

  // Seconds until the next attempt for this username from this address is allowed (the larger
  // of the two waits); 0 when allowed. The store's error when it cannot be asked.
  Result<long> Check(const std::string& username, const std::string& address);
  // Counts one failed attempt against the username and against the address, and now and then
  // forgets failures older than the window.
  Status Count(const std::string& username, const std::string& address);
  // Forgets the username's failures (after a successful log-in); the address's stay.
  Status Forget(const std::string& username);

  // The same for callers that cannot act on a failure of the store: RetryAfter() then says 0,
  // and the others do nothing.
  long RetryAfter(const std::string& username, const std::string& address);
  void RecordFailure(const std::string& username, const std::string& address);
  void Reset(const std::string& username);

 private:
  // The failures of `key` later than `since`, oldest first (from the store or memory).
  Result<std::vector<std::string>> FailuresSince(const std::string& key, const std::string& since);
  Status Add(const std::string& key, const std::string& at);
  Status Clear(const std::string& key);
  Status Purge(const std::string& before);
  // Seconds until fewer than `limit` failures of `key` fall in the window; 0 when already so.
  Result<long> Wait(const std::string& key, int limit, std::chrono::system_clock::time_point now);
  // Seconds until the account's LockoutDelay after its last failure has passed; 0 when it has.
  Result<long> Delay(const std::string& key, std::chrono::system_clock::time_point now);

  AccountStore* store_ = nullptr;  // null: counted in memory_
  int per_user_;
  int per_address_;
  std::chrono::seconds window_;
  std::chrono::seconds lockout_base_;
  std::chrono::seconds lockout_cap_;
  std::mutex mutex_;
  std::map<std::string, std::vector<std::string>> memory_;
  std::chrono::steady_clock::time_point last_purge_;
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
  // Starts a session for a user whom someone else vouched for (an OpenID Connect provider,
  // http/oidc): the same session, cookie, lifetime and audit row ("login") as a password log-in.
  // kForbidden (slug "disabled") for a disabled user.
  Result<Login> StartSession(const User& user);
  std::chrono::seconds session_lifetime() const { return options_.session_lifetime; }
  // Seconds until a login for this username from this address is allowed again (Retry-After).
  long RetryAfter(const std::string& username, const std::string& address);
  // Ends the request's session, if any.
  Status LogOut(const Request& request);

  // For a write: 401 without a login, 403 (slug "csrf") when a cookie-authenticated request
  // lacks the session's CSRF token (`form_token` is the token from a form body, if any).
  Status RequireLogin(const Request& request, const std::string& form_token = "") const;

  std::string SessionCookieHeader(const std::string& value) const;
  bool secure_cookies() const { return options_.secure_cookies; }
  std::string ClearCookieHeader() const;

 private:
  Store& store_;
  AuthOptions options_;
  LoginLimiter limiter_;
  std::once_flag dummy_once_;
  std::string dummy_hash_;  // verified against for unknown users, so timing does not tell
};

}  // namespace moteplass::http
