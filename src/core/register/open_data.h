// The register's public records as open data: one documented table (the data dictionary), the
// same for the CSV and XLSX downloads, the API's ?format=csv and the machine-readable Data
// Package. Unknown values are null (an empty CSV field, an empty cell). Contact details are not
// in the table: they are on each meeting place's page, and a bulk download of e-mail addresses
// serves those who send spam more than those who study the register. Licence: NLOD 2.0.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/messages.h"
#include "core/places/places.h"
#include "core/register/meeting_place.h"

namespace moteplass::open_data {

// Raised when a column is added, removed, renamed or changes its meaning.
inline constexpr std::string_view kSchemaVersion = "1.1";  // 1.1: the texts in each language
inline constexpr std::string_view kLicenceName = "NLOD-2.0";
inline constexpr std::string_view kLicenceUrl = "https://data.norge.no/nlod/no/2.0";

// A column: its name, its Table Schema type ("string", "integer", "boolean", "date",
// "datetime") and format ("uri", or ""). Its title and meaning are the catalogue entries
// "data.col.<name>" (its title) and "data.meaning.<name>" in nb, nn and en.
struct Column {
  std::string_view name;
  std::string_view type;
  std::string_view format;
};
std::span<const Column> Columns();

using Cell = std::optional<std::string>;  // nullopt: unknown (null)

// A meeting place's row, one cell per column; `public_url` makes the page's address absolute.
std::vector<Cell> Row(const MeetingPlace& place, const Places& places, std::string_view public_url);

// RFC 4180 CSV: a header of column names, then the rows; CRLF line ends, fields quoted when they
// hold a comma, a quote or a line end; null is an empty field. UTF-8 without a byte-order mark.
std::string Csv(const std::vector<std::vector<Cell>>& rows);

// The same rows as JSON: {"schema_version", "licence": {"name", "url"}, "fields": [column names],
// "data": [one object per row, column name to value]}, each value typed by its column (integer
// and number as JSON numbers, boolean as true or false, the rest as strings) and null when
// unknown. `moteplass export --format json` writes it.
nlohmann::json Json(const std::vector<std::vector<Cell>>& rows);

// The Frictionless Data Package (https://specs.frictionlessdata.io/) describing the table: the
// licence, the schema version, each field with its type and its title and meaning in `lang`
// (and in all three under "titles" and "descriptions"), and the CSV and XLSX resources.
nlohmann::json DataPackage(Lang lang, std::string_view public_url);

}  // namespace moteplass::open_data
