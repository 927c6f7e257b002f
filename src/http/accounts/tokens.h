// One's own API tokens, shared by the module's API and pages: how a token is shown.
#pragma once

#include <nlohmann/json.hpp>

#include "store/account_store.h"

namespace moteplass::http::accounts {

// "active", "expired" or "revoked", as of now.
std::string TokenStatus(const ApiToken& token);

// {"id", "name", "created_at", "expires_at", "last_used_at", "revoked_at", "status"}; times
// that are not (never expires, not used, not revoked) are null.
nlohmann::json TokenJson(const ApiToken& token);

}  // namespace moteplass::http::accounts
