// Statistics Norway's table of immigrants and Norwegian-born to immigrant parents by municipality
// and country background (core/ssb/table.h), as imported by `moteplass ssb import`. One table at a
// time: an import replaces the one before, all or nothing. Reached through Store::ssb().
//
// What the journal gets: the table as a whole is one record, entity type "ssb_table" and id "".
// Each Replace adds one history entry ("ssb_table", "") with action "import" and one change,
// pointer "", whose `before` and `after` summarise the table (SsbSummaryJson; `before` null at the
// first import), and one audit row "ssb_table.import".
#pragma once

#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "core/ssb/table.h"
#include "store/write.h"

namespace moteplass {

// What is imported, without its figures.
struct SsbTableInfo {
  std::string label;
  std::string source;
  std::string updated;
  std::string table_id;
  bool sample = false;
  std::string imported_at;  // UTC, ISO 8601
  int latest_year = 0;
  std::int64_t municipalities = 0;  // with a figure in the latest year
  std::int64_t figures = 0;         // cells kept
};

// The summary the history keeps of a table.
inline nlohmann::json SsbSummaryJson(const SsbTableInfo& t) {
  return {{"label", t.label},    {"table_id", t.table_id},       {"updated", t.updated},
          {"sample", t.sample},  {"latest_year", t.latest_year}, {"municipalities", t.municipalities},
          {"figures", t.figures}};
}

// The summary of a parsed table, as Info() will give it back after `table` is stored.
inline SsbTableInfo SsbInfoOf(const ssb::Table& table, std::string imported_at) {
  SsbTableInfo t;
  t.label = table.label;
  t.source = table.source;
  t.updated = table.updated;
  t.table_id = table.table_id;
  t.sample = table.sample;
  t.imported_at = std::move(imported_at);
  for (const ssb::Population& p : table.population) t.latest_year = std::max(t.latest_year, p.year);
  for (const ssb::Population& p : table.population) t.municipalities += p.year == t.latest_year ? 1 : 0;
  t.figures = static_cast<std::int64_t>(table.cells.size());
  return t;
}

class SsbStore {
 public:
  virtual ~SsbStore() = default;

  // Replaces the imported table with `table` (ParseTable's result), all or nothing, with history
  // and audit (see the file comment).
  virtual Status Replace(const ssb::Table& table, const WriteContext& ctx) = 0;
  // What is imported; nullopt when no table has been.
  virtual Result<std::optional<SsbTableInfo>> Info() = 0;
  // The latest year's immigrant population per municipality number (empty when none imported).
  virtual Result<std::map<std::string, std::int64_t>> ImmigrantPopulation() = 0;
  // Every municipality's figures in its own latest year (the latest year of its figures, withheld
  // ones included), immigrants and Norwegian-born to immigrant parents summed per country
  // background: municipality -> country -> persons. A country whose every figure there is withheld
  // is left out. One query, for reading every municipality at once (the analysis origin_spread).
  using PersonsByCountry = std::map<std::string, std::map<std::string, std::int64_t>>;
  virtual Result<PersonsByCountry> LatestPersonsByCountry() = 0;
  // Every figure of one municipality, by year (newest first), category and the table's order of
  // countries.
  virtual Result<std::vector<ssb::Cell>> Cells(const std::string& municipality) = 0;
};

}  // namespace moteplass
