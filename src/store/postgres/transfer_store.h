// TransferStore on PostgreSQL (store/transfer_store.h): the tables are the ordinary tables of the
// current schema, each column read and written by its type (booleans as 0 and 1, bytea as bytes,
// integers of every width as integers). Derived columns are left out of the canonical form:
// tsvector columns (meeting_places.search) are computed again from the copied name and
// description as the store's own writes compute them, and generated columns by the server. The
// id sequences are set past the largest copied id.
#pragma once

#include <string>
#include <vector>

#include "store/postgres/database.h"
#include "store/transfer_store.h"

namespace moteplass::postgres {

class PostgresTransferStore final : public TransferStore {
 public:
  explicit PostgresTransferStore(Database& db) : db_(db) {}

  Result<std::vector<std::string>> Tables() override;
  Result<TableData> ReadTable(const std::string& name) override;
  Result<std::vector<TableData>> ReadAll() override;
  Result<std::string> Checksum(const std::string& name) override;
  Result<std::vector<TableSummary>> ReplaceAll(const std::vector<TableData>& tables, const WriteContext& ctx) override;
  Result<std::string> Identity() override;

 private:
  Database& db_;
};

}  // namespace moteplass::postgres
