// Fuzzes Statistics Norway's table as `moteplass ssb import FILE.json` reads it (app/ssb/import.cc):
// the JSON text parser, then the strict JSON-stat 2.0 reader (core/ssb/table.h) against the
// municipalities of 2024, and for a table it accepts, what is kept of it (the latest population
// per municipality, the summary the command line prints). Input: the file.
//
// Besides crashes, leaks and undefined behaviour, a finding is an answer the command line would
// not give: a refusal other than kInvalid with a pointer into the file, or an accepted table
// holding a municipality that does not exist or a negative count.
#include <stdlib.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/json_text.h"
#include "core/places/places.h"
#include "core/ssb/table.h"

using namespace moteplass;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const Places places = DefaultPlaces();
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto doc = ParseJsonText(text, "the SSB table");
  if (!doc.ok()) {
    if (doc.error().code != ErrorCode::kInvalid) abort();
    return 0;
  }
  auto table = ssb::ParseTable(*doc, places);
  if (!table.ok()) {
    // Refused as the command line refuses it: invalid, naming where in the file (a JSON pointer).
    if (table.error().code != ErrorCode::kInvalid) abort();
    const std::string& pointer = table.error().pointer;
    if (!pointer.empty() && pointer.front() != '/') abort();
    return 0;
  }
  for (const ssb::Cell& cell : table->cells) {
    if (FindMunicipality(places, cell.municipality) == nullptr) abort();
    if (cell.persons && *cell.persons < 0) abort();
  }
  for (const ssb::Population& p : table->population) {
    if (FindMunicipality(places, p.municipality) == nullptr || p.persons < 0) abort();
  }
  for (const auto& [municipality, persons] : ssb::LatestPopulation(table->population)) {
    if (persons < 0 || FindMunicipality(places, municipality) == nullptr) abort();
  }
  (void)ssb::Summary(*table);
  return 0;
}
