#include "store/sqlite/sqlite_store.h"

namespace moteplass {

Result<std::unique_ptr<SqliteStore>> SqliteStore::Open(const std::string& path) {
  ASSIGN_OR_RETURN(auto db, sqlite::Database::Open(path));
  std::unique_ptr<SqliteStore> store(new SqliteStore(std::move(db)));
  RETURN_IF_ERROR(store->places_.LoadDefaultsIfEmpty());
  RETURN_IF_ERROR(store->handbook_.SeedIfEmpty(handbook::SeedPages()));
  ASSIGN_OR_RETURN(Places places, store->places_.Load());
  store->meeting_places_ = std::make_unique<sqlite::SqliteMeetingPlaceStore>(*store->db_, std::move(places));
  RETURN_IF_ERROR(store->meeting_places_->RefreshNorwegianText());
  RETURN_IF_ERROR(store->meeting_places_->RefreshClassification());
  return store;
}

}  // namespace moteplass
