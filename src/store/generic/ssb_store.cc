#include "store/generic/ssb_store.h"

#include "core/status_macros.h"
#include "store/postgres/backend.h"
#include "store/sqlite/backend.h"

namespace moteplass::generic {
namespace {

constexpr const char* kClear[] = {"DELETE FROM ssb_cells", "DELETE FROM ssb_population", "DELETE FROM ssb_countries",
                                  "DELETE FROM ssb_tables"};
constexpr const char* kInsertTable =
    "INSERT INTO ssb_tables (id, label, source, updated, table_id, sample, imported_at) VALUES (1, ?, ?, ?, ?, ?, ?)";
constexpr const char* kInsertCountry = "INSERT INTO ssb_countries (code, label, position, total) VALUES (?, ?, ?, ?)";
// Cells go in by kBatch rows a statement; -1 stands for a withheld figure (NULL).
constexpr const char* kInsertCellsHead =
    "INSERT INTO ssb_cells (municipality, country, category, year, persons) VALUES ";
constexpr const char* kCellRow = "(?, ?, ?, ?, NULLIF(CAST(? AS BIGINT), -1))";
constexpr std::size_t kBatch = 200;
constexpr const char* kInsertPopulation = "INSERT INTO ssb_population (municipality, year, persons) VALUES (?, ?, ?)";
constexpr const char* kSelectTable =
    "SELECT label, source, updated, table_id, sample, imported_at, "
    "(SELECT COALESCE(MAX(year), 0) FROM ssb_population), "
    "(SELECT COUNT(*) FROM ssb_population WHERE year = (SELECT MAX(year) FROM ssb_population)), "
    "(SELECT COUNT(*) FROM ssb_cells) FROM ssb_tables WHERE id = 1";
constexpr const char* kSelectLatest =
    "SELECT p.municipality, p.persons FROM ssb_population p WHERE p.year = "
    "(SELECT MAX(year) FROM ssb_population q WHERE q.municipality = p.municipality) ORDER BY p.municipality";
constexpr const char* kSelectCells =
    "SELECT c.municipality, c.country, c.category, c.year, c.persons FROM ssb_cells c "
    "JOIN ssb_countries k ON k.code = c.country WHERE c.municipality = ? "
    "ORDER BY c.year DESC, c.category, k.position";
// The figures as Cells() reads them (those of the table's countries), in each municipality's
// latest year, summed per country.
constexpr const char* kSelectLatestByCountry =
    "SELECT c.municipality, c.country, SUM(c.persons) FROM ssb_cells c "
    "JOIN ssb_countries k ON k.code = c.country "
    "JOIN (SELECT l.municipality, MAX(l.year) AS year FROM ssb_cells l JOIN ssb_countries lk ON lk.code = l.country "
    "GROUP BY l.municipality) latest ON latest.municipality = c.municipality AND latest.year = c.year "
    "WHERE c.persons IS NOT NULL GROUP BY c.municipality, c.country";

template <Backend B>
Result<std::optional<SsbTableInfo>> ReadInfo(typename B::Connection& c) {
  using Statement = typename B::Statement;
  Statement s(c, B::Sql(kSelectTable));
  ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return std::optional<SsbTableInfo>();
  SsbTableInfo t;
  t.label = s.Text(0);
  t.source = s.Text(1);
  t.updated = s.Text(2);
  t.table_id = s.Text(3);
  t.sample = B::Bool(s, 4);
  t.imported_at = s.Text(5);
  t.latest_year = static_cast<int>(s.Int(6));
  t.municipalities = s.Int(7);
  t.figures = s.Int(8);
  return std::optional<SsbTableInfo>(t);
}

template <Backend B>
Status InsertCells(typename B::Connection& c, const std::vector<ssb::Cell>& cells) {
  using Statement = typename B::Statement;
  for (std::size_t from = 0; from < cells.size(); from += kBatch) {
    const std::size_t n = std::min(kBatch, cells.size() - from);
    std::string sql = kInsertCellsHead;
    for (std::size_t i = 0; i < n; ++i) sql += (i ? ", " : "") + std::string(kCellRow);
    Statement s(c, B::Sql(sql));
    for (std::size_t i = from; i < from + n; ++i) {
      const ssb::Cell& cell = cells[i];
      s.Bind(cell.municipality).Bind(cell.country).Bind(cell.category).Bind(cell.year);
      s.Bind(cell.persons ? *cell.persons : std::int64_t{-1});
    }
    RETURN_IF_ERROR(s.Run());
  }
  return {};
}

}  // namespace

template <Backend B>
Status SsbStoreOn<B>::Replace(const ssb::Table& table, const WriteContext& ctx) {
  return db_.Write(ctx, [&](WriteScope& w) -> Status {
    Connection& c = w.connection();
    ASSIGN_OR_RETURN(std::optional<SsbTableInfo> before, ReadInfo<B>(c));
    for (const char* sql : kClear) {
      Statement s(c, B::Sql(sql));
      RETURN_IF_ERROR(s.Run());
    }
    {
      Statement s(c, B::Sql(kInsertTable));
      s.Bind(table.label).Bind(table.source).Bind(table.updated).Bind(table.table_id).Bind(table.sample).Bind(w.now());
      RETURN_IF_ERROR(s.Run());
    }
    for (std::size_t i = 0; i < table.countries.size(); ++i) {
      Statement s(c, B::Sql(kInsertCountry));
      s.Bind(table.countries[i].code).Bind(table.countries[i].label).Bind(static_cast<std::int64_t>(i));
      s.Bind(table.countries[i].total);
      RETURN_IF_ERROR(s.Run());
    }
    RETURN_IF_ERROR(InsertCells<B>(c, table.cells));
    for (const ssb::Population& p : table.population) {
      Statement s(c, B::Sql(kInsertPopulation));
      s.Bind(p.municipality).Bind(p.year).Bind(p.persons);
      RETURN_IF_ERROR(s.Run());
    }
    const nlohmann::json after = SsbSummaryJson(SsbInfoOf(table, w.now()));
    return w.Record("ssb_table", "", "import",
                    {FieldChange{"", before ? SsbSummaryJson(*before) : nlohmann::json(nullptr), after}});
  });
}

template <Backend B>
Result<std::optional<SsbTableInfo>> SsbStoreOn<B>::Info() {
  ASSIGN_OR_RETURN(auto lease, B::Borrow(db_));
  ReadTransaction txn(*lease);
  RETURN_IF_ERROR(txn.begun());
  return ReadInfo<B>(*lease);
}

template <Backend B>
Result<std::map<std::string, std::int64_t>> SsbStoreOn<B>::ImmigrantPopulation() {
  ASSIGN_OR_RETURN(auto lease, B::Borrow(db_));
  Statement s(*lease, B::Sql(kSelectLatest));
  std::map<std::string, std::int64_t> out;
  RETURN_IF_ERROR(ForEachRow(s, [&](Statement& r) -> Status {
    out[r.Text(0)] = r.Int(1);
    return {};
  }));
  return out;
}

template <Backend B>
Result<SsbStore::PersonsByCountry> SsbStoreOn<B>::LatestPersonsByCountry() {
  ASSIGN_OR_RETURN(auto lease, B::Borrow(db_));
  Statement s(*lease, B::Sql(kSelectLatestByCountry));
  PersonsByCountry out;
  RETURN_IF_ERROR(ForEachRow(s, [&](Statement& r) -> Status {
    out[r.Text(0)][r.Text(1)] = r.Int(2);
    return {};
  }));
  return out;
}

template <Backend B>
Result<std::vector<ssb::Cell>> SsbStoreOn<B>::Cells(const std::string& municipality) {
  ASSIGN_OR_RETURN(auto lease, B::Borrow(db_));
  Statement s(*lease, B::Sql(kSelectCells));
  s.Bind(municipality);
  return CollectRows<ssb::Cell>(s, [](Statement& r) {
    ssb::Cell c{r.Text(0), r.Text(1), r.Text(2), static_cast<int>(r.Int(3)), std::nullopt};
    if (!r.IsNull(4)) c.persons = r.Int(4);
    return c;
  });
}

template class SsbStoreOn<sqlite::Backend>;
template class SsbStoreOn<postgres::Backend>;

}  // namespace moteplass::generic
