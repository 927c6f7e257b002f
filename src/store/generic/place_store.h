// PlaceStore (store/place_store.h) written once for both databases (store/generic/backend.h), and
// the loading of the 2024 counties, municipalities and default regions into a new database.
#pragma once

#include "store/generic/backend.h"
#include "store/place_store.h"

namespace moteplass::generic {

template <Backend B>
class PlaceStoreOn final : public PlaceStore {
 public:
  explicit PlaceStoreOn(typename B::Database& db) : db_(db) {}

  // Loads DefaultPlaces() when the database has no counties yet (first start). Under the write
  // lock: of two servers starting at once on a new PostgreSQL database, one loads and the other
  // finds them.
  Status LoadDefaultsIfEmpty();

  Result<Places> Load() override;
  Status ReplaceRegions(const std::vector<Region>& regions, const WriteContext& ctx) override;

 private:
  typename B::Database& db_;
};

}  // namespace moteplass::generic
