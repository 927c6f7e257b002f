#include "core/accounts/account.h"

#include <algorithm>
#include <cctype>

namespace moteplass {
namespace {

struct RoleNameEntry {
  Role role;
  std::string_view name;
};

constexpr RoleNameEntry kRoleNames[] = {
    {Role::kAdmin, "admin"},         {Role::kNational, "national"},   {Role::kRegional, "regional"},
    {Role::kMunicipal, "municipal"}, {Role::kSecretary, "secretary"}, {Role::kResearcher, "researcher"},
    {Role::kPublic, "public"},
};

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c); });
}

}  // namespace

std::string_view RoleName(Role role) {
  for (const auto& entry : kRoleNames) {
    if (entry.role == role) return entry.name;
  }
  return "public";
}

Result<Role> ParseRole(std::string_view name) {
  for (const auto& entry : kRoleNames) {
    // "public" is what anonymous visitors are; it is not a role an account can have.
    if (entry.name == name && entry.role != Role::kPublic) return entry.role;
  }
  return Error::Invalid("unknown role \"" + std::string(name) +
                            "\"; expected one of admin, national, regional, municipal, secretary, researcher",
                        "/role");
}

nlohmann::json DefaultPlaceOf(const User& user) {
  if (user.role != Role::kMunicipal) return nlohmann::json::object();
  if (user.scope.size() == 2) return {{"level", "county"}, {"county", user.scope}};
  return {{"municipality", user.scope}};
}

Status ValidateScope(Role role, std::string_view scope) {
  switch (role) {
    case Role::kAdmin:
    case Role::kNational:
    case Role::kResearcher:
    case Role::kPublic:
      if (!scope.empty()) {
        return Error::Invalid("the role " + std::string(RoleName(role)) + " takes no scope", "/scope");
      }
      return {};
    case Role::kRegional:
      if (scope.empty()) return Error::Invalid("the role regional needs a region id as scope", "/scope");
      return {};
    case Role::kMunicipal:
      if (!AllDigits(scope) || (scope.size() != 4 && scope.size() != 2)) {
        return Error::Invalid(
            "the role municipal needs a 4-digit municipality number or a 2-digit county number as scope", "/scope");
      }
      return {};
    case Role::kSecretary:
      if (!AllDigits(scope) || scope.size() > 18 || scope.front() == '0') {
        return Error::Invalid("the role secretary needs a meeting-place id (a whole number) as scope", "/scope");
      }
      return {};
  }
  return {};
}

}  // namespace moteplass
