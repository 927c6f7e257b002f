// What both backends' IdentityStore check alike before they touch the database, and how they
// build a user from a row (store/identity_store.h).
#pragma once

#include <cstdint>
#include <string>

#include "core/accounts/account.h"
#include "core/error.h"
#include "store/identity_store.h"

namespace moteplass {

// Whether `text` is a time as the register writes it ("YYYY-MM-DDTHH:MM:SSZ", core/clock.h).
inline bool IsRegisterTimeText(const std::string& text) {
  constexpr std::string_view kShape = "dddd-dd-ddTdd:dd:ddZ";
  if (text.size() != kShape.size()) return false;
  for (std::size_t i = 0; i < kShape.size(); ++i) {
    const bool digit = text[i] >= '0' && text[i] <= '9';
    if (kShape[i] == 'd' ? !digit : text[i] != kShape[i]) return false;
  }
  return true;
}

inline Status CheckIdentity(const std::string& issuer, const std::string& subject) {
  if (issuer.empty()) return Error::Invalid("an identity needs the provider's issuer", "/issuer");
  if (subject.empty()) return Error::Invalid("an identity needs a subject", "/subject");
  return {};
}

inline Error IdentityTaken() { return Error::Conflict("this identity is linked to an account already", "/subject"); }

inline Status CheckPendingLogin(const PendingLogin& login) {
  if (!IsRegisterTimeText(login.expires_at)) {
    return Error::Invalid("expected a time of the form YYYY-MM-DDTHH:MM:SSZ, got \"" + login.expires_at + "\"",
                          "/expires_at");
  }
  if (login.state_hash.empty()) return Error::Invalid("a log-in under way needs its state", "/state_hash");
  return {};
}

inline Result<User> UserFromColumns(std::int64_t id, std::string username, const std::string& role, std::string scope,
                                    bool disabled, std::string created_at) {
  Result<Role> parsed = ParseRole(role);
  if (!parsed.ok()) return Error::Internal("database: a stored role is unknown");
  User u;
  u.id = id;
  u.username = std::move(username);
  u.role = *parsed;
  u.scope = std::move(scope);
  u.disabled = disabled;
  u.created_at = std::move(created_at);
  return u;
}

}  // namespace moteplass
