// Counties, municipalities and IMDi regions: the places meeting places belong to.
// The 357 municipalities and 15 counties of 2024 come from data/kommuner-2024.csv (embedded);
// the grouping of counties into IMDi regions is configurable and ships with a default
// (data/regions-default.json).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace moteplass {

struct County {
  std::string number;  // two digits, "03"
  std::string name;
  std::string region;  // region id, "" when none
};

struct Municipality {
  std::string number;  // four digits, "0301"
  std::string name;
  std::string county;  // two digits
};

struct Region {
  std::string id;  // "ost", "vest", ...
  std::string name;
  std::vector<std::string> counties;  // county numbers
};

struct Places {
  std::vector<County> counties;
  std::vector<Municipality> municipalities;
  std::vector<Region> regions;
};

// Parses the municipality CSV (header kommunenummer,kommunenavn,fylkesnummer,fylkesnavn).
// Fails with kInvalid naming the line and column when a row is malformed.
Result<Places> ParsePlacesCsv(std::string_view csv);

// Parses a region mapping: [{"id": "ost", "name": "IMDi Øst", "counties": ["03", ...]}, ...].
// Every county may belong to at most one region; unknown county numbers are an error.
Result<std::vector<Region>> ParseRegions(std::string_view json, const std::vector<County>& counties);

// The places of 2024 with the default regions, from the embedded data.
Places DefaultPlaces();

// Look-ups by number or id; nullptr when there is no such place.
const County* FindCounty(const Places& places, std::string_view number);
const Municipality* FindMunicipality(const Places& places, std::string_view number);
const Region* FindRegion(const Places& places, std::string_view id);

// A municipality as a list of choices names it: its name, and where two municipalities share a
// name (Herøy, Våler) the county beside it, "Herøy (Nordland)".
struct MunicipalityChoice {
  const Municipality* municipality;
  std::string label;
};

// Every municipality by its label in Norwegian order (æ, ø, å last), for the forms' lists.
std::vector<MunicipalityChoice> MunicipalitiesByName(const Places& places);

}  // namespace moteplass
