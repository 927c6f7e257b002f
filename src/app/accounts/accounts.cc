#include "app/accounts/accounts.h"

#include "core/status_macros.h"

namespace moteplass::app {
namespace {

constexpr const char* kEntity = "user";

// Checks that the scope names something that exists.
Status CheckScopeExists(Services& s, Role role, const std::string& scope) {
  RETURN_IF_ERROR(ValidateScope(role, scope));
  if (role == Role::kRegional && !FindRegion(s.places, scope)) {
    return Error::Invalid("no region has the id " + scope, "/scope");
  }
  if (role == Role::kMunicipal && scope.size() == 4 && !FindMunicipality(s.places, scope)) {
    return Error::Invalid("no municipality has the number " + scope, "/scope");
  }
  if (role == Role::kMunicipal && scope.size() == 2 && !FindCounty(s.places, scope)) {
    return Error::Invalid("no county has the number " + scope, "/scope");
  }
  if (role == Role::kSecretary && !s.store.meeting_places().Get(std::stoll(scope)).ok()) {
    return Error::Invalid("no meeting place has the id " + scope, "/scope");
  }
  return {};
}

}  // namespace

Result<std::vector<User>> ListUsers(Services& s, const Principal& who) {
  RETURN_IF_ERROR(Authorize(s, who, Action::kUserManage, RecordLocation{}, kEntity, ""));
  return s.store.accounts().ListUsers();
}

Result<User> AddUser(Services& s, const Principal& who, const std::string& username, const std::string& password_hash,
                     Role role, const std::string& scope) {
  RETURN_IF_ERROR(Authorize(s, who, Action::kUserManage, RecordLocation{}, kEntity, username));
  RETURN_IF_ERROR(CheckScopeExists(s, role, scope));
  return s.store.accounts().AddUser(username, password_hash, role, scope, WriteContext{AuthorOf(who), 0});
}

Status SetUserDisabled(Services& s, const Principal& who, const std::string& username, bool disabled) {
  RETURN_IF_ERROR(Authorize(s, who, Action::kUserManage, RecordLocation{}, kEntity, username));
  return s.store.accounts().SetUserDisabled(username, disabled, WriteContext{AuthorOf(who), 0});
}

Status AddToken(Services& s, const Principal& who, const std::string& username, const std::string& token_hash) {
  RETURN_IF_ERROR(Authorize(s, who, Action::kUserManage, RecordLocation{}, kEntity, username));
  ASSIGN_OR_RETURN(User user, s.store.accounts().FindUser(username));
  return s.store.accounts().AddToken(user.id, token_hash, WriteContext{AuthorOf(who), 0});
}

}  // namespace moteplass::app
