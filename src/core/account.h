// Accounts, roles and what each role may do. Pure rules: the store keeps users, the http
// layer finds out who is asking, and CanWrite/CanRead here decide.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.h"

namespace moteplass {

enum class Role { kAdmin, kNational, kRegional, kMunicipal, kSecretary, kResearcher, kPublic };

// "admin", "national", ... "public".
std::string_view RoleName(Role role);
// Parses a role name as used on the command line and in the API; fails with kInvalid.
Result<Role> ParseRole(std::string_view name);

struct User {
  std::int64_t id = 0;
  std::string username;
  Role role = Role::kPublic;
  // Region id (regional), 4-digit municipality or 2-digit county number (municipal),
  // meeting-place id (secretary); empty for the others.
  std::string scope;
  bool disabled = false;
  std::string created_at;
};

// Who is asking. An anonymous visitor is a Principal with role kPublic and no user.
struct Principal {
  std::optional<User> user;
  Role role() const { return user ? user->role : Role::kPublic; }
  bool anonymous() const { return !user.has_value(); }
};

// Where a record sits, for access decisions.
struct RecordLocation {
  std::int64_t meeting_place_id = 0;  // 0 for a record being created
  std::string municipality;           // "" for a county-level meeting place
  std::string county;
  std::string region;                 // region of the county, "" when none
};

// Checks that `scope` is well-formed for `role` (syntax only; the caller checks existence).
Status ValidateScope(Role role, std::string_view scope);

// True when the principal may create, change or delete a record at `where`.
bool CanWrite(const Principal& who, const RecordLocation& where);
// True when the principal may see unpublished or deleted records at `where`.
bool CanSeeUnpublished(const Principal& who, const RecordLocation& where);

}  // namespace moteplass
