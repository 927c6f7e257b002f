#include "core/analysis/by_place.h"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <set>

namespace moteplass::analysis {
namespace {

using nlohmann::json;

bool InForce(const Member& m, const Span& s) {
  return !m.starts.empty() && m.starts <= s.end && (m.ends.empty() || m.ends >= s.start);
}

bool InYears(const std::string& date, const Span& s) {
  if (date.size() < 4) return !s.from && !s.to;
  const int y = std::atoi(date.substr(0, 4).c_str());
  return (!s.from || y >= *s.from) && (!s.to || y <= *s.to);
}

Dimension Places(const std::vector<const Unit*>& units) {
  Dimension d{"meeting_place", {}};
  for (const Unit* u : units)
    d.categories.push_back({std::to_string(u->id), u->name.empty() ? "#" + std::to_string(u->id) : u->name});
  return d;
}

Dimension Measures(std::vector<std::string> ids) {
  Dimension d{"measure", {}};
  for (std::string& id : ids) d.categories.push_back({std::move(id), ""});
  return d;
}

void Set(Dataset& d, std::size_t place, std::size_t measure, std::optional<double> value, int contributors) {
  const std::size_t i = d.Cell({place, measure});
  d.values[i] = value;
  d.contributors[i] = contributors;
}

}  // namespace

Dataset OriginSpread(const std::vector<const Unit*>& units, const Span& span) {
  Dataset d = Dataset::Make(
      "origin_spread", {Places(units), Measures({"countries_among_members", "top_countries_in_municipality_covered"})});
  bool table = false;
  for (std::size_t k = 0; k < units.size(); ++k) {
    const Unit& u = *units[k];
    table = table || u.ssb_table;
    std::map<std::int64_t, std::string> country_of;
    for (const Member& m : u.members) {
      if (!m.country.empty() && InForce(m, span)) country_of[m.person] = m.country;
    }
    std::set<std::string> countries;
    for (const auto& [person, country] : country_of) countries.insert(country);
    const int people = static_cast<int>(country_of.size());
    if (people == 0) {
      Set(d, k, 0, std::nullopt, 0);
      Set(d, k, 1, std::nullopt, 0);
      continue;
    }
    Set(d, k, 0, static_cast<double>(countries.size()), people);
    if (u.top_countries.empty()) {
      Set(d, k, 1, std::nullopt, people);
      continue;
    }
    int covered = 0;
    for (const std::string& c : u.top_countries) covered += countries.count(c) ? 1 : 0;
    Set(d, k, 1, covered, people);
  }
  d.AddNote("analysis.note.origin_spread");
  if (!table) d.AddNote("analysis.note.no_ssb_table");
  return d;
}

Dataset PerceivedVsReal(const std::vector<const Unit*>& units, const Span& span) {
  struct Row {
    const Unit* unit;
    std::optional<double> perceived;
    int informants = 0;
    std::optional<double> real;
    int cases = 0;
  };
  std::vector<Row> rows;
  for (const Unit* u : units) {
    Row r{u, std::nullopt, 0, std::nullopt, 0};
    std::map<std::int64_t, std::pair<double, int>> by_informant;
    for (const Opinion& o : u->opinions) {
      if (!InYears(o.date, span)) continue;
      auto& [sum, n] = by_informant[o.informant];
      sum += o.score;
      ++n;
    }
    if (!by_informant.empty()) {
      double sum = 0;
      for (const auto& [informant, score] : by_informant) sum += score.first / score.second;
      r.informants = static_cast<int>(by_informant.size());
      r.perceived = sum / r.informants;
    }
    int followed = 0;
    for (const Case& c : u->cases) {
      if (!c.decided || !InYears(c.received, span)) continue;
      const std::string& outcome = c.outcome;
      if (outcome != "followed" && outcome != "partly_followed" && outcome != "not_followed") continue;
      ++r.cases;
      followed += outcome == "followed" ? 1 : 0;
    }
    if (r.cases > 0) r.real = static_cast<double>(followed) / r.cases;
    if (r.perceived || r.real) rows.push_back(r);
  }
  std::vector<const Unit*> shown;
  for (const Row& r : rows) shown.push_back(r.unit);
  Dataset d = Dataset::Make("perceived_vs_real", {Places(shown), Measures({"perceived", "real"})});
  for (std::size_t k = 0; k < rows.size(); ++k) {
    Set(d, k, 0, rows[k].perceived, rows[k].informants);
    Set(d, k, 1, rows[k].real, rows[k].cases);
  }
  d.AddNote("analysis.note.perceived_vs_real");
  return d;
}

}  // namespace moteplass::analysis
