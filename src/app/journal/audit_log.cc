// Reading the audit log: authorise (core/access), then read the journal.
#include "app/journal/audit_log.h"

#include "core/status_macros.h"

namespace moteplass::app {

Result<std::vector<AuditEntry>> ReadAuditLog(Services& s, const Principal& who, int limit) {
  RETURN_IF_ERROR(Authorize(s, who, Action::kAuditRead, RecordLocation{}, "audit_log", ""));
  return s.store.journal().AuditLog(limit);
}

}  // namespace moteplass::app
