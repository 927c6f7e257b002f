// OverviewStore on PostgreSQL (store/overview_store.h), in the settings table.
#pragma once

#include "store/overview_store.h"
#include "store/postgres/database.h"

namespace moteplass::postgres {

class PostgresOverviewStore final : public OverviewStore {
 public:
  explicit PostgresOverviewStore(Database& db) : db_(db) {}
  Result<std::optional<int>> Target() override;
  Status SetTarget(int target, const WriteContext& ctx) override;

 private:
  Database& db_;
};

}  // namespace moteplass::postgres
