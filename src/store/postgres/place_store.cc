#include "store/postgres/place_store.h"

namespace moteplass::postgres {
namespace {

constexpr const char* kCountCounties = "SELECT COUNT(*) FROM counties";
constexpr const char* kInsertCounty = "INSERT INTO counties (number, name) VALUES ($1, $2)";
constexpr const char* kInsertMunicipality = "INSERT INTO municipalities (number, name, county) VALUES ($1, $2, $3)";
constexpr const char* kInsertRegion = "INSERT INTO regions (id, name, position) VALUES ($1, $2, $3)";
constexpr const char* kInsertRegionCounty = "INSERT INTO region_counties (county, region) VALUES ($1, $2)";
constexpr const char* kClearRegions[] = {"DELETE FROM region_counties", "DELETE FROM regions"};
constexpr const char* kSelectCounties =
    "SELECT c.number, c.name, COALESCE(rc.region, '') FROM counties c "
    "LEFT JOIN region_counties rc ON rc.county = c.number ORDER BY c.number";
constexpr const char* kSelectMunicipalities = "SELECT number, name, county FROM municipalities ORDER BY number";
constexpr const char* kSelectRegions = "SELECT id, name FROM regions ORDER BY position, id";
constexpr const char* kSelectRegionCounties = "SELECT county FROM region_counties WHERE region = $1 ORDER BY county";

// Inserts the regions and their counties (the tables must be empty).
Status InsertRegions(Connection& c, const std::vector<Region>& regions) {
  for (std::size_t i = 0; i < regions.size(); ++i) {
    Statement s(c, kInsertRegion);
    s.Bind(regions[i].id).Bind(regions[i].name).Bind(static_cast<std::int64_t>(i));
    RETURN_IF_ERROR(s.Run());
    for (const std::string& county : regions[i].counties) {
      Statement rc(c, kInsertRegionCounty);
      rc.Bind(county).Bind(regions[i].id);
      RETURN_IF_ERROR(rc.Run());
    }
  }
  return {};
}

// The regions with their counties, in the order they were given, as `c` sees them (inside the
// caller's transaction).
Result<std::vector<Region>> LoadRegions(Connection& c) {
  std::vector<Region> regions;
  {
    Statement s(c, kSelectRegions);
    ASSIGN_OR_RETURN(regions, CollectRows<Region>(s, [](Statement& r) { return Region{r.Text(0), r.Text(1), {}}; }));
  }
  for (Region& region : regions) {
    Statement s(c, kSelectRegionCounties);
    s.Bind(region.id);
    ASSIGN_OR_RETURN(region.counties, CollectRows<std::string>(s, [](Statement& r) { return r.Text(0); }));
  }
  return regions;
}

// Every county, municipality and region as `c` sees them (inside the caller's transaction).
Result<Places> LoadPlaces(Connection& c) {
  Places places;
  {
    Statement s(c, kSelectCounties);
    ASSIGN_OR_RETURN(places.counties, CollectRows<County>(s, [](Statement& r) {
                       return County{r.Text(0), r.Text(1), r.Text(2)};
                     }));
  }
  {
    Statement s(c, kSelectMunicipalities);
    ASSIGN_OR_RETURN(places.municipalities, CollectRows<Municipality>(s, [](Statement& r) {
                       return Municipality{r.Text(0), r.Text(1), r.Text(2)};
                     }));
  }
  ASSIGN_OR_RETURN(places.regions, LoadRegions(c));
  return places;
}

nlohmann::json RegionsJson(const std::vector<Region>& regions) {
  nlohmann::json list = nlohmann::json::array();
  for (const Region& r : regions) list.push_back({{"id", r.id}, {"name", r.name}, {"counties", r.counties}});
  return list;
}

}  // namespace

Status PostgresPlaceStore::LoadDefaultsIfEmpty() {
  return db_.WithWriter([](Connection& c) -> Status {
    Transaction txn(c);
    RETURN_IF_ERROR(txn.begun());
    Statement count(c, kCountCounties);
    ASSIGN_OR_RETURN(bool row, count.Step());
    if (row && count.Int(0) > 0) return {};
    const Places places = DefaultPlaces();
    for (const County& county : places.counties) {
      Statement s(c, kInsertCounty);
      s.Bind(county.number).Bind(county.name);
      RETURN_IF_ERROR(s.Run());
    }
    for (const Municipality& m : places.municipalities) {
      Statement s(c, kInsertMunicipality);
      s.Bind(m.number).Bind(m.name).Bind(m.county);
      RETURN_IF_ERROR(s.Run());
    }
    RETURN_IF_ERROR(InsertRegions(c, places.regions));
    return txn.Commit();
  });
}

Result<Places> PostgresPlaceStore::Load() {
  ASSIGN_OR_RETURN(Pool::Lease lease, db_.Borrow());
  Connection& c = *lease;
  ReadTransaction txn(c);
  RETURN_IF_ERROR(txn.begun());
  return LoadPlaces(c);
}

Status PostgresPlaceStore::ReplaceRegions(const std::vector<Region>& regions, const WriteContext& ctx) {
  return db_.Write(ctx, [&](WriteScope& w) -> Status {
    // The regions as they are now, read under the write lock in the same transaction: read any
    // earlier, and a replacement committed in between would be missing from the history.
    ASSIGN_OR_RETURN(std::vector<Region> before, LoadRegions(w.connection()));
    for (const char* sql : kClearRegions) {
      Statement s(w.connection(), sql);
      RETURN_IF_ERROR(s.Run());
    }
    RETURN_IF_ERROR(InsertRegions(w.connection(), regions));
    return w.Record("regions", "", "replace", {FieldChange{"", RegionsJson(before), RegionsJson(regions)}});
  });
}

}  // namespace moteplass::postgres
