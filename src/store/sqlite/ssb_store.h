// SsbStore on SQLite (store/ssb_store.h; migration 0015_ssb_handbook_imdi.sql).
#pragma once

#include "store/sqlite/database.h"
#include "store/ssb_store.h"

namespace moteplass::sqlite {

class SqliteSsbStore final : public SsbStore {
 public:
  explicit SqliteSsbStore(Database& db) : db_(db) {}

  Status Replace(const ssb::Table& table, const WriteContext& ctx) override;
  Result<std::optional<SsbTableInfo>> Info() override;
  Result<std::map<std::string, std::int64_t>> ImmigrantPopulation() override;
  Result<std::vector<ssb::Cell>> Cells(const std::string& municipality) override;

 private:
  Database& db_;
};

}  // namespace moteplass::sqlite
