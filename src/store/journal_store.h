// The audit log and the change history of any record in the store. Writes add their own rows
// (store/write.h); Audit() is for what is not a write: log-ins, refused requests, decisions.
// Reached through Store::journal().
//
// The rows the store's writes add, by capability (each interface's file comment has the detail):
//   history entity ("meeting_place", "<id>")  actions create, import, update, record_kind, delete
//   history entity ("regions", "")            action  replace
//   audit "meeting_place.<action>"  target ("meeting_place", "<id>"), also "remove_example"
//   audit "regions.replace"         target ("regions", "")
//   audit "user.add", "user.disable", "user.enable", "token.create"  target ("user", "<user id>")
// Ids are decimal text and compared whole. Every write's rows carry `by` = WriteContext::by and
// outcome "ok"; neither a refused write nor a write that changes nothing adds any.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/journal.h"

namespace moteplass {

// A record's "delete" history entry, with the record's id (see Deletions).
struct DeletedRecord {
  std::string id;
  HistoryEntry entry;
};

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
  // The "delete" entries of every record of one entity type, oldest first: what was there once
  // (OParl's deleted objects). A later record with the same id is the caller's to tell apart.
  virtual Result<std::vector<DeletedRecord>> Deletions(const std::string& entity_type) = 0;
};

}  // namespace moteplass
