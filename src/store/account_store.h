// Accounts, log-in sessions and API tokens in the store. Usernames compare without regard to
// ASCII case. Sessions and tokens of a disabled user count as not found, and disabling a user
// ends its sessions. Reached through Store::accounts().
//
// What the journal gets (store/journal_store.h): account writes keep no history; each adds one
// audit row (by ctx.by, outcome "ok") whose target is the user, by number: target type "user",
// target id the user's numeric id in decimal, never the name as typed. The actions are
// "user.add", "user.disable", "user.enable" and "token.create" (the token's row names the user
// it belongs to; the token itself is never named); "token.revoke" names the token by its number
// (target type "token"). A refused write leaves no row. Sessions are
// not audited here (the log-in is audited by whoever performs it).
//
// Failed log-ins are counted here, not in a server's memory, so that every server on one
// database sees the same counts and a limit holds whichever server a request reaches
// (http/auth.h, LoginLimiter). The store only keeps (key, time) rows: what a key means is the
// caller's business, and the caller must keep personal data out of it (the log-in limiter
// hashes the name and the address). They are passing state: neither audited nor part of any
// record's history, and they move no change stamp that pages depend on.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/accounts/account.h"
#include "core/error.h"
#include "store/write.h"

namespace moteplass {

// An API token as the register keeps it: never the secret, only its hash (not handed out here).
struct ApiToken {
  std::int64_t id = 0;  // its number, for listing and revoking
  std::int64_t user_id = 0;
  std::string username;
  std::string name;          // what it is for, as its owner put it; may be empty
  std::string created_at;    // register times (core/clock.h IsoTime) ...
  std::string expires_at;    // ... "" when it never expires,
  std::string last_used_at;  // ... when it has not been used,
  std::string revoked_at;    // ... when it is not revoked
};

// What a new token is: its name and when it expires ("" never; else a register time).
struct TokenDetails {
  std::string name;
  std::string expires_at;
};

struct Session {
  std::string id_hash;  // hash of the cookie value; the value itself is never stored
  std::int64_t user_id = 0;
  std::string csrf_token;
  std::string expires_at;
};

class AccountStore {
 public:
  virtual ~AccountStore() = default;

  // Adds an account (audited as "user.add"); kConflict (pointer "/username") when the name is
  // taken, kInvalid when it is empty.
  virtual Result<User> AddUser(const std::string& username, const std::string& password_hash, Role role,
                               const std::string& scope, const WriteContext& ctx) = 0;
  virtual Result<std::vector<User>> ListUsers() = 0;
  // Disables or enables (audited as "user.disable"/"user.enable" with the user's id); kNotFound
  // for an unknown name. Disabling ends the user's sessions and revokes its tokens, for good.
  virtual Status SetUserDisabled(const std::string& username, bool disabled, const WriteContext& ctx) = 0;
  virtual Result<User> FindUser(const std::string& username) = 0;
  virtual Result<User> FindUserById(std::int64_t id) = 0;
  // The stored hash, also for a disabled user: refusing disabled users is the log-in's job.
  virtual Result<std::string> PasswordHash(const std::string& username) = 0;
  // Stores a session. `expires_at` must be a time as the register writes it
  // ("YYYY-MM-DDTHH:MM:SSZ", core/clock.h IsoTime), because expiry is compared as text: kInvalid
  // (pointer "/expires_at") otherwise. kNotFound ("no user has the id N") for an unknown user,
  // kConflict for an id_hash in use.
  virtual Status CreateSession(const Session& session) = 0;
  // kNotFound when unknown, expired or the user is disabled.
  virtual Result<Session> FindSession(const std::string& id_hash) = 0;
  // Ends a session; ok also when there is no such session (ending it twice is harmless).
  virtual Status DeleteSession(const std::string& id_hash) = 0;
  // Adds a token (audited as "token.create" against the user) and returns it with its number;
  // kNotFound when the user does not exist, kConflict when a token with this hash exists already
  // (whoever's it is), kInvalid (pointer "/expires_at") when the expiry is no register time.
  virtual Result<ApiToken> AddToken(std::int64_t user_id, const std::string& token_hash, const TokenDetails& details,
                                    const WriteContext& ctx) = 0;
  Status AddToken(std::int64_t user_id, const std::string& token_hash, const WriteContext& ctx) {
    Result<ApiToken> added = AddToken(user_id, token_hash, TokenDetails{}, ctx);
    return added.ok() ? Status() : Status(added.error());
  }
  // The tokens of one user (user_id 0: of everyone), revoked and expired ones too, by number.
  virtual Result<std::vector<ApiToken>> ListTokens(std::int64_t user_id) = 0;
  // One token by its number; kNotFound when there is none.
  virtual Result<ApiToken> FindToken(std::int64_t id) = 0;
  // Revokes a token for good (audited as "token.revoke", target type "token", its number);
  // kNotFound when there is none. Revoking a revoked token changes nothing and records nothing.
  virtual Status RevokeToken(std::int64_t id, const WriteContext& ctx) = 0;
  // The user a working token belongs to, noting when it was used (at most once a minute, outside
  // the audited write path); kUnauthenticated when it is unknown, revoked or expired, or its user
  // is disabled.
  virtual Result<User> FindUserByToken(const std::string& token_hash) = 0;

  // Records one failed log-in counted under `key` at the time `at`, which must be a time as the
  // register writes it (IsoTime), because times are compared as text: kInvalid (pointer "/at")
  // otherwise. Several failures of one key at the same second are kept apart.
  virtual Status RecordLoginFailure(const std::string& key, const std::string& at) = 0;
  // The times of the failures recorded under `key` later than `since` (strictly; a register
  // time, else kInvalid with pointer "/since"), oldest first; empty when there are none.
  virtual Result<std::vector<std::string>> LoginFailuresSince(const std::string& key, const std::string& since) = 0;
  // Forgets every failure recorded under `key` (after a successful log-in); ok when there are
  // none.
  virtual Status ClearLoginFailures(const std::string& key) = 0;
  // Forgets the failures of every key recorded at or before `before` (a register time, else
  // kInvalid with pointer "/before"), which no limit counts any more; keeps the table small.
  virtual Status PurgeLoginFailures(const std::string& before) = 0;
};

}  // namespace moteplass
