#include "core/places/places.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "core/norwegian.h"
#include "core/resources.h"

namespace moteplass {
namespace {

constexpr std::string_view kCsvHeader = "kommunenummer,kommunenavn,fylkesnummer,fylkesnavn";

bool AllDigits(std::string_view s, std::size_t length) {
  return s.size() == length &&
         std::all_of(s.begin(), s.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
}

Error CsvError(int line, int column, const std::string& what) {
  // The message names the place the way an editor shows it, so a person can go there; the index
  // carries the line for callers that point at it themselves.
  Error error = Error::Invalid("line " + std::to_string(line) + ", column " + std::to_string(column) + ": " + what, "");
  error.index = line;
  return error;
}

// Splits one CSV line on commas. The reference file has no quoted fields; a quote is refused
// rather than half-understood.
std::vector<std::string> SplitFields(std::string_view line) {
  std::vector<std::string> fields;
  std::size_t start = 0;
  while (true) {
    std::size_t comma = line.find(',', start);
    if (comma == std::string_view::npos) {
      fields.emplace_back(line.substr(start));
      return fields;
    }
    fields.emplace_back(line.substr(start, comma - start));
    start = comma + 1;
  }
}

}  // namespace

Result<Places> ParsePlacesCsv(std::string_view csv) {
  // A byte-order mark from a spreadsheet export is not part of the header.
  if (csv.substr(0, 3) == "\xEF\xBB\xBF") csv.remove_prefix(3);
  Places places;
  std::map<std::string, std::size_t> county_index;
  std::set<std::string> municipality_numbers;
  int line_number = 0;
  bool header_seen = false;
  std::size_t pos = 0;
  while (pos < csv.size()) {
    std::size_t end = csv.find('\n', pos);
    if (end == std::string_view::npos) end = csv.size();
    std::string_view line = csv.substr(pos, end - pos);
    pos = end + 1;
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) continue;
    if (!header_seen) {
      if (line != kCsvHeader) {
        return CsvError(line_number, 1, "expected the header " + std::string(kCsvHeader));
      }
      header_seen = true;
      continue;
    }
    if (auto quote = line.find('"'); quote != std::string_view::npos) {
      return CsvError(line_number, static_cast<int>(quote) + 1, "quoted fields are not supported");
    }
    std::vector<std::string> fields = SplitFields(line);
    if (fields.size() != 4) {
      return CsvError(line_number, 1, "expected 4 fields, found " + std::to_string(fields.size()));
    }
    // Column numbers are 1-based positions of the field's first character.
    int columns[4];
    columns[0] = 1;
    for (int i = 1; i < 4; ++i) columns[i] = columns[i - 1] + static_cast<int>(fields[i - 1].size()) + 1;
    const std::string& number = fields[0];
    const std::string& name = fields[1];
    const std::string& county = fields[2];
    const std::string& county_name = fields[3];
    if (!AllDigits(number, 4)) return CsvError(line_number, columns[0], "municipality number must be 4 digits");
    if (name.empty()) return CsvError(line_number, columns[1], "municipality name is empty");
    if (!AllDigits(county, 2)) return CsvError(line_number, columns[2], "county number must be 2 digits");
    if (county_name.empty()) return CsvError(line_number, columns[3], "county name is empty");
    if (number.compare(0, 2, county) != 0) {
      return CsvError(line_number, columns[2], "municipality " + number + " does not lie in county " + county);
    }
    if (!municipality_numbers.insert(number).second) {
      return CsvError(line_number, columns[0], "municipality " + number + " appears twice");
    }
    auto [it, inserted] = county_index.try_emplace(county, places.counties.size());
    if (inserted) {
      places.counties.push_back(County{county, county_name, ""});
    } else if (places.counties[it->second].name != county_name) {
      return CsvError(line_number, columns[3],
                      "county " + county + " is named " + places.counties[it->second].name + " earlier");
    }
    places.municipalities.push_back(Municipality{number, name, county});
  }
  if (!header_seen) return CsvError(1, 1, "the file is empty");
  std::sort(places.counties.begin(), places.counties.end(),
            [](const County& a, const County& b) { return a.number < b.number; });
  std::sort(places.municipalities.begin(), places.municipalities.end(),
            [](const Municipality& a, const Municipality& b) { return a.number < b.number; });
  return places;
}

Result<std::vector<Region>> ParseRegions(std::string_view text, const std::vector<County>& counties) {
  nlohmann::json doc = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) return Error::Invalid("the region mapping is not valid JSON", "", "invalid_json");
  if (!doc.is_array()) return Error::Invalid("the region mapping must be an array of regions", "");
  std::set<std::string> known;
  for (const County& c : counties) known.insert(c.number);
  std::set<std::string> ids;
  std::map<std::string, std::string> county_region;
  std::vector<Region> regions;
  for (std::size_t i = 0; i < doc.size(); ++i) {
    const nlohmann::json& item = doc[i];
    const std::string at = "/" + std::to_string(i);
    if (!item.is_object()) return Error::Invalid("a region must be an object", at);
    for (const auto& [key, value] : item.items()) {
      if (key != "id" && key != "name" && key != "counties") {
        return Error::Invalid("unknown field " + key, at + "/" + key);
      }
    }
    Region region;
    if (!item.contains("id") || !item["id"].is_string() || item["id"].get<std::string>().empty()) {
      return Error::Invalid("a region needs a non-empty string id", at + "/id");
    }
    region.id = item["id"].get<std::string>();
    if (!std::all_of(region.id.begin(), region.id.end(),
                     [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; })) {
      return Error::Invalid("a region id uses only a-z, 0-9 and -", at + "/id");
    }
    if (!ids.insert(region.id).second) return Error::Invalid("region id " + region.id + " appears twice", at + "/id");
    if (!item.contains("name") || !item["name"].is_string() || item["name"].get<std::string>().empty()) {
      return Error::Invalid("a region needs a non-empty name", at + "/name");
    }
    region.name = item["name"].get<std::string>();
    if (!item.contains("counties") || !item["counties"].is_array()) {
      return Error::Invalid("a region needs an array of county numbers", at + "/counties");
    }
    const nlohmann::json& list = item["counties"];
    for (std::size_t j = 0; j < list.size(); ++j) {
      const std::string cat = at + "/counties/" + std::to_string(j);
      if (!list[j].is_string()) return Error::Invalid("a county number is a string such as \"03\"", cat);
      std::string number = list[j].get<std::string>();
      if (!known.count(number)) return Error::Invalid("no county has the number " + number, cat);
      auto [it, inserted] = county_region.try_emplace(number, region.id);
      if (!inserted) {
        return Error::Invalid("county " + number + " is already in region " + it->second, cat);
      }
      region.counties.push_back(number);
    }
    regions.push_back(std::move(region));
  }
  return regions;
}

Places DefaultPlaces() {
  // Parsed once; a function-local static is initialised thread-safely.
  static const Places places = [] {
    // The embedded files are part of the build; if they do not parse, the build is broken, which
    // the unit tests catch.
    Result<Places> parsed = ParsePlacesCsv(resources::Get("data/kommuner-2024.csv"));
    if (!parsed.ok()) std::abort();
    Places places = std::move(parsed).value();
    Result<std::vector<Region>> regions = ParseRegions(resources::Get("data/regions-default.json"), places.counties);
    if (!regions.ok()) std::abort();
    places.regions = std::move(regions).value();
    for (const Region& region : places.regions) {
      for (const std::string& number : region.counties) {
        for (County& county : places.counties) {
          if (county.number == number) county.region = region.id;
        }
      }
    }
    return places;
  }();
  return places;
}

const County* FindCounty(const Places& places, std::string_view number) {
  for (const auto& c : places.counties) {
    if (c.number == number) return &c;
  }
  return nullptr;
}

const Municipality* FindMunicipality(const Places& places, std::string_view number) {
  for (const auto& m : places.municipalities) {
    if (m.number == number) return &m;
  }
  return nullptr;
}

const Region* FindRegion(const Places& places, std::string_view id) {
  for (const auto& r : places.regions) {
    if (r.id == id) return &r;
  }
  return nullptr;
}

std::vector<MunicipalityChoice> MunicipalitiesByName(const Places& places) {
  std::map<std::string, int> uses;
  for (const auto& m : places.municipalities) ++uses[m.name];
  std::vector<std::pair<std::string, MunicipalityChoice>> keyed;
  for (const auto& m : places.municipalities) {
    std::string label = m.name;
    if (uses[m.name] > 1) {
      const County* county = FindCounty(places, m.county);
      label += " (" + (county != nullptr ? county->name : m.county) + ")";
    }
    keyed.push_back({NorwegianSortKey(label), {&m, label}});
  }
  std::stable_sort(keyed.begin(), keyed.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<MunicipalityChoice> out;
  out.reserve(keyed.size());
  for (auto& [key, choice] : keyed) out.push_back(std::move(choice));
  return out;
}

}  // namespace moteplass
