// Statistics Norway's table of immigrants and Norwegian-born to immigrant parents by municipality
// and country background (contracts/analysis.md, `moteplass ssb import FILE.json`), as SSB's API
// returns it: a JSON-stat 2.0 dataset (tables 05182 and 09817, and any table with the same
// dimensions). docs/SSB.md says how to fetch one and which dimensions are read.
//
// The parser is strict: anything it does not understand is refused with kInvalid, slug
// "invalid_ssb_table", and a pointer into the file naming the dimension, category or position
// (`/dimension/Landbakgrunn/category/index`, `/value/17`), so that nothing half read is stored.
// What it does not keep, it says it left out (regions that are no municipality of 2024: the
// country, counties, municipalities that no longer exist).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "core/places/places.h"

namespace moteplass::ssb {

// The dimension ids SSB uses, and the roles JSON-stat gives them.
inline constexpr const char* kRegion = "Region";                // role "geo"
inline constexpr const char* kCountry = "Landbakgrunn";         // the country background
inline constexpr const char* kCategory = "InnvandrKat";         // immigration category (optional)
inline constexpr const char* kContents = "ContentsCode";        // role "metric"
inline constexpr const char* kTime = "Tid";                     // role "time"
inline constexpr const char* kImmigrants = "B";                 // InnvandrKat: innvandrere
inline constexpr const char* kNorwegianBornToImmigrants = "C";  // norskfødte med innvandrerforeldre

// A country background as the table names it (SSB's code and Norwegian label).
struct Country {
  std::string code;
  std::string label;
  bool total = false;  // the category of all countries together ("Alle land", "I alt")
};

// One figure kept: persons in a municipality of a country background, category and year.
struct Cell {
  std::string municipality;  // four digits, a municipality of 2024
  std::string country;       // a Country::code
  std::string category;      // "immigrants", "norwegian_born" or "both" (no InnvandrKat dimension)
  int year = 0;
  std::optional<std::int64_t> persons;  // nullopt where SSB withholds the figure (status ".." or ":")
};

// The immigrant population of a municipality in a year: immigrants and Norwegian-born to
// immigrant parents, from every country (the total category when the table has one, else the sum
// of the countries; withheld figures count as none).
struct Population {
  std::string municipality;
  int year = 0;
  std::int64_t persons = 0;
};

struct Table {
  std::string label;               // the dataset's label, as SSB writes it
  std::string source;              // "Statistisk sentralbyrå"
  std::string updated;             // when SSB last updated it (ISO 8601), "" when not said
  std::string table_id;            // SSB's table number (extension.px.tableid), "" when not said
  bool sample = false;             // extension.moteplass.sample: a sample shipped with the program, not SSB's file
  std::vector<Country> countries;  // in the table's order
  std::vector<Cell> cells;
  std::vector<Population> population;        // per municipality and year, in that order
  std::vector<std::string> skipped_regions;  // region codes left out (not a municipality of 2024)
};

// Reads a JSON-stat 2.0 dataset (see the file comment). `places` says which municipalities exist.
Result<Table> ParseTable(const nlohmann::json& doc, const Places& places);

// The latest year's immigrant population per municipality number.
std::map<std::string, std::int64_t> LatestPopulation(const std::vector<Population>& population);

// A few lines on what was read, for the command line ("12 municipalities, 2024; 3 regions left out").
std::string Summary(const Table& table);

}  // namespace moteplass::ssb
