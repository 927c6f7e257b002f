// PlaceStore on SQLite (store/place_store.h), and the loading of the 2024 counties,
// municipalities and default regions into a new database.
#pragma once

#include "store/place_store.h"
#include "store/sqlite/database.h"

namespace moteplass::sqlite {

class SqlitePlaceStore final : public PlaceStore {
 public:
  explicit SqlitePlaceStore(Database& db) : db_(db) {}

  // Loads DefaultPlaces() when the database has no counties yet (first start).
  Status LoadDefaultsIfEmpty();

  Result<Places> Load() override;
  Status ReplaceRegions(const std::vector<Region>& regions, const WriteContext& ctx) override;

 private:
  Database& db_;
};

}  // namespace moteplass::sqlite
