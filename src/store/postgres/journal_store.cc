#include "store/postgres/journal_store.h"

#include <algorithm>

#include "core/status_macros.h"

namespace moteplass::postgres {
namespace {

constexpr const char* kAuditLog =
    R"(SELECT at, "by", action, target_type, target_id, outcome FROM audit ORDER BY id DESC LIMIT $1)";
constexpr const char* kHistory =
    R"(SELECT id, at, "by", action, changes, source FROM history WHERE entity_type = $1 AND entity_id = $2 ORDER BY id DESC)";
constexpr const char* kDeletions =
    R"(SELECT id, at, "by", action, changes, source, entity_id FROM history WHERE entity_type = $1 AND action = 'delete' )"
    "ORDER BY id";

constexpr const char* kChangeMark = "SELECT COALESCE(MAX(id), 0) FROM audit";
constexpr const char* kChangesSince =
    "SELECT id, target_type, target_id FROM audit WHERE id > $1 AND outcome = 'ok' ORDER BY id LIMIT $2";

// Runs `read` in a transaction that holds the write lock shared: no write is half-way, so every
// audit row of a write is either committed or not yet numbered. (A row numbered before another
// commits after it only when it is not a write's: an audited read or refusal, which changes
// nothing.)
template <typename T, typename Read>
Result<T> WithWritesSettled(Database& db, Read read) {
  ASSIGN_OR_RETURN(Pool::Lease lease, db.Borrow());
  Connection& c = *lease;
  RETURN_IF_ERROR(c.Exec("BEGIN"));
  Statement lock(c, "SELECT pg_advisory_xact_lock_shared($1)");
  lock.Bind(kWriteLockKey);
  Status locked = lock.Run();
  Result<T> out = locked.ok() ? read(c) : Result<T>(locked.error());
  Status ended = c.Exec(out.ok() ? "COMMIT" : "ROLLBACK");
  if (out.ok() && !ended.ok()) return ended.error();
  return out;
}

Result<HistoryEntry> HistoryFromRow(const Statement& s) {
  HistoryEntry e{s.Int(0), s.Text(1), s.Text(2), s.Text(3), {}};
  const nlohmann::json changes = nlohmann::json::parse(s.Text(4), nullptr, false);
  if (!changes.is_array()) return Error::Internal("database: stored history is not a JSON array");
  for (const nlohmann::json& change : changes) {
    e.changes.push_back(FieldChange{change.value("pointer", ""), change.value("before", nlohmann::json()),
                                    change.value("after", nlohmann::json())});
  }
  if (!s.IsNull(5)) e.source = nlohmann::json::parse(s.Text(5), nullptr, false);
  if (e.source.is_discarded()) e.source = nullptr;
  return e;
}

}  // namespace

Status PostgresJournalStore::Audit(const AuditEntry& entry) { return db_.Audit(entry); }

Result<std::vector<AuditEntry>> PostgresJournalStore::AuditLog(int limit) {
  ASSIGN_OR_RETURN(Pool::Lease lease, db_.Borrow());
  Statement s(*lease, kAuditLog);
  s.Bind(std::max(limit, 0));
  return CollectRows<AuditEntry>(
      s, [](Statement& r) { return AuditEntry{r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4), r.Text(5)}; });
}

Result<std::vector<HistoryEntry>> PostgresJournalStore::History(const std::string& entity_type, const std::string& id) {
  ASSIGN_OR_RETURN(Pool::Lease lease, db_.Borrow());
  Statement s(*lease, kHistory);
  s.Bind(entity_type).Bind(id);
  return CollectRows<HistoryEntry>(s, HistoryFromRow);
}

Result<std::vector<DeletedRecord>> PostgresJournalStore::Deletions(const std::string& entity_type) {
  ASSIGN_OR_RETURN(Pool::Lease lease, db_.Borrow());
  Statement s(*lease, kDeletions);
  s.Bind(entity_type);
  return CollectRows<DeletedRecord>(s, [](Statement& r) -> Result<DeletedRecord> {
    ASSIGN_OR_RETURN(HistoryEntry entry, HistoryFromRow(r));
    return DeletedRecord{r.Text(6), std::move(entry)};
  });
}

Result<std::int64_t> PostgresJournalStore::ChangeMark() {
  return WithWritesSettled<std::int64_t>(db_, [](Connection& c) -> Result<std::int64_t> {
    Statement s(c, kChangeMark);
    return OneRow<std::int64_t>(s, "no audit mark", [](Statement& r) { return r.Int(0); });
  });
}

Result<JournalChanges> PostgresJournalStore::ChangesSince(std::int64_t mark, std::size_t most) {
  return WithWritesSettled<JournalChanges>(db_, [&](Connection& c) -> Result<JournalChanges> {
    Statement s(c, kChangesSince);
    s.Bind(mark).Bind(static_cast<std::int64_t>(most) + 1);
    ASSIGN_OR_RETURN(auto rows, CollectRows<AuditedChange>(s, [](Statement& r) {
                       return AuditedChange{r.Int(0), ChangedRecord{r.Text(1), r.Text(2)}};
                     }));
    return JournalChangesOf(std::move(rows), mark, most);
  });
}

}  // namespace moteplass::postgres
