// The audit log and the change history of any record in the store. Writes add their own rows
// (store/write.h); Audit() is for what is not a write: log-ins, refused requests, decisions.
// Reached through Store::journal().
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/journal.h"

namespace moteplass {

class JournalStore {
 public:
  virtual ~JournalStore() = default;

  // Appends to the audit log; fills in `at` (now) when it is empty. Durable when it returns.
  virtual Status Audit(const AuditEntry& entry) = 0;
  // The newest `limit` entries, newest first.
  virtual Result<std::vector<AuditEntry>> AuditLog(int limit) = 0;
  // The change history of one record (entity type such as "meeting_place", and its id), newest
  // first; empty when the record has none.
  virtual Result<std::vector<HistoryEntry>> History(const std::string& entity_type, const std::string& id) = 0;
};

}  // namespace moteplass
