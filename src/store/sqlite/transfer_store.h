// TransferStore on SQLite (store/transfer_store.h): the tables are those of PRAGMA table_list
// (virtual and shadow tables, the full-text index, are derived and left out), read and written
// with their values' own storage classes, which a STRICT table keeps as declared. The full-text
// index (meeting_place_text) is filled again from the copied names and descriptions.
#pragma once

#include <string>
#include <vector>

#include "store/sqlite/database.h"
#include "store/transfer_store.h"

namespace moteplass::sqlite {

class SqliteTransferStore final : public TransferStore {
 public:
  explicit SqliteTransferStore(Database& db) : db_(db) {}

  Result<std::vector<std::string>> Tables() override;
  Result<TableData> ReadTable(const std::string& name) override;
  Result<std::vector<TableData>> ReadAll() override;
  Result<std::string> Checksum(const std::string& name) override;
  Result<std::vector<TableSummary>> ReplaceAll(const std::vector<TableData>& tables, const WriteContext& ctx) override;
  Result<std::string> Identity() override;

 private:
  Database& db_;
};

}  // namespace moteplass::sqlite
