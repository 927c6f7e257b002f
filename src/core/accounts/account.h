// Accounts and roles. Pure rules: the store keeps users, the http layer finds out who is asking,
// and core/access/access.h decides what each role may do.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

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
  std::string region;  // region of the county, "" when none
  // For a study's actions (core/access: study.*): how the study names the principal, as
  // kStudyLead | kStudyInterviewer | kStudyAnalyst bits; 0 when it does not.
  int study_circle = 0;
};

inline constexpr int kStudyLead = 1;
inline constexpr int kStudyInterviewer = 2;
inline constexpr int kStudyAnalyst = 4;

// Where a new record of this user is put before they choose: a municipal officer's municipality
// ({"municipality": "4601"}) or county ({"county": "46", "level": "county"}); an empty
// object for the others.
nlohmann::json DefaultPlaceOf(const User& user);

// Checks that `scope` is well-formed for `role` (syntax only; the caller checks existence).
Status ValidateScope(Role role, std::string_view scope);

}  // namespace moteplass
