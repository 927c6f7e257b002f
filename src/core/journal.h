// The register's memory of what happened: a record's change history (what changed, field by
// field, by whom and when) and the audit log (who did or tried what). Kept by the store in the
// same transaction as the write they describe; read by the history pages and `moteplass audit`.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace moteplass {

// One changed field of a record, for the history.
struct FieldChange {
  std::string pointer;    // JSON pointer into the resource, e.g. "/profile/seats/politicians"
  nlohmann::json before;  // null when added
  nlohmann::json after;   // null when removed
};

// One entry of a record's change history.
struct HistoryEntry {
  std::int64_t id = 0;
  std::string at;
  std::string by;      // username, or "system" for imports and demo data
  std::string action;  // "create", "update", "delete", "record_kind", "import", ...
  std::vector<FieldChange> changes;
  nlohmann::json source = nullptr;  // {"study": id} for a change accepted from a mapping study
};

// One line of the audit log: a write, a log-in, or a decision about access.
struct AuditEntry {
  std::string at;
  std::string by;           // username or "" for the public
  std::string action;       // "meeting_place.create", "user.add", "login.failed", ...
  std::string target_type;  // "meeting_place", "user", ...
  std::string target_id;
  std::string outcome;  // "ok", "denied", "invalid", "conflict", "not_found"
};

}  // namespace moteplass
