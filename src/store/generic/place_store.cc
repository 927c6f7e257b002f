#include "store/generic/place_store.h"

#include "store/postgres/backend.h"
#include "store/sqlite/backend.h"

namespace moteplass::generic {
namespace {

constexpr const char* kCountCounties = "SELECT COUNT(*) FROM counties";
constexpr const char* kInsertCounty = "INSERT INTO counties (number, name) VALUES (?, ?)";
constexpr const char* kInsertMunicipality = "INSERT INTO municipalities (number, name, county) VALUES (?, ?, ?)";
constexpr const char* kInsertRegion = "INSERT INTO regions (id, name, position) VALUES (?, ?, ?)";
constexpr const char* kInsertRegionCounty = "INSERT INTO region_counties (county, region) VALUES (?, ?)";
constexpr const char* kClearRegions[] = {"DELETE FROM region_counties", "DELETE FROM regions"};
constexpr const char* kSelectCounties =
    "SELECT c.number, c.name, COALESCE(rc.region, '') FROM counties c "
    "LEFT JOIN region_counties rc ON rc.county = c.number ORDER BY c.number";
constexpr const char* kSelectMunicipalities = "SELECT number, name, county FROM municipalities ORDER BY number";
constexpr const char* kSelectRegions = "SELECT id, name FROM regions ORDER BY position, id";
constexpr const char* kSelectRegionCounties = "SELECT county FROM region_counties WHERE region = ? ORDER BY county";

// Inserts the regions and their counties (the tables must be empty).
template <Backend B>
Status InsertRegions(typename B::Connection& c, const std::vector<Region>& regions) {
  using Statement = typename B::Statement;
  for (std::size_t i = 0; i < regions.size(); ++i) {
    Statement s(c, B::Sql(kInsertRegion));
    s.Bind(regions[i].id).Bind(regions[i].name).Bind(static_cast<std::int64_t>(i));
    RETURN_IF_ERROR(s.Run());
    for (const std::string& county : regions[i].counties) {
      Statement rc(c, B::Sql(kInsertRegionCounty));
      rc.Bind(county).Bind(regions[i].id);
      RETURN_IF_ERROR(rc.Run());
    }
  }
  return {};
}

// The regions with their counties, in the order they were given, as `c` sees them (inside the
// caller's transaction).
template <Backend B>
Result<std::vector<Region>> LoadRegions(typename B::Connection& c) {
  using Statement = typename B::Statement;
  std::vector<Region> regions;
  {
    Statement s(c, B::Sql(kSelectRegions));
    ASSIGN_OR_RETURN(regions, CollectRows<Region>(s, [](Statement& r) { return Region{r.Text(0), r.Text(1), {}}; }));
  }
  for (Region& region : regions) {
    Statement s(c, B::Sql(kSelectRegionCounties));
    s.Bind(region.id);
    ASSIGN_OR_RETURN(region.counties, CollectRows<std::string>(s, [](Statement& r) { return r.Text(0); }));
  }
  return regions;
}

// Every county, municipality and region as `c` sees them (inside the caller's transaction).
template <Backend B>
Result<Places> LoadPlaces(typename B::Connection& c) {
  using Statement = typename B::Statement;
  Places places;
  {
    Statement s(c, B::Sql(kSelectCounties));
    ASSIGN_OR_RETURN(places.counties, CollectRows<County>(s, [](Statement& r) {
                       return County{r.Text(0), r.Text(1), r.Text(2)};
                     }));
  }
  {
    Statement s(c, B::Sql(kSelectMunicipalities));
    ASSIGN_OR_RETURN(places.municipalities, CollectRows<Municipality>(s, [](Statement& r) {
                       return Municipality{r.Text(0), r.Text(1), r.Text(2)};
                     }));
  }
  ASSIGN_OR_RETURN(places.regions, LoadRegions<B>(c));
  return places;
}

nlohmann::json RegionsJson(const std::vector<Region>& regions) {
  nlohmann::json list = nlohmann::json::array();
  for (const Region& r : regions) list.push_back({{"id", r.id}, {"name", r.name}, {"counties", r.counties}});
  return list;
}

}  // namespace

template <Backend B>
Status PlaceStoreOn<B>::LoadDefaultsIfEmpty() {
  using Statement = typename B::Statement;
  return db_.WithWriter([](typename B::Connection& c) -> Status {
    typename B::Transaction txn(c);
    RETURN_IF_ERROR(txn.begun());
    Statement count(c, B::Sql(kCountCounties));
    ASSIGN_OR_RETURN(bool row, count.Step());
    if (row && count.Int(0) > 0) return {};
    const Places places = DefaultPlaces();
    for (const County& county : places.counties) {
      Statement s(c, B::Sql(kInsertCounty));
      s.Bind(county.number).Bind(county.name);
      RETURN_IF_ERROR(s.Run());
    }
    for (const Municipality& m : places.municipalities) {
      Statement s(c, B::Sql(kInsertMunicipality));
      s.Bind(m.number).Bind(m.name).Bind(m.county);
      RETURN_IF_ERROR(s.Run());
    }
    RETURN_IF_ERROR(InsertRegions<B>(c, places.regions));
    return txn.Commit();
  });
}

template <Backend B>
Result<Places> PlaceStoreOn<B>::Load() {
  return B::Read(db_, [](typename B::Connection& c) -> Result<Places> {
    typename B::ReadTransaction txn(c);
    RETURN_IF_ERROR(txn.begun());
    return LoadPlaces<B>(c);
  });
}

template <Backend B>
Status PlaceStoreOn<B>::ReplaceRegions(const std::vector<Region>& regions, const WriteContext& ctx) {
  return db_.Write(ctx, [&](typename B::WriteScope& w) -> Status {
    // The regions as they are now, read under the write lock in the same transaction: read any
    // earlier, and a replacement committed in between would be missing from the history.
    ASSIGN_OR_RETURN(std::vector<Region> before, LoadRegions<B>(w.connection()));
    for (const char* sql : kClearRegions) {
      typename B::Statement s(w.connection(), B::Sql(sql));
      RETURN_IF_ERROR(s.Run());
    }
    RETURN_IF_ERROR(InsertRegions<B>(w.connection(), regions));
    return w.Record("regions", "", "replace", {FieldChange{"", RegionsJson(before), RegionsJson(regions)}});
  });
}

template class PlaceStoreOn<sqlite::Backend>;
template class PlaceStoreOn<postgres::Backend>;

}  // namespace moteplass::generic
