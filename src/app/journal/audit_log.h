// Reading the audit log (the command line's `audit`): who wrote what, who logged in, and who was
// refused, newest first. Only those the access table allows (administrators) may read it; a
// refusal is itself audited.
#pragma once

#include <vector>

#include "app/services.h"
#include "core/journal.h"

namespace moteplass::app {

// The newest `limit` entries of the audit log, newest first, when `who` may read it
// (Action::kAuditRead); kUnauthenticated or kForbidden, with a "denied" row, when not.
Result<std::vector<AuditEntry>> ReadAuditLog(Services& s, const Principal& who, int limit);

}  // namespace moteplass::app
