#include "core/ssb/table.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <tuple>

#include "core/json_text.h"
#include "core/status_macros.h"

namespace moteplass::ssb {
namespace {

using nlohmann::json;

constexpr const char* kSlug = "invalid_ssb_table";
// More cells than any table of municipalities, countries and years SSB serves (its own limit is
// 800,000 per request): a bound on the work a file can ask for.
constexpr std::uint64_t kMaxCells = 5'000'000;

Error Invalid(const std::string& pointer, const std::string& message) {
  return Error::Invalid(pointer + ": " + message, pointer, kSlug);
}

std::string DimPointer(const std::string& id) { return "/dimension/" + EscapePointerToken(id); }

// One dimension as the file gives it: its categories in index order.
struct Dimension {
  std::string id;
  std::vector<std::string> codes;  // by position
  std::map<std::string, std::string> labels;
};

Result<Dimension> ReadDimension(const json& doc, const std::string& id, std::uint64_t size) {
  const std::string at = DimPointer(id);
  const json* dims = doc.contains("dimension") ? &doc["dimension"] : nullptr;
  if (dims == nullptr || !dims->is_object() || !dims->contains(id)) {
    return Invalid(at, "the dimension \"" + id + "\" named in /id is missing");
  }
  const json& d = (*dims)[id];
  if (!d.is_object() || !d.contains("category") || !d["category"].is_object()) {
    return Invalid(at + "/category", "expected an object with the dimension's categories");
  }
  const json& cat = d["category"];
  Dimension out{id, std::vector<std::string>(size), {}};
  if (cat.contains("label")) {
    if (!cat["label"].is_object()) return Invalid(at + "/category/label", "expected an object of code: label");
    for (const auto& [code, label] : cat["label"].items()) {
      if (!label.is_string()) return Invalid(at + "/category/label/" + EscapePointerToken(code), "expected a text");
      out.labels[code] = label.get<std::string>();
    }
  }
  std::vector<bool> filled(size, false);
  auto place = [&](const std::string& code, const json& position, const std::string& where) -> Status {
    if (!position.is_number_unsigned() && !(position.is_number_integer() && position.get<std::int64_t>() >= 0)) {
      return Invalid(where, "expected a position from 0, got " + DescribeJsonValue(position));
    }
    const std::uint64_t i = position.get<std::uint64_t>();
    if (i >= size) {
      return Invalid(where, "position " + std::to_string(i) + " is outside the dimension's size " +
                                std::to_string(size) + " (/size)");
    }
    if (filled[i]) return Invalid(where, "two categories share position " + std::to_string(i));
    filled[i] = true;
    out.codes[i] = code;
    return {};
  };
  if (cat.contains("index")) {
    const json& index = cat["index"];
    if (index.is_array()) {
      std::set<std::string> seen;
      for (std::size_t i = 0; i < index.size(); ++i) {
        const std::string where = at + "/category/index/" + std::to_string(i);
        if (!index[i].is_string()) return Invalid(where, "expected a category code");
        if (!seen.insert(index[i].get<std::string>()).second) return Invalid(where, "the category appears twice");
        RETURN_IF_ERROR(place(index[i].get<std::string>(), json(i), where));
      }
    } else if (index.is_object()) {
      for (const auto& [code, position] : index.items()) {
        RETURN_IF_ERROR(place(code, position, at + "/category/index/" + EscapePointerToken(code)));
      }
    } else {
      return Invalid(at + "/category/index", "expected an object of code: position, or an array of codes");
    }
  } else if (out.labels.size() == 1 && size == 1) {
    // JSON-stat lets a dimension of one category leave out its index.
    RETURN_IF_ERROR(place(out.labels.begin()->first, json(0), at + "/category/label"));
  } else {
    return Invalid(at + "/category/index", "missing: the categories' positions are needed");
  }
  for (std::uint64_t i = 0; i < size; ++i) {
    if (!filled[i]) {
      return Invalid(at + "/category/index",
                     "has no category at position " + std::to_string(i) + " but /size says " + std::to_string(size));
    }
  }
  return out;
}

// The id of the dimension with `role` (JSON-stat's "role": {"geo": [...]}), else `fallback`.
Result<std::string> RoleOr(const json& doc, const char* role, const char* fallback) {
  if (!doc.contains("role")) return std::string(fallback);
  const json& roles = doc["role"];
  if (!roles.is_object()) return Invalid("/role", "expected an object");
  if (!roles.contains(role)) return std::string(fallback);
  const json& ids = roles[role];
  if (!ids.is_array() || ids.size() != 1 || !ids[0].is_string()) {
    return Invalid(std::string("/role/") + role, "expected one dimension id");
  }
  return ids[0].get<std::string>();
}

bool IsTotal(const std::string& code, const std::string& label) {
  static const std::set<std::string> kCodes = {"Alle", "ALLE", "Total", "TOTAL", "I alt"};
  std::string lower;
  for (char c : label) lower += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return kCodes.contains(code) || lower == "i alt" || lower == "alle land" || lower == "total" ||
         lower == "alle landbakgrunner";
}

// The text of a JSON-stat "status" at `position` ("" when none).
std::string StatusAt(const json& doc, std::uint64_t position) {
  if (!doc.contains("status")) return "";
  const json& s = doc["status"];
  if (s.is_string()) return s.get<std::string>();
  if (s.is_array() && position < s.size() && s[position].is_string()) return s[position].get<std::string>();
  if (s.is_object()) {
    auto it = s.find(std::to_string(position));
    if (it != s.end() && it->is_string()) return it->get<std::string>();
  }
  return "";
}

std::string TextOr(const json& doc, const char* key) {
  return doc.contains(key) && doc[key].is_string() ? doc[key].get<std::string>() : "";
}

}  // namespace

Result<Table> ParseTable(const json& doc, const Places& places) {
  if (!doc.is_object()) return Invalid("", "expected a JSON-stat 2.0 dataset (an object)");
  if (TextOr(doc, "class") != "dataset") return Invalid("/class", "expected \"dataset\" (JSON-stat 2.0)");
  if (TextOr(doc, "version") != "2.0") return Invalid("/version", "expected \"2.0\" (JSON-stat 2.0)");
  for (const char* key : {"label", "source", "updated"}) {
    if (doc.contains(key) && !doc[key].is_string()) return Invalid(std::string("/") + key, "expected a text");
  }
  if (!doc.contains("id") || !doc["id"].is_array() || doc["id"].empty()) {
    return Invalid("/id", "expected the list of dimension ids");
  }
  if (!doc.contains("size") || !doc["size"].is_array() || doc["size"].size() != doc["id"].size()) {
    return Invalid("/size", "expected one size per dimension id in /id");
  }
  const json& ids = doc["id"];
  std::vector<Dimension> dims;
  std::uint64_t cells = 1;
  std::set<std::string> seen;
  for (std::size_t i = 0; i < ids.size(); ++i) {
    if (!ids[i].is_string()) return Invalid("/id/" + std::to_string(i), "expected a dimension id");
    if (!seen.insert(ids[i].get<std::string>()).second) return Invalid("/id/" + std::to_string(i), "named twice");
    const json& size = doc["size"][i];
    if (!size.is_number_integer() || size.get<std::int64_t>() < 1) {
      return Invalid("/size/" + std::to_string(i), "expected a whole number of categories, at least 1");
    }
    cells *= size.get<std::uint64_t>();
    if (cells > kMaxCells) return Invalid("/size", "the table has more than 5,000,000 cells");
    ASSIGN_OR_RETURN(Dimension d, ReadDimension(doc, ids[i].get<std::string>(), size.get<std::uint64_t>()));
    dims.push_back(std::move(d));
  }

  ASSIGN_OR_RETURN(std::string region_id, RoleOr(doc, "geo", kRegion));
  ASSIGN_OR_RETURN(std::string time_id, RoleOr(doc, "time", kTime));
  ASSIGN_OR_RETURN(std::string metric_id, RoleOr(doc, "metric", kContents));
  auto find = [&](const std::string& id) -> int {
    for (std::size_t i = 0; i < dims.size(); ++i) {
      if (dims[i].id == id) return static_cast<int>(i);
    }
    return -1;
  };
  const int region = find(region_id), country = find(kCountry), time = find(time_id);
  const int metric = find(metric_id), category = find(kCategory);
  if (region < 0) return Invalid("/id", "no dimension \"" + region_id + "\" (the municipalities)");
  if (country < 0) return Invalid("/id", "no dimension \"Landbakgrunn\" (the country background)");
  if (time < 0) return Invalid("/id", "no dimension \"" + time_id + "\" (the year)");

  // The metric: persons. SSB's 09817 also has shares of the population, which are not kept.
  std::optional<std::size_t> persons_at;
  if (metric >= 0) {
    const Dimension& m = dims[metric];
    const json& cat = doc["dimension"][m.id]["category"];
    for (std::size_t i = 0; i < m.codes.size(); ++i) {
      // SSB's code ("Personer1"), or a unit whose base is persons.
      const json* unit = cat.contains("unit") && cat["unit"].is_object() && cat["unit"].contains(m.codes[i])
                             ? &cat["unit"][m.codes[i]]
                             : nullptr;
      const bool persons_unit = unit != nullptr && unit->is_object() && unit->contains("base") &&
                                ((*unit)["base"] == "personer" || (*unit)["base"] == "persons");
      if (m.codes[i].starts_with("Personer") || persons_unit) {
        if (persons_at) {
          return Invalid(DimPointer(m.id) + "/category/index", "more than one category counts persons");
        }
        persons_at = i;
      }
    }
    if (!persons_at) {
      return Invalid(DimPointer(m.id) + "/category/index", "no category counts persons (a code like \"Personer1\")");
    }
  }
  for (std::size_t i = 0; i < dims[time].codes.size(); ++i) {
    const std::string& y = dims[time].codes[i];
    if (y.size() != 4 || !std::all_of(y.begin(), y.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      return Invalid(DimPointer(dims[time].id) + "/category/index/" + EscapePointerToken(y),
                     "expected a year such as \"2024\"");
    }
  }
  if (category >= 0) {
    for (const std::string& c : dims[category].codes) {
      if (c != kImmigrants && c != kNorwegianBornToImmigrants) {
        return Invalid(DimPointer(kCategory) + "/category/index/" + EscapePointerToken(c),
                       "expected only \"B\" (immigrants) and \"C\" (Norwegian-born to immigrant parents)");
      }
    }
  }
  for (std::size_t i = 0; i < dims.size(); ++i) {
    const int d = static_cast<int>(i);
    if (d == region || d == country || d == time || d == metric || d == category) continue;
    if (dims[i].codes.size() != 1) {
      return Invalid(DimPointer(dims[i].id),
                     "the table is not by municipality, country background and year alone: this dimension has " +
                         std::to_string(dims[i].codes.size()) + " categories (ask SSB for one, such as the total)");
    }
  }

  Table t;
  t.label = TextOr(doc, "label");
  t.source = TextOr(doc, "source");
  t.updated = TextOr(doc, "updated");
  if (doc.contains("extension") && doc["extension"].is_object()) {
    const json& ext = doc["extension"];
    if (ext.contains("px") && ext["px"].is_object()) t.table_id = TextOr(ext["px"], "tableid");
    if (ext.contains("moteplass") && ext["moteplass"].is_object() && ext["moteplass"].contains("sample")) {
      t.sample = ext["moteplass"]["sample"] == true;
    }
  }
  std::string total;
  for (const std::string& code : dims[country].codes) {
    const std::string label = dims[country].labels.contains(code) ? dims[country].labels.at(code) : code;
    const bool is_total = IsTotal(code, label);
    if (is_total) {
      if (!total.empty()) {
        return Invalid(DimPointer(kCountry) + "/category/index/" + EscapePointerToken(code), "a second total category");
      }
      total = code;
    }
    t.countries.push_back({code, label, is_total});
  }
  std::vector<std::string> municipality_of(dims[region].codes.size());
  for (std::size_t i = 0; i < dims[region].codes.size(); ++i) {
    std::string code = dims[region].codes[i];
    if (code.starts_with("K-")) code = code.substr(2);
    if (code.size() == 4 && FindMunicipality(places, code) != nullptr) {
      municipality_of[i] = code;
    } else {
      t.skipped_regions.push_back(dims[region].codes[i]);
    }
  }

  if (!doc.contains("value")) return Invalid("/value", "missing");
  const json& values = doc["value"];
  if (values.is_array() && values.size() != cells) {
    return Invalid("/value", "expected " + std::to_string(cells) + " values (the product of /size), got " +
                                 std::to_string(values.size()));
  }
  if (!values.is_array() && !values.is_object()) return Invalid("/value", "expected an array or an object");
  if (values.is_object()) {
    for (const auto& [key, v] : values.items()) {
      const bool digits = !key.empty() &&
                          std::all_of(key.begin(), key.end(), [](char c) { return c >= '0' && c <= '9'; });
      if (!digits || key.size() > 12 || std::stoull(key) >= cells) {
        return Invalid("/value/" + EscapePointerToken(key), "expected a position below " + std::to_string(cells));
      }
    }
  }

  std::map<std::tuple<std::string, int>, std::pair<std::int64_t, bool>> sums;  // (municipality, year)
  std::vector<std::size_t> at(dims.size(), 0);  // the category of each dimension at this position
  for (std::uint64_t pos = 0; pos < cells; ++pos) {
    if (pos > 0) {
      for (std::size_t d = dims.size(); d-- > 0;) {
        if (++at[d] < dims[d].codes.size()) break;
        at[d] = 0;
      }
    }
    const json* v = nullptr;
    if (values.is_array()) {
      v = &values[pos];
    } else if (auto it = values.find(std::to_string(pos)); it != values.end()) {
      v = &*it;
    }
    auto describe = [&] {
      std::string cell;
      for (std::size_t d = 0; d < dims.size(); ++d) cell += (d ? ", " : "") + dims[d].id + " " + dims[d].codes[at[d]];
      return " (" + cell + ")";
    };
    if (metric >= 0 && at[metric] != *persons_at) {
      // Another measure (a share of the population): not kept, but it must still be a number.
      if (v != nullptr && !v->is_null() && !v->is_number()) {
        return Invalid("/value/" + std::to_string(pos), "expected a number, got " + DescribeJsonValue(*v) + describe());
      }
      continue;
    }
    std::optional<std::int64_t> persons;
    if (v != nullptr && !v->is_null()) {
      const bool whole = v->is_number_integer() || (v->is_number_float() && std::isfinite(v->get<double>()) &&
                                                    std::floor(v->get<double>()) == v->get<double>());
      if (!whole || v->get<double>() < 0 || v->get<double>() > 1e12) {
        return Invalid("/value/" + std::to_string(pos),
                       "expected a number of persons, got " + DescribeJsonValue(*v) + describe());
      }
      persons = v->get<std::int64_t>();
    } else {
      const std::string status = StatusAt(doc, pos);
      (void)status;  // ".." (not available) or ":" (confidential): kept as unknown
    }
    const std::string& m = municipality_of[at[region]];
    if (m.empty()) continue;
    Cell c;
    c.municipality = m;
    c.country = dims[country].codes[at[country]];
    c.category = category < 0                                        ? "both"
                 : dims[category].codes[at[category]] == kImmigrants ? "immigrants"
                                                                     : "norwegian_born";
    c.year = std::stoi(dims[time].codes[at[time]]);
    c.persons = persons;
    if (total.empty() ? true : c.country == total) {
      auto& sum = sums[{c.municipality, c.year}];
      if (persons) sum.first += *persons;
      sum.second = sum.second || persons.has_value();
    }
    t.cells.push_back(std::move(c));
  }
  for (const auto& [key, sum] : sums) {
    if (sum.second) t.population.push_back({std::get<0>(key), std::get<1>(key), sum.first});
  }
  if (t.cells.empty()) return Invalid(DimPointer(dims[region].id), "no region is a municipality of 2024");
  return t;
}

std::map<std::string, std::int64_t> LatestPopulation(const std::vector<Population>& population) {
  std::map<std::string, std::pair<int, std::int64_t>> latest;
  for (const Population& p : population) {
    auto& slot = latest[p.municipality];
    if (p.year >= slot.first) slot = {p.year, p.persons};
  }
  std::map<std::string, std::int64_t> out;
  for (const auto& [m, v] : latest) out[m] = v.second;
  return out;
}

std::string Summary(const Table& t) {
  std::set<std::string> municipalities;
  std::set<int> years;
  for (const Cell& c : t.cells) {
    municipalities.insert(c.municipality);
    years.insert(c.year);
  }
  std::string out = std::to_string(municipalities.size()) + " municipalities, " + std::to_string(t.countries.size()) +
                    " country backgrounds, years";
  for (int y : years) out += " " + std::to_string(y);
  out += ", " + std::to_string(t.cells.size()) + " figures";
  if (!t.skipped_regions.empty()) {
    out += "; " + std::to_string(t.skipped_regions.size()) +
           " regions left out (no municipality of 2024: the country, counties, former municipalities)";
  }
  if (t.sample) out += "; a SAMPLE table, not SSB's file";
  return out;
}

}  // namespace moteplass::ssb
