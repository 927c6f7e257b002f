#include "app/services.h"

namespace moteplass::app {
namespace {

std::string OutcomeOf(const Error& e) {
  switch (e.code) {
    case ErrorCode::kInvalid: return "invalid";
    case ErrorCode::kConflict: return "conflict";
    case ErrorCode::kNotFound: return "not_found";
    case ErrorCode::kUnauthenticated:
    case ErrorCode::kForbidden: return "denied";
    default: return "error";
  }
}

}  // namespace

Principal CommandLinePrincipal(const std::string& name) {
  User cli;
  cli.username = name;
  cli.role = Role::kAdmin;
  return Principal{cli};
}

std::string AuthorOf(const Principal& who) { return who.user ? who.user->username : ""; }

WriteContext WriteContextOf(const Principal& who, std::int64_t expected_version) {
  return WriteContext{AuthorOf(who), expected_version};
}

Status Authorize(Services& services, const Principal& who, Action action, const RecordLocation& where,
                 const std::string& target_type, const std::string& target_id) {
  Decision d = Decide(who, action, where);
  if (d.allowed) return {};
  if (IsAudited(action)) {
    // The audit log is the record of refusals; a failure to write it must not turn a 403 into a
    // 500, so it is not passed on.
    (void)services.store.journal().Audit(
        AuditEntry{"", AuthorOf(who), std::string(ActionName(action)), target_type, target_id, "denied"});
  }
  return *d.error;
}

Status Outcome(Services& services, const Principal& who, Action action, const std::string& target_type,
               const std::string& target_id, Status status, bool wrote) {
  if (!IsAudited(action) || (status.ok() && wrote)) return status;
  const std::string outcome = status.ok() ? "ok" : OutcomeOf(status.error());
  (void)services.store.journal().Audit(
      AuditEntry{"", AuthorOf(who), std::string(ActionName(action)), target_type, target_id, outcome});
  return status;
}

}  // namespace moteplass::app
