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

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/error.h"
#include "core/journal.h"

namespace moteplass {

// A record's "delete" history entry, with the record's id (see Deletions).
struct DeletedRecord {
  std::string id;
  HistoryEntry entry;
};

// A record a write changed, as its audit row names it ("membership", "12").
struct ChangedRecord {
  std::string entity_type;
  std::string entity_id;
  auto operator<=>(const ChangedRecord&) const = default;
};

// What the writes committed after a mark changed (JournalStore::ChangesSince).
struct JournalChanges {
  std::vector<ChangedRecord> records;  // each once, sorted
  std::int64_t mark = 0;               // where the next call starts
  bool complete = true;                // false: more than were asked for (records is then empty)
};

// An audit row's id and the record it names.
using AuditedChange = std::pair<std::int64_t, ChangedRecord>;

// The JournalChanges of the (audit id, target) rows read after `mark`, oldest first, at most
// `most` + 1 of them (one more than `most`: not complete). For the backends' ChangesSince.
JournalChanges JournalChangesOf(std::vector<AuditedChange> rows, std::int64_t mark, std::size_t most);

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

  // How far the audit log has got, as a mark for ChangesSince. Every write of every process adds
  // an audit row for each record it changes (store/write.h), and the rows' ids follow the order
  // in which the writes committed (one writer at a time: SQLite's lock, PostgreSQL's write lock,
  // which this read waits for), so a result computed from the data read after a mark can later
  // be brought up to date by redoing only what the records audited since touch (the alerts of a
  // national user, app/operations/alerts), whichever process wrote them.
  virtual Result<std::int64_t> ChangeMark() = 0;
  // The targets of the audit rows with outcome "ok" after `mark` (writes, and audited reads,
  // which change nothing), each once, and the mark they reach; not complete when there are more
  // than `most`.
  virtual Result<JournalChanges> ChangesSince(std::int64_t mark, std::size_t most) = 0;
};

}  // namespace moteplass
