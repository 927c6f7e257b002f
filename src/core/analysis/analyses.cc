#include "core/analysis/analyses.h"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <set>
#include <tuple>

#include "core/analysis/by_place.h"
#include "core/analysis/traits.h"
#include "core/operations/influence.h"
#include "core/operations/records.h"
#include "core/status_macros.h"

namespace moteplass::analysis {
namespace {

using nlohmann::json;

const std::vector<std::string> kKinds = {"council",      "contact_committee",   "dialogue",
                                         "police_forum", "international_house", "theme_meeting",
                                         "womens_group", "faith_community",     "not_a_meeting_place"};
const std::vector<std::string> kInitiatives = {"authority", "police", "immigrant_population", "organisation",
                                               "unknown"};
const std::vector<std::string> kFunctions = {"hearing_body", "advisory_body", "delegated_authority", "none"};
const std::vector<std::string> kBalance = {"at_least_40", "under_40", "unknown"};
const std::vector<std::string> kYouth = {"has_members_under_18", "none"};
const std::vector<std::string> kFiery = {"people_in_2_or_more", "places_with_long_chair", "places_depending_on_one"};

// The period the filter asks about.
struct Period {
  std::string start;  // "YYYY-MM-DD"
  std::string end;
  // The years of the cases counted (influence): all when unset.
  std::optional<int> from;
  std::optional<int> to;
};

std::string Year(int y) { return std::to_string(y); }

Period PeriodOf(const Filter& f) {
  Period p;
  p.from = f.from;
  p.to = f.to;
  p.end = f.today;
  if (f.to && Year(*f.to) + "-12-31" < p.end) p.end = Year(*f.to) + "-12-31";
  p.start = f.from ? Year(*f.from) + "-01-01" : p.end;
  return p;
}

int YearOf(const std::string& date) {
  if (date.size() < 4) return 0;
  int y = 0;
  for (int i = 0; i < 4; ++i) {
    if (date[i] < '0' || date[i] > '9') return 0;
    y = y * 10 + (date[i] - '0');
  }
  return y;
}

bool ExistedIn(const Unit& u, const Period& p) {
  if (u.established && *u.established > YearOf(p.end)) return false;
  return u.ceased.empty() || u.ceased >= p.start;
}

bool InForce(const Member& m, const Period& p) {
  return !m.starts.empty() && m.starts <= p.end && (m.ends.empty() || m.ends >= p.start);
}
bool InForceAt(const Member& m, const std::string& day) {
  return !m.starts.empty() && m.starts <= day && (m.ends.empty() || m.ends >= day);
}

Dimension Dim(std::string id, const std::vector<std::string>& ids) {
  Dimension d{std::move(id), {}};
  for (const std::string& c : ids) d.categories.push_back({c, ""});
  return d;
}

std::string Str(const json& j, const char* key, const std::string& fallback) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : fallback;
}

std::optional<int> Int(const json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_number_integer()) return std::nullopt;
  return it->get<int>();
}

int SeatTotal(const json& profile) {
  int total = 0;
  auto seats = profile.find("seats");
  if (seats == profile.end() || !seats->is_object()) return 0;
  for (const auto& [k, v] : seats->items()) total += v.is_number_integer() ? v.get<int>() : 0;
  return total;
}

// Whether a group of people meets the gender rule for municipal bodies (contracts/operations.md):
// four or more, at least 40 % of each gender; two or three, both genders. "unknown" when a
// gender is not known or fewer than two sit.
std::string Balance(int women, int men, int n, bool unknown) {
  if (unknown || n < 2) return "unknown";
  if (n >= 4) return women * 10 >= n * 4 && men * 10 >= n * 4 ? "at_least_40" : "under_40";
  return women >= 1 && men >= 1 ? "at_least_40" : "under_40";
}

// The members in force in the period, one per person and group (deputies apart), observers left out.
struct Group {
  std::set<std::int64_t> people;
  int women = 0, men = 0;
  bool unknown = false;
};

void GenderBalance(Dataset& d, const Unit& u, const Period& p) {
  if (u.members.empty()) {
    const auto women = Int(u.profile.value("people", json::object()), "women");
    const int n = SeatTotal(u.profile);
    d.AddNote("analysis.note.profile_people");
    d.Add({u.kind, women ? Balance(*women, n - *women, n, false) : "unknown"}, 1, n);
    return;
  }
  Group main, deputies;
  for (const Member& m : u.members) {
    if (m.role == "observer" || !InForce(m, p)) continue;
    Group& g = m.role == "deputy_member" ? deputies : main;
    if (!g.people.insert(m.person).second) continue;
    if (m.gender == "woman")
      ++g.women;
    else if (m.gender == "man")
      ++g.men;
    else if (m.gender != "other")
      g.unknown = true;
  }
  std::string verdict = Balance(main.women, main.men, static_cast<int>(main.people.size()), main.unknown);
  if (verdict == "at_least_40" && !deputies.people.empty()) {
    verdict = Balance(deputies.women, deputies.men, static_cast<int>(deputies.people.size()), deputies.unknown);
  }
  std::set<std::int64_t> all = main.people;
  all.insert(deputies.people.begin(), deputies.people.end());
  d.Add({u.kind, verdict}, 1, static_cast<int>(all.size()));
}

void Youth(Dataset& d, const Unit& u, const Period& p) {
  if (u.members.empty()) {
    const auto youth = Int(u.profile.value("people", json::object()), "youth");
    d.AddNote("analysis.note.profile_people");
    if (!youth) {
      d.AddNote("analysis.note.youth_unknown");
      return;
    }
    d.Add({u.kind, *youth > 0 ? "has_members_under_18" : "none"}, 1, *youth > 0 ? *youth : SeatTotal(u.profile));
    return;
  }
  std::set<std::int64_t> people, young;
  for (const Member& m : u.members) {
    if (!InForce(m, p)) continue;
    people.insert(m.person);
    if (m.birth_year && YearOf(p.end) - *m.birth_year < 18) young.insert(m.person);
  }
  if (people.empty()) return;
  if (young.empty())
    d.Add({u.kind, "none"}, 1, static_cast<int>(people.size()));
  else
    d.Add({u.kind, "has_members_under_18"}, 1, static_cast<int>(young.size()));
}

void FierySouls(Dataset& d, const std::vector<const Unit*>& units, const Period& p) {
  std::map<std::int64_t, std::set<std::int64_t>> places_of;
  for (const Unit* u : units) {
    std::map<std::int64_t, std::set<std::string>> roles;  // person -> roles held at the end
    std::map<std::int64_t, std::string> chair_since;      // chair at the end -> first chair start
    for (const Member& m : u->members) {
      if (!InForce(m, p)) continue;
      if (m.role != "observer") places_of[m.person].insert(u->id);
      if (InForceAt(m, p.end) && m.role != "observer") roles[m.person].insert(m.role);
    }
    for (const Member& m : u->members) {
      if (m.role != "chair" || !roles.count(m.person) || !roles[m.person].count("chair")) continue;
      auto [it, fresh] = chair_since.emplace(m.person, m.starts);
      if (!fresh && m.starts < it->second) it->second = m.starts;
    }
    for (const auto& [person, since] : chair_since) {
      if (ops::WholeMonths(since, p.end) >= 96) {
        d.Add({"places_with_long_chair"}, 1, 1);
        break;
      }
    }
    bool one = roles.size() == 1;
    for (const auto& [person, held] : roles) {
      int leading = 0;
      for (const char* r : {"chair", "deputy_chair", "secretary"}) leading += held.count(r) ? 1 : 0;
      if (leading >= 2) one = true;
    }
    if (one) d.Add({"places_depending_on_one"}, 1, 1);
  }
  for (const auto& [person, places] : places_of) {
    if (places.size() >= 2) d.Add({"people_in_2_or_more"}, 1, 1);
  }
  d.AddNote("analysis.note.fiery_souls");
}

// The unit's cases by year, decision and outcome: kept in it, or counted now into `counted`.
const std::vector<CaseCount>& CaseCountsOf(const Unit& u, std::vector<CaseCount>& counted) {
  if (!u.case_counts.empty() || u.cases.empty()) return u.case_counts;
  counted = CountCases(u.cases);
  return counted;
}

// Counts straight into the cells from the cases counted by year and outcome: the public answer
// runs this for every region, county and year of the filter (PublicOf).
void Influence(Dataset& d, const Unit& u, const Period& p) {
  const std::size_t k = d.CategoryIndex(0, u.kind);
  if (k == std::string::npos) return;
  const std::vector<Category>& outcomes = d.dimensions[1].categories;
  static const std::string kUnknown = "unknown";
  std::vector<CaseCount> counted;
  for (const CaseCount& c : CaseCountsOf(u, counted)) {
    if (!c.decided || (p.from && c.year < *p.from) || (p.to && c.year > *p.to)) continue;
    const std::string& o = c.outcome.empty() ? kUnknown : c.outcome;
    for (std::size_t j = 0; j < outcomes.size(); ++j) {
      if (outcomes[j].id != o) continue;
      const std::size_t i = k * outcomes.size() + j;
      d.values[i] = d.values[i].value_or(0) + c.count;
      d.contributors[i] += c.count;
      break;
    }
  }
}

std::vector<std::string> Periods(const std::vector<const Unit*>& units, const std::string& today) {
  int last = YearOf(today);
  for (const Unit* u : units) last = std::max(last, u->established.value_or(0));
  std::vector<std::string> ids = {"before_2000"};
  for (int y = 2000; y <= last; y += 5) ids.push_back(Year(y) + "_" + Year(y + 4));
  ids.push_back("unknown");
  return ids;
}

std::string PeriodCategory(std::optional<int> year) {
  if (!year) return "unknown";
  if (*year < 2000) return "before_2000";
  const int start = 2000 + (*year - 2000) / 5 * 5;
  return Year(start) + "_" + Year(start + 4);
}

// Analyses by meeting place: a cell is one meeting place's, the same in every answer that shows
// it, and its measures do not add up.
bool ByPlace(std::string_view name) { return name == "origin_spread" || name == "perceived_vs_real"; }

// Analyses whose cells count meeting places by what their people are (contributors: the people).
bool CountsPlacesByPeople(std::string_view name) {
  return name == "gender_balance" || name == "youth" || name == "composition";
}

bool RowsAddUp(std::string_view name) { return name != "fiery_souls" && !ByPlace(name); }

// The analysis over units already chosen by place (the period still chooses).
Dataset Compute(std::string_view name, const std::vector<const Unit*>& chosen, const Filter& f,
                const std::vector<RegionName>& regions) {
  const Period p = PeriodOf(f);
  std::vector<const Unit*> units;
  for (const Unit* u : chosen) {
    if (ExistedIn(*u, p)) units.push_back(u);
  }
  Dimension kind = Dim("kind", kKinds);
  Dataset d;
  if (name == "kinds") {
    Dimension region{"region", {}};
    for (const RegionName& r : regions) region.categories.push_back({r.id, r.name});
    region.categories.push_back({"none", ""});
    d = Dataset::Make("kinds", {kind, region});
    for (const Unit* u : units) d.Add({u->kind, u->region.empty() ? "none" : u->region}, 1, 0);
  } else if (name == "initiative") {
    d = Dataset::Make("initiative", {kind, Dim("initiative", kInitiatives)});
    for (const Unit* u : units) d.Add({u->kind, Str(u->profile, "initiative", "unknown")}, 1, 0);
  } else if (name == "established") {
    Dimension period = Dim("period", Periods(units, f.today));
    for (Category& c : period.categories) {
      if (c.id[0] == '2') c.label = c.id.substr(0, 4) + "\u2013" + c.id.substr(5);
    }
    d = Dataset::Make("established", {period});
    for (const Unit* u : units) d.Add({PeriodCategory(u->established)}, 1, 0);
  } else if (name == "hearing_status") {
    d = Dataset::Make("hearing_status", {kind, Dim("function", kFunctions)});
    for (const Unit* u : units) {
      const json functions = u->profile.value("functions", json::object());
      bool any = false;
      for (const char* fn : {"hearing_body", "advisory_body", "delegated_authority"}) {
        if (functions.value(fn, false)) {
          d.Add({u->kind, fn}, 1, 0);
          any = true;
        }
      }
      if (!any) d.Add({u->kind, "none"}, 1, 0);
    }
    d.AddNote("analysis.note.functions_overlap");
  } else if (name == "composition") {
    std::vector<std::string> seats(std::begin(ops::kSeats), std::end(ops::kSeats));
    d = Dataset::Make("composition", {kind, Dim("seat", seats)});
    std::map<std::string, int> totals;
    for (const Unit* u : units) {
      const int total = SeatTotal(u->profile);
      totals[u->kind] += total;
      const json s = u->profile.value("seats", json::object());
      for (const std::string& seat : seats) d.Add({u->kind, seat}, s.value(seat, 0), 0);
    }
    for (std::size_t k = 0; k < kKinds.size(); ++k) {
      const int total = totals[kKinds[k]];
      for (std::size_t s = 0; s < seats.size(); ++s) {
        const std::size_t i = d.Cell({k, s});
        d.values[i] = total > 0 ? std::optional<double>(*d.values[i] / total) : std::nullopt;
        d.contributors[i] = total;
      }
    }
  } else if (name == "gender_balance") {
    d = Dataset::Make("gender_balance", {kind, Dim("balance", kBalance)});
    for (const Unit* u : units) GenderBalance(d, *u, p);
  } else if (name == "youth") {
    d = Dataset::Make("youth", {kind, Dim("youth", kYouth)});
    for (const Unit* u : units) Youth(d, *u, p);
  } else if (name == "fiery_souls") {
    d = Dataset::Make("fiery_souls", {Dim("measure", kFiery)});
    FierySouls(d, units, p);
  } else if (name == "traits") {
    d = Traits(units, kKinds, p.from, p.to);
  } else if (ByPlace(name)) {
    const Span span{p.start, p.end, p.from, p.to};
    d = name == "origin_spread" ? OriginSpread(units, span) : PerceivedVsReal(units, span);
  } else {  // influence
    std::vector<std::string> outcomes(std::begin(ops::kOutcomes), std::end(ops::kOutcomes));
    d = Dataset::Make("influence", {kind, Dim("outcome", outcomes)});
    for (const Unit* u : units) Influence(d, *u, p);
  }
  if (PublicInFull(name)) d.contributors.assign(d.contributors.size(), kOrganisations);
  json filters = json::object();
  if (!f.region.empty()) filters["region"] = f.region;
  if (!f.county.empty()) filters["county"] = f.county;
  if (f.from) filters["from"] = *f.from;
  if (f.to) filters["to"] = *f.to;
  d.filters = filters;
  return d;
}

Result<std::vector<const Unit*>> Choose(std::string_view name, const std::vector<Unit>& units, const Filter& f) {
  if (!IsAnalysis(name)) return Error::NotFound("no analysis is called \"" + std::string(name) + "\"");
  if (f.from && f.to && *f.from > *f.to) return Error::Invalid("the year to is before the year from", "/to");
  std::vector<const Unit*> chosen;
  for (const Unit& u : units) {
    if (!f.region.empty() && u.region != f.region) continue;
    if (!f.county.empty() && u.county != f.county) continue;
    chosen.push_back(&u);
  }
  return chosen;
}

// The answer an anonymous caller gets for `chosen` (already chosen by place) in `f`'s years: the
// small cells hidden, and every cell hidden in the answer for a part (each region of the whole,
// each county of a region, and for influence and traits each year), so that the hidden cells of a part are
// hidden in every whole that contains it and no whole minus other answers recovers them. Then
// a second cell in any row left with a single hidden one.
Dataset PublicOf(std::string_view name, const std::vector<const Unit*>& chosen, const Filter& f,
                 const std::vector<RegionName>& regions) {
  Dataset d = Compute(name, chosen, f, regions);
  Suppress(d, RowsAddUp(name));
  if (ByPlace(name)) return d;
  std::map<std::string, std::vector<const Unit*>> by_region, by_county;
  std::set<int> years;
  for (const Unit* u : chosen) {
    by_region[u->region].push_back(u);
    by_county[u->county].push_back(u);
    std::vector<CaseCount> counted;
    for (const CaseCount& c : CaseCountsOf(*u, counted)) {
      if ((!f.from || c.year >= *f.from) && (!f.to || c.year <= *f.to)) years.insert(c.year);
    }
    for (const Raised& r : u->raised) {
      const int y = YearOf(r.date);
      if ((!f.from || y >= *f.from) && (!f.to || y <= *f.to)) years.insert(y);
    }
  }
  // By place: a national answer splits into regions (and the counties of no region), a
  // region's into counties.
  std::vector<std::pair<Filter, std::vector<const Unit*>>> parts;
  if (f.region.empty() && f.county.empty() && by_region.size() > 1) {
    for (const auto& [region, part_units] : by_region) {
      if (region.empty()) continue;
      Filter part = f;
      part.region = region;
      parts.push_back({part, part_units});
    }
    for (const auto& [county, part_units] : by_county) {
      std::vector<const Unit*> no_region;
      for (const Unit* u : part_units) {
        if (u->region.empty()) no_region.push_back(u);
      }
      if (no_region.empty()) continue;
      Filter part = f;
      part.county = county.empty() ? "-" : county;
      parts.push_back({part, no_region});
    }
  } else if (f.county.empty() && by_county.size() > 1) {
    for (const auto& [county, part_units] : by_county) {
      Filter part = f;
      part.county = county.empty() ? "-" : county;
      parts.push_back({part, part_units});
    }
  }
  // By year, for the cases and the interviews.
  if ((name == "influence" || name == "traits") && years.size() > 1) {
    for (int y : years) {
      Filter part = f;
      part.from = y;
      part.to = y;
      parts.push_back({part, chosen});
    }
  }
  for (const auto& [part, part_units] : parts) SuppressLike(d, PublicOf(name, part_units, part, regions));
  if (!parts.empty()) Suppress(d, RowsAddUp(name));
  return d;
}

}  // namespace

std::vector<CaseCount> CountCases(const std::vector<Case>& cases) {
  std::map<std::tuple<int, bool, std::string>, int> counts;
  for (const Case& c : cases) ++counts[{YearOf(c.received), c.decided, c.decided ? c.outcome : std::string()}];
  std::vector<CaseCount> out;
  out.reserve(counts.size());
  for (const auto& [key, n] : counts) out.push_back({std::get<0>(key), std::get<1>(key), std::get<2>(key), n});
  return out;
}

const std::vector<std::string_view>& Names() {
  static const std::vector<std::string_view> names = {
      "kinds",     "initiative",  "established", "hearing_status", "composition",       "gender_balance",
      "influence", "fiery_souls", "traits",      "youth",          "perceived_vs_real", "origin_spread"};
  return names;
}

bool IsAnalysis(std::string_view name) {
  const auto& n = Names();
  return std::find(n.begin(), n.end(), name) != n.end();
}

bool PublicInFull(std::string_view name) {
  return name == "kinds" || name == "initiative" || name == "established" || name == "hearing_status";
}

std::string KindCategory(const std::string& kind, const std::string& subtype) {
  if (kind.empty()) return "not_a_meeting_place";
  if (kind == "dialogue" && subtype == "police_forum") return "police_forum";
  return kind;
}

Result<Dataset> Run(std::string_view name, const std::vector<Unit>& units, const Filter& filter,
                    const std::vector<RegionName>& regions) {
  ASSIGN_OR_RETURN(std::vector<const Unit*> chosen, Choose(name, units, filter));
  return Compute(name, chosen, filter, regions);
}

Result<Dataset> RunPublic(std::string_view name, const std::vector<Unit>& units, const Filter& filter,
                          const std::vector<RegionName>& regions) {
  ASSIGN_OR_RETURN(std::vector<const Unit*> chosen, Choose(name, units, filter));
  if (PublicInFull(name)) return Compute(name, chosen, filter, regions);
  if (!CountsPlacesByPeople(name)) return PublicOf(name, chosen, filter, regions);
  // A meeting place to which fewer than kThreshold people contribute would be a small cell on its
  // own: left out, so that no two answers (other years, other places) differ by it alone.
  std::vector<const Unit*> kept;
  bool left_out = false;
  for (const Unit* u : chosen) {
    const Dataset one = Compute(name, {u}, filter, regions);
    int most = 0;
    for (int c : one.contributors) most = std::max(most, c);
    if (most > 0 && most < kThreshold) {
      left_out = true;
    } else {
      kept.push_back(u);
    }
  }
  Dataset d = PublicOf(name, kept, filter, regions);
  if (left_out) d.AddNote("analysis.note.small_places_left_out");
  return d;
}

}  // namespace moteplass::analysis
