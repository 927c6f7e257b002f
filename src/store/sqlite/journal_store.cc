#include "store/sqlite/journal_store.h"

#include <algorithm>

#include "core/status_macros.h"

namespace moteplass::sqlite {
namespace {

constexpr const char* kAuditLog =
    "SELECT at, by, action, target_type, target_id, outcome FROM audit ORDER BY id DESC LIMIT ?";
constexpr const char* kHistory =
    "SELECT id, at, by, action, changes, source FROM history WHERE entity_type = ? AND entity_id = ? ORDER BY id DESC";
constexpr const char* kDeletions =
    "SELECT id, at, by, action, changes, source, entity_id FROM history WHERE entity_type = ? AND action = 'delete' "
    "ORDER BY id";

constexpr const char* kChangeMark = "SELECT COALESCE(MAX(id), 0) FROM audit";
constexpr const char* kChangesSince =
    "SELECT id, target_type, target_id FROM audit WHERE id > ? AND outcome = 'ok' ORDER BY id LIMIT ?";

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

Status SqliteJournalStore::Audit(const AuditEntry& entry) { return db_.Audit(entry); }

Result<std::vector<AuditEntry>> SqliteJournalStore::AuditLog(int limit) {
  Database::ReadLease lease(db_);
  Statement s(*lease, kAuditLog);
  s.Bind(std::max(limit, 0));
  return CollectRows<AuditEntry>(
      s, [](Statement& r) { return AuditEntry{r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4), r.Text(5)}; });
}

Result<std::vector<HistoryEntry>> SqliteJournalStore::History(const std::string& entity_type, const std::string& id) {
  Database::ReadLease lease(db_);
  Statement s(*lease, kHistory);
  s.Bind(entity_type).Bind(id);
  return CollectRows<HistoryEntry>(s, HistoryFromRow);
}

Result<std::vector<DeletedRecord>> SqliteJournalStore::Deletions(const std::string& entity_type) {
  Database::ReadLease lease(db_);
  Statement s(*lease, kDeletions);
  s.Bind(entity_type);
  return CollectRows<DeletedRecord>(s, [](Statement& r) -> Result<DeletedRecord> {
    ASSIGN_OR_RETURN(HistoryEntry entry, HistoryFromRow(r));
    return DeletedRecord{r.Text(6), std::move(entry)};
  });
}

Result<std::int64_t> SqliteJournalStore::ChangeMark() {
  Database::ReadLease lease(db_);
  Statement s(*lease, kChangeMark);
  return OneRow<std::int64_t>(s, "no audit mark", [](Statement& r) { return r.Int(0); });
}

Result<JournalChanges> SqliteJournalStore::ChangesSince(std::int64_t mark, std::size_t most) {
  Database::ReadLease lease(db_);
  Statement s(*lease, kChangesSince);
  s.Bind(mark).Bind(static_cast<std::int64_t>(most) + 1);
  ASSIGN_OR_RETURN(auto rows, CollectRows<AuditedChange>(s, [](Statement& r) {
                     return AuditedChange{r.Int(0), ChangedRecord{r.Text(1), r.Text(2)}};
                   }));
  return JournalChangesOf(std::move(rows), mark, most);
}

}  // namespace moteplass::sqlite
