// API tokens: create one with a name and an expiry, list them, revoke one. Everyone logged in
// may do so for their own tokens (Action::kTokenManageOwn); an administrator for anyone's
// (Action::kUserManage). Someone else's token is "not found" to those who may not manage it, as
// a missing one is. Every change is audited in its transaction (store/account_store.h).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "app/services.h"

namespace moteplass::app {

inline constexpr int kMaxTokenDays = 3650;
inline constexpr std::size_t kMaxTokenName = 100;

struct NewToken {
  ApiToken token;
  std::string secret;  // shown once; the register keeps only its hash
};

// A new token for `username` ("" for the caller's own). `name` may be empty (at most
// kMaxTokenName characters, one line: kInvalid pointer "/name"); `expires_in_days` 0 for never,
// else 1 to kMaxTokenDays (kInvalid pointer "/expires_in_days").
Result<NewToken> CreateToken(Services& s, const Principal& who, const std::string& username, const std::string& name,
                             int expires_in_days);

// The tokens of `username` ("" for the caller's own; "*" for everyone's, administrators only).
Result<std::vector<ApiToken>> ListTokens(Services& s, const Principal& who, const std::string& username);

// Revokes the token with this number; kNotFound when there is none the caller may manage.
Status RevokeToken(Services& s, const Principal& who, std::int64_t id);

}  // namespace moteplass::app
