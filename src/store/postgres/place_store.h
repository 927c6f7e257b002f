// PlaceStore on PostgreSQL (store/place_store.h), and the loading of the 2024 counties,
// municipalities and default regions into a new database.
#pragma once

#include "store/place_store.h"
#include "store/postgres/database.h"

namespace moteplass::postgres {

class PostgresPlaceStore final : public PlaceStore {
 public:
  explicit PostgresPlaceStore(Database& db) : db_(db) {}

  // Loads DefaultPlaces() when the database has no counties yet (first start). Under the write
  // lock: of two servers starting at once on a new database, one loads and the other finds them.
  Status LoadDefaultsIfEmpty();

  Result<Places> Load() override;
  Status ReplaceRegions(const std::vector<Region>& regions, const WriteContext& ctx) override;

 private:
  Database& db_;
};

}  // namespace moteplass::postgres
