#include "app/accounts/identities.h"

#include "core/status_macros.h"

namespace moteplass::app {

Status LinkIdentity(Services& s, const Principal& who, const std::string& username, const std::string& issuer,
                    const std::string& subject) {
  RETURN_IF_ERROR(Authorize(s, who, Action::kUserManage, RecordLocation{}, "user", username));
  return s.store.identities().LinkIdentity(username, issuer, subject, WriteContext{AuthorOf(who), 0});
}

Status UnlinkIdentity(Services& s, const Principal& who, const std::string& issuer, const std::string& subject) {
  RETURN_IF_ERROR(Authorize(s, who, Action::kUserManage, RecordLocation{}, "user", ""));
  return s.store.identities().UnlinkIdentity(issuer, subject, WriteContext{AuthorOf(who), 0});
}

Result<std::vector<IdentityLink>> ListIdentities(Services& s, const Principal& who) {
  RETURN_IF_ERROR(Authorize(s, who, Action::kUserManage, RecordLocation{}, "user", ""));
  return s.store.identities().ListIdentities();
}

}  // namespace moteplass::app
