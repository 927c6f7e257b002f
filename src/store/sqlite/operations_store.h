// OperationsStore on SQLite (store/operations.h): people, memberships, meetings and cases
// (migration 0007_operations.sql).
#pragma once

#include "store/operations.h"
#include "store/sqlite/database.h"

namespace moteplass::sqlite {

class SqliteOperationsStore final : public OperationsStore {
 public:
  explicit SqliteOperationsStore(Database& db) : db_(db) {}

  Result<ops::Record> Create(ops::Kind kind, std::int64_t meeting_place, const nlohmann::json& data,
                             const WriteContext& ctx) override;
  Result<std::vector<ops::Record>> CreateAll(ops::Kind kind, std::int64_t meeting_place,
                                             const std::vector<nlohmann::json>& data, const WriteContext& ctx) override;
  Result<ops::Record> Update(ops::Kind kind, std::int64_t id, const nlohmann::json& data,
                             const WriteContext& ctx) override;
  Status Delete(ops::Kind kind, std::int64_t id, const WriteContext& ctx) override;
  Result<ops::Record> Get(ops::Kind kind, std::int64_t id) override;
  Result<std::vector<ops::Record>> List(ops::Kind kind, std::int64_t meeting_place) override;
  Result<std::vector<ops::Record>> MembershipsOf(std::int64_t person) override;
  Result<std::vector<ops::Record>> ListEvery(ops::Kind kind) override;
  Result<OperationsFacts> FactsForAnalysis(bool countries) override;
  Status MergePeople(std::int64_t from, std::int64_t into, const WriteContext& ctx) override;
  Result<std::int64_t> RemoveExamples(const WriteContext& ctx) override;

 private:
  Database& db_;
};

}  // namespace moteplass::sqlite
