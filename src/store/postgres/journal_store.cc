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

}  // namespace moteplass::postgres
