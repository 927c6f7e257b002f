#include "http/accounts/tokens.h"

#include "core/clock.h"

namespace moteplass::http::accounts {

using nlohmann::json;

std::string TokenStatus(const ApiToken& token) {
  if (!token.revoked_at.empty()) return "revoked";
  if (!token.expires_at.empty() && token.expires_at <= NowIso()) return "expired";
  return "active";
}

json TokenJson(const ApiToken& token) {
  auto time = [](const std::string& t) { return t.empty() ? json() : json(t); };
  return {{"id", token.id},
          {"name", token.name},
          {"created_at", token.created_at},
          {"expires_at", time(token.expires_at)},
          {"last_used_at", time(token.last_used_at)},
          {"revoked_at", time(token.revoked_at)},
          {"status", TokenStatus(token)}};
}

}  // namespace moteplass::http::accounts
