// OverviewStore on SQLite (store/overview_store.h), in the settings table.
#pragma once

#include "store/overview_store.h"
#include "store/sqlite/database.h"

namespace moteplass::sqlite {

class SqliteOverviewStore final : public OverviewStore {
 public:
  explicit SqliteOverviewStore(Database& db) : db_(db) {}
  Result<std::optional<int>> Target() override;
  Status SetTarget(int target, const WriteContext& ctx) override;

 private:
  Database& db_;
};

}  // namespace moteplass::sqlite
