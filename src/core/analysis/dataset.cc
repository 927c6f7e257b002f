#include "core/analysis/dataset.h"

#include <cmath>
#include <sstream>

#include "core/csv.h"

namespace moteplass::analysis {
namespace {

using nlohmann::json;

std::size_t CellCount(const std::vector<Dimension>& dims) {
  std::size_t n = 1;
  for (const Dimension& d : dims) n *= d.categories.size();
  return n;
}

// A value as JSON: whole numbers as integers, shares rounded to four decimals.
json ValueJson(const std::optional<double>& v) {
  if (!v) return nullptr;
  if (std::floor(*v) == *v && std::fabs(*v) < 1e15) return static_cast<long long>(*v);
  return std::round(*v * 10000.0) / 10000.0;
}

// The category index of every dimension of cell `i`.
std::vector<std::size_t> Coordinates(const Dataset& d, std::size_t i) {
  std::vector<std::size_t> at(d.dimensions.size());
  for (std::size_t k = d.dimensions.size(); k-- > 0;) {
    const std::size_t n = d.dimensions[k].categories.size();
    at[k] = i % n;
    i /= n;
  }
  return at;
}

void Hide(Dataset& d, std::size_t i) {
  d.suppressed[i] = true;
  d.values[i] = std::nullopt;
}

}  // namespace

Dataset Dataset::Make(std::string name, std::vector<Dimension> dims) {
  Dataset d;
  d.name = std::move(name);
  d.dimensions = std::move(dims);
  const std::size_t n = CellCount(d.dimensions);
  d.values.assign(n, 0.0);
  d.contributors.assign(n, 0);
  d.suppressed.assign(n, false);
  return d;
}

std::size_t Dataset::Cell(const std::vector<std::size_t>& at) const {
  std::size_t i = 0;
  for (std::size_t k = 0; k < dimensions.size(); ++k) i = i * dimensions[k].categories.size() + at[k];
  return i;
}

std::size_t Dataset::CategoryIndex(std::size_t dim, const std::string& id) const {
  const auto& cats = dimensions[dim].categories;
  for (std::size_t i = 0; i < cats.size(); ++i) {
    if (cats[i].id == id) return i;
  }
  return std::string::npos;
}

void Dataset::Add(const std::vector<std::string>& ids, double value, int people) {
  std::vector<std::size_t> at;
  for (std::size_t k = 0; k < ids.size() && k < dimensions.size(); ++k) {
    const std::size_t c = CategoryIndex(k, ids[k]);
    if (c == std::string::npos) return;
    at.push_back(c);
  }
  if (at.size() != dimensions.size()) return;
  const std::size_t i = Cell(at);
  values[i] = values[i].value_or(0) + value;
  if (contributors[i] != kOrganisations) contributors[i] += people;
}

void Dataset::AddNote(const std::string& key) {
  for (const std::string& n : notes) {
    if (n == key) return;
  }
  notes.push_back(key);
}

bool Dataset::AnySuppressed() const {
  for (bool s : suppressed) {
    if (s) return true;
  }
  return false;
}

void Suppress(Dataset& d, bool rows) {
  for (std::size_t i = 0; i < d.values.size(); ++i) {
    if (d.contributors[i] != kOrganisations && d.contributors[i] > 0 && d.contributors[i] < kThreshold) Hide(d, i);
  }
  if (!rows || d.dimensions.empty()) return;
  const std::size_t width = d.dimensions.back().categories.size();
  for (std::size_t row = 0; row + width <= d.values.size(); row += width) {
    int hidden = 0;
    for (std::size_t j = row; j < row + width; ++j) hidden += d.suppressed[j] ? 1 : 0;
    if (hidden != 1) continue;
    std::size_t pick = std::string::npos;
    for (std::size_t j = row; j < row + width; ++j) {
      if (d.suppressed[j] || d.contributors[j] == kOrganisations || !d.values[j] || *d.values[j] == 0) continue;
      if (pick == std::string::npos || *d.values[j] < *d.values[pick]) pick = j;
    }
    if (pick != std::string::npos) {
      Hide(d, pick);
    } else {
      for (std::size_t j = row; j < row + width; ++j) {
        if (d.contributors[j] != kOrganisations) Hide(d, j);
      }
    }
  }
}

void SuppressLike(Dataset& d, const Dataset& part) {
  if (part.suppressed.size() != d.suppressed.size()) return;
  for (std::size_t i = 0; i < d.suppressed.size(); ++i) {
    if (part.suppressed[i]) Hide(d, i);
  }
}

std::string CategoryLabel(const Dimension& dim, const Category& c, Lang lang) {
  if (!c.label.empty()) return c.label;
  std::string key = "analysis." + dim.id + "." + c.id;
  // A key ending in "_one" is the catalogue's singular form of another key (messages.h).
  if (key.ends_with("_one")) key += ".label";
  return Msg(key, lang);
}

json ToJsonStat(const Dataset& d, Lang lang) {
  json out = json::object();
  out["version"] = "2.0";
  out["class"] = "dataset";
  out["label"] = Msg("analysis.title." + d.name, lang);
  out["source"] = Msg("analysis.source", lang);
  json ids = json::array(), size = json::array(), dims = json::object();
  for (const Dimension& dim : d.dimensions) {
    ids.push_back(dim.id);
    size.push_back(dim.categories.size());
    json index = json::object(), labels = json::object();
    for (std::size_t i = 0; i < dim.categories.size(); ++i) {
      index[dim.categories[i].id] = i;
      labels[dim.categories[i].id] = CategoryLabel(dim, dim.categories[i], lang);
    }
    dims[dim.id] = {{"label", Msg("analysis.dim." + dim.id, lang)},
                    {"category", {{"index", index}, {"label", labels}}}};
  }
  out["id"] = ids;
  out["size"] = size;
  out["dimension"] = dims;
  json values = json::array(), status = json::object();
  for (std::size_t i = 0; i < d.values.size(); ++i) {
    values.push_back(ValueJson(d.values[i]));
    if (d.suppressed[i]) status[std::to_string(i)] = ":";
  }
  out["value"] = values;
  if (!status.empty()) out["status"] = status;
  json notes = json::array();
  const bool suppressed = d.AnySuppressed();
  if (suppressed) notes.push_back(Msg("analysis.note.suppressed", lang, {{"n", std::to_string(kThreshold)}}));
  for (const std::string& key : d.notes) notes.push_back(Msg(key, lang));
  if (!notes.empty()) out["note"] = notes;
  out["extension"] = {
      {"analysis", d.name}, {"suppressed", suppressed}, {"threshold", kThreshold}, {"filters", d.filters}};
  return out;
}

std::string ToCsv(const Dataset& d, Lang lang) {
  std::ostringstream out;
  for (const Dimension& dim : d.dimensions) out << dim.id << ',' << dim.id << "_label,";
  out << "value,status\r\n";
  for (std::size_t i = 0; i < d.values.size(); ++i) {
    const auto at = Coordinates(d, i);
    for (std::size_t k = 0; k < at.size(); ++k) {
      const Category& c = d.dimensions[k].categories[at[k]];
      out << CsvField(c.id) << ',' << CsvField(CategoryLabel(d.dimensions[k], c, lang)) << ',';
    }
    out << (d.values[i] ? ValueJson(d.values[i]).dump() : "") << ',' << (d.suppressed[i] ? ":" : "") << "\r\n";
  }
  return out.str();
}

std::string ToText(const Dataset& d, Lang lang) {
  std::ostringstream out;
  out << Msg("analysis.title." + d.name, lang) << "\n";
  for (std::size_t i = 0; i < d.values.size(); ++i) {
    const auto at = Coordinates(d, i);
    std::string line;
    for (std::size_t k = 0; k < at.size(); ++k) {
      if (k) line += " / ";
      line += CategoryLabel(d.dimensions[k], d.dimensions[k].categories[at[k]], lang);
    }
    // ":" for a hidden cell, as in JSON-stat's status; "–" for an empty one (no seats, no figure).
    out << "  " << line << ": "
        << (d.suppressed[i] ? std::string(":")
            : d.values[i]   ? ValueJson(d.values[i]).dump()
                            : std::string("\u2013"))
        << "\n";
  }
  if (d.AnySuppressed()) out << Msg("analysis.note.suppressed", lang, {{"n", std::to_string(kThreshold)}}) << "\n";
  for (const std::string& key : d.notes) out << Msg(key, lang) << "\n";
  return out.str();
}

}  // namespace moteplass::analysis
