// Accounts, log-in sessions and API tokens in the store. Usernames compare without regard to
// ASCII case. Sessions and tokens of a disabled user count as not found, and disabling a user
// ends its sessions. Reached through Store::accounts().
//
// What the journal gets (store/journal_store.h): account writes keep no history; each adds one
// audit row (by ctx.by, outcome "ok") whose target is the user, by number: target type "user",
// target id the user's numeric id in decimal, never the name as typed. The actions are
// "user.add", "user.disable", "user.enable" and "token.create" (the token's row names the user
// it belongs to; the token itself is never named). A refused write leaves no row. Sessions are
// not audited here (the log-in is audited by whoever performs it).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/accounts/account.h"
#include "core/error.h"
#include "store/write.h"

namespace moteplass {

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
  // for an unknown name.
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
  // Adds a token (audited as "token.create" against the user); kNotFound when the user does not
  // exist, kConflict when a token with this hash exists already (whoever's it is).
  virtual Status AddToken(std::int64_t user_id, const std::string& token_hash, const WriteContext& ctx) = 0;
  // The user a token belongs to; kUnauthenticated when unknown or the user is disabled.
  virtual Result<User> FindUserByToken(const std::string& token_hash) = 0;
};

}  // namespace moteplass
