// JournalStore on PostgreSQL (store/journal_store.h): the audit table and the history table.
#pragma once

#include "store/journal_store.h"
#include "store/postgres/database.h"

namespace moteplass::postgres {

class PostgresJournalStore final : public JournalStore {
 public:
  explicit PostgresJournalStore(Database& db) : db_(db) {}

  Status Audit(const AuditEntry& entry) override;
  Result<std::vector<AuditEntry>> AuditLog(int limit) override;
  Result<std::vector<HistoryEntry>> History(const std::string& entity_type, const std::string& id) override;
  Result<std::vector<DeletedRecord>> Deletions(const std::string& entity_type) override;
  Result<std::int64_t> ChangeMark() override;
  Result<JournalChanges> ChangesSince(std::int64_t mark, std::size_t most) override;

 private:
  Database& db_;
};

}  // namespace moteplass::postgres
