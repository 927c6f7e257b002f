#include "app/analysis/analysis.h"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <unordered_map>

#include "app/operations/operations.h"
#include "app/register/meeting_places.h"
#include "app/studies/studies.h"
#include "core/analysis/by_place.h"
#include "core/analysis/perceived.h"
#include "core/status_macros.h"
#include "core/studies/coding.h"

namespace moteplass::app {
namespace {

using nlohmann::json;

bool ReadsOperations(std::string_view name) {
  return name == "gender_balance" || name == "youth" || name == "fiery_souls" || name == "influence" ||
         name == "perceived_vs_real" || name == "origin_spread";
}

// What Units reads besides the register.
struct Reads {
  bool operations = false;
  bool internal = false;   // the cases that are not public too
  bool countries = false;  // members' countries of background and Statistics Norway's table
  bool opinions = false;   // perceived influence from the interviews (perceived_vs_real)
  bool traits = false;     // the traits coded in the interviews (traits)
  // The studies whose interviews are read for opinions or traits.
  std::vector<std::int64_t> studies;
  // The meeting places the study filter keeps; nullopt: every one.
  std::optional<std::set<std::int64_t>> places;
};

// Each municipality's kTopCountries most common countries of background in the latest year of
// Statistics Norway's table (immigrants and Norwegian-born summed; ties by code), read in one
// query for every municipality.
Result<std::map<std::string, std::vector<std::string>>> TopCountries(Services& s) {
  ASSIGN_OR_RETURN(SsbStore::PersonsByCountry all, s.store.ssb().LatestPersonsByCountry());
  std::map<std::string, std::vector<std::string>> out;
  for (const auto& [municipality, persons] : all) {
    std::vector<std::pair<std::string, std::int64_t>> order(persons.begin(), persons.end());
    std::stable_sort(order.begin(), order.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    std::vector<std::string>& top = out[municipality];
    for (const auto& [country, n] : order) {
      if (n > 0 && top.size() < static_cast<std::size_t>(analysis::kTopCountries)) top.push_back(country);
    }
  }
  return out;
}

// What the analyses read of one study's interviews: the meeting places they are about, the
// opinions on each (perceived influence), and the traits raised about each (the codes of their
// codings, those whose answer was edited since, stale, left out). Two queries.
struct StudyFacts {
  std::set<std::int64_t> places;
  std::map<std::int64_t, std::vector<analysis::Opinion>> opinions;
  std::map<std::int64_t, std::vector<analysis::Raised>> raised;
};

Result<StudyFacts> ReadStudyFacts(Services& s, std::int64_t study) {
  StudyFacts out;
  ASSIGN_OR_RETURN(std::vector<StudyRecord> interviews, s.store.studies().ListInterviews(study));
  ASSIGN_OR_RETURN(std::vector<CodingRecord> codings, s.store.studies().ListCodings(study));
  std::map<std::int64_t, const json*> by_id;
  for (const StudyRecord& i : interviews) {
    by_id[i.id] = &i.data;
    const json& place = i.data.value("meeting_place", json());
    if (!place.is_number_integer()) continue;
    out.places.insert(place.get<std::int64_t>());
    const json& informant = i.data.value("informant", json());
    if (!informant.is_number_integer()) continue;
    const auto score = analysis::ClosedAnswerScore(i.data);
    if (!score) continue;
    const json& at = i.data.value("started_at", json());
    const std::string started = at.is_string() ? at.get<std::string>() : std::string();
    out.opinions[place.get<std::int64_t>()].push_back({informant.get<std::int64_t>(), *score, started.substr(0, 10)});
  }
  for (const CodingRecord& c : codings) {
    auto it = by_id.find(c.interview);
    if (it == by_id.end()) continue;
    const json& interview = *it->second;
    const json& place = interview.value("meeting_place", json());
    const json& informant = interview.value("informant", json());
    const json& code = c.data.value("code", json());
    if (!place.is_number_integer() || !informant.is_number_integer() || !code.is_string()) continue;
    json answer;
    for (const json& a : interview.value("answers", json::array())) {
      if (a.value("question", json()) == c.data.value("question", json())) answer = a;
    }
    if (studies::IsStale(c.data, answer)) continue;
    const json& at = interview.value("started_at", json());
    const std::string started = at.is_string() ? at.get<std::string>() : std::string();
    out.raised[place.get<std::int64_t>()].push_back(
        {informant.get<std::int64_t>(), code.get<std::string>(), started.substr(0, 10)});
  }
  return out;
}

std::optional<int> YearOf(const std::string& date) {
  if (date.size() < 4) return std::nullopt;
  return std::atoi(date.substr(0, 4).c_str());
}

// The published meeting places without their classification (the store keeps its kind and
// subtype beside it, which is all the analyses read of it), by id.
Result<std::vector<MeetingPlace>> PublishedPlaces(Services& s) {
  ASSIGN_OR_RETURN(std::vector<MeetingPlace> out, EveryMeetingPlaceLean(s, false));
  std::sort(out.begin(), out.end(), [](const MeetingPlace& a, const MeetingPlace& b) { return a.id < b.id; });
  return out;
}

// What the units of the register are read with (the part of Reads that is not a study's).
struct UnitReads {
  bool operations = false;
  bool internal = false;
  bool countries = false;
  int Key() const { return (operations ? 1 : 0) | (internal ? 2 : 0) | (countries ? 4 : 0); }
};

// The published meeting places as the analyses read them; memberships (with their people's
// gender and birth year) and cases only when `operations` (narrow rows: OperationsStore::
// FactsForAnalysis), the cases that are not public only when `internal`; by id.
Result<std::vector<analysis::Unit>> RegisterUnits(Services& s, const UnitReads& reads) {
  const bool operations = reads.operations, internal = reads.internal;
  ASSIGN_OR_RETURN(std::vector<MeetingPlace> places, PublishedPlaces(s));
  bool table = false;
  std::map<std::string, std::vector<std::string>> top_countries;
  if (reads.countries) {
    ASSIGN_OR_RETURN(auto info, s.store.ssb().Info());
    table = info.has_value();
    if (table) {
      ASSIGN_OR_RETURN(top_countries, TopCountries(s));
    }
  }
  // Every person, membership and case in one read, the few fields counted and nothing more.
  std::unordered_map<std::int64_t, std::vector<analysis::Member>> members_of;
  std::unordered_map<std::int64_t, std::vector<analysis::Case>> cases_of;
  if (operations) {
    ASSIGN_OR_RETURN(OperationsFacts facts, s.store.operations().FactsForAnalysis(reads.countries));
    std::unordered_map<std::int64_t, const PersonFacts*> people;
    people.reserve(facts.people.size());
    for (const PersonFacts& p : facts.people) people[p.id] = &p;
    for (MembershipFacts& m : facts.memberships) {
      analysis::Member member;
      member.person = m.person;
      if (auto p = people.find(m.person); p != people.end()) {
        member.gender = p->second->gender;
        member.birth_year = p->second->birth_year;
        // A special category: read only for origin_spread, and only as a count.
        const std::string& country = p->second->country_of_background;
        if (reads.countries && !country.empty() && country != "declined") member.country = country;
      }
      member.role = std::move(m.role);
      member.starts = std::move(m.starts);
      member.ends = std::move(m.ends);
      members_of[m.meeting_place].push_back(std::move(member));
    }
    for (CaseFacts& c : facts.cases) {
      if (internal || c.is_public) {
        cases_of[c.meeting_place].push_back({std::move(c.received), c.decided, std::move(c.outcome)});
      }
    }
  }
  std::vector<analysis::Unit> units;
  for (MeetingPlace& place : places) {
    if (!place.input.is_public || !place.deleted_at.empty()) continue;
    analysis::Unit u;
    u.id = place.id;
    u.name = place.name;
    u.municipality = place.municipality;
    u.ssb_table = table;
    if (table && !u.municipality.empty()) {
      if (auto t = top_countries.find(u.municipality); t != top_countries.end()) u.top_countries = t->second;
    }
    u.kind = analysis::KindCategory(place.kind, place.subtype);
    u.region = place.region;
    u.county = place.county;
    u.profile = std::move(place.input.profile);
    auto year = u.profile.find("established_year");
    u.established = year != u.profile.end() && year->is_number_integer() ? std::optional<int>(year->get<int>())
                                                                         : YearOf(place.input.established);
    u.ceased = place.input.ceased;
    if (operations) {
      if (auto m = members_of.find(place.id); m != members_of.end()) u.members = std::move(m->second);
      if (auto c = cases_of.find(place.id); c != cases_of.end()) u.cases = std::move(c->second);
      u.case_counts = analysis::CountCases(u.cases);
    }
    units.push_back(std::move(u));
  }
  return units;
}

// What the analyses read, kept while the data stamp (Store::DataStamp: any commit of any process
// moves it) stays the same: the units of the register for each way of reading them, and what
// each study's interviews say. An analysis for other years, another region or another analysis
// of the same data then counts without reading and parsing 1,500 meeting places, every
// membership and case, or 5,000 interviews again. What an analysis answers is never kept: each
// request counts with its own filter. The stamp is read before the data, so what is kept is
// never older than its stamp. One request reads at a time.
struct Kept {
  std::mutex mutex;
  const Store* store = nullptr;
  std::string stamp;  // "" where the store keeps no stamp: nothing is kept from one call to the next
  std::map<int, std::shared_ptr<const std::vector<analysis::Unit>>> units;  // by UnitReads::Key
  std::map<std::int64_t, std::shared_ptr<const StudyFacts>> studies;        // by study
};

// What is kept, locked, and emptied first when the store or its data stamp has changed.
std::unique_lock<std::mutex> KeptFor(Services& s, Kept& kept) {
  std::unique_lock lock(kept.mutex);
  auto stamp = s.store.DataStamp();
  const std::string now = stamp.ok() ? *stamp : std::string();
  if (kept.store != &s.store || kept.stamp != now || now.empty()) {
    kept.units.clear();
    kept.studies.clear();
    kept.store = &s.store;
    kept.stamp = now;
  }
  return lock;
}

Kept& TheKept() {
  static Kept kept;
  return kept;
}

Result<std::shared_ptr<const std::vector<analysis::Unit>>> SharedRegisterUnits(Services& s, const UnitReads& reads) {
  Kept& kept = TheKept();
  auto lock = KeptFor(s, kept);
  auto& slot = kept.units[reads.Key()];
  if (!slot) {
    ASSIGN_OR_RETURN(std::vector<analysis::Unit> units, RegisterUnits(s, reads));
    slot = std::make_shared<const std::vector<analysis::Unit>>(std::move(units));
  }
  return slot;
}

Result<std::shared_ptr<const StudyFacts>> SharedStudyFacts(Services& s, std::int64_t study) {
  Kept& kept = TheKept();
  auto lock = KeptFor(s, kept);
  auto& slot = kept.studies[study];
  if (!slot) {
    ASSIGN_OR_RETURN(StudyFacts facts, ReadStudyFacts(s, study));
    slot = std::make_shared<const StudyFacts>(std::move(facts));
  }
  return slot;
}

// The units an analysis counts: those of the register (kept), with the study's meeting places
// only and the opinions and traits of its interviews when a study is read (a copy, not kept).
Result<std::shared_ptr<const std::vector<analysis::Unit>>> Units(Services& s, const Reads& reads) {
  ASSIGN_OR_RETURN(auto registered, SharedRegisterUnits(s, {reads.operations, reads.internal, reads.countries}));
  const bool opinions_read = reads.opinions && !reads.studies.empty();
  const bool traits_read = reads.traits && !reads.studies.empty();
  if (!reads.places && !opinions_read && !traits_read) return registered;
  std::vector<std::shared_ptr<const StudyFacts>> studies;
  if (opinions_read || traits_read) {
    for (std::int64_t study : reads.studies) {
      ASSIGN_OR_RETURN(auto facts, SharedStudyFacts(s, study));
      studies.push_back(std::move(facts));
    }
  }
  std::vector<analysis::Unit> units;
  for (const analysis::Unit& registered_unit : *registered) {
    if (reads.places && !reads.places->count(registered_unit.id)) continue;
    analysis::Unit u = registered_unit;
    for (const auto& facts : studies) {
      if (opinions_read) {
        if (auto o = facts->opinions.find(u.id); o != facts->opinions.end()) {
          u.opinions.insert(u.opinions.end(), o->second.begin(), o->second.end());
        }
      }
      if (traits_read) {
        if (auto r = facts->raised.find(u.id); r != facts->raised.end()) {
          u.raised.insert(u.raised.end(), r->second.begin(), r->second.end());
        }
      }
    }
    units.push_back(std::move(u));
  }
  return std::make_shared<const std::vector<analysis::Unit>>(std::move(units));
}

// What the study filter gives: the studies whose interviews are read, the meeting places kept,
// and whether the caller gets full tables through the study (its leads and analysts, admins).
struct StudyScope {
  std::vector<std::int64_t> studies;
  std::optional<std::set<std::int64_t>> places;
  bool full = false;
};

Result<StudyScope> ScopeOf(Services& s, const Principal& who, std::string_view name, const std::string& study) {
  StudyScope scope;
  const bool admin = who.user && who.role() == Role::kAdmin;
  if (study.empty() && name == "traits") {
    // Every study's codings; small cells hidden unless the caller gets full tables anyway.
    ASSIGN_OR_RETURN(std::vector<StudyRecord> all, s.store.studies().ListStudies());
    for (const StudyRecord& r : all) scope.studies.push_back(r.id);
    return scope;
  }
  if (study.empty()) {
    if (name != "perceived_vs_real") return scope;
    // By meeting place from interviews: for a study's leads and analysts (contracts/analysis.md);
    // across every study only for administrators (the command line).
    if (!who.user) return Error::Unauthenticated("log in to read perceived_vs_real, which is built from interviews");
    if (!admin) return Error::Invalid("perceived_vs_real reads one study's interviews: give study", "/study");
    ASSIGN_OR_RETURN(std::vector<StudyRecord> all, s.store.studies().ListStudies());
    for (const StudyRecord& r : all) scope.studies.push_back(r.id);
    scope.full = true;
    return scope;
  }
  if (study.size() > 18 || study.find_first_not_of("0123456789") != std::string::npos) {
    return Error::Invalid("expected the id of a study, a number", "/study");
  }
  if (!who.user) return Error::Unauthenticated("log in to filter the analyses by study");
  ASSIGN_OR_RETURN(StudyAccess access, StudyFor(s, who, std::stoll(study)));
  scope.full = admin || (access.circle & (kStudyLead | kStudyAnalyst)) != 0;
  if (name == "perceived_vs_real" && !scope.full) {
    return Error::Forbidden("perceived_vs_real is for the study's leads and analysts");
  }
  scope.studies.push_back(access.study.id);
  std::set<std::int64_t> places;
  for (const json& p : access.study.data.value("meeting_places", json::array())) {
    if (p.is_number_integer()) places.insert(p.get<std::int64_t>());
  }
  ASSIGN_OR_RETURN(auto facts, SharedStudyFacts(s, access.study.id));
  places.insert(facts->places.begin(), facts->places.end());
  scope.places = std::move(places);
  return scope;
}

}  // namespace

bool FullTables(const Principal& who) { return Decide(who, Action::kAnalysisFullTables, RecordLocation{}).allowed; }

std::vector<analysis::RegionName> RegionNames(const Places& places) {
  std::vector<analysis::RegionName> names;
  for (const Region& r : places.regions) names.push_back({r.id, r.name});
  return names;
}

Result<analysis::Dataset> RunAnalysis(Services& s, const Principal& who, std::string_view name,
                                      const AnalysisQuery& query) {
  if (!analysis::IsAnalysis(name)) {
    return Error::NotFound("no analysis is called \"" + std::string(name) + "\"; GET /api/v1/analysis lists them");
  }
  if (!query.region.empty() && !FindRegion(s.places, query.region)) {
    return Error::Invalid("no IMDi region has the id \"" + query.region + "\"", "/region");
  }
  if (!query.county.empty() && !FindCounty(s.places, query.county)) {
    return Error::Invalid("no county has the number \"" + query.county + "\"", "/county");
  }
  bool full = FullTables(who);
  Reads reads;
  reads.operations = ReadsOperations(name);
  reads.countries = name == "origin_spread";
  reads.opinions = name == "perceived_vs_real";
  reads.traits = name == "traits";
  ASSIGN_OR_RETURN(StudyScope scope, ScopeOf(s, who, name, query.study));
  full = full || scope.full;
  if (!full && name == "fiery_souls" && (query.from || query.to)) {
    // Its counts of people differ from one period to the next by a person or two: a visitor's
    // answer for other years would give a small cell away by subtraction.
    return Error::Invalid("fiery_souls is for today only without a login; leave out from and to",
                          query.from ? "/from" : "/to");
  }
  reads.studies = std::move(scope.studies);
  reads.places = std::move(scope.places);
  reads.internal = full;
  analysis::Filter filter;
  filter.region = query.region;
  filter.county = query.county;
  filter.from = query.from;
  filter.to = query.to;
  filter.today = TodayInOslo();
  ASSIGN_OR_RETURN(auto units, Units(s, reads));
  const auto regions = RegionNames(s.places);
  analysis::Dataset d;
  if (full) {
    ASSIGN_OR_RETURN(d, analysis::Run(name, *units, filter, regions));
  } else {
    ASSIGN_OR_RETURN(d, analysis::RunPublic(name, *units, filter, regions));
  }
  if (!query.study.empty()) d.filters["study"] = std::stoll(query.study);
  return d;
}

}  // namespace moteplass::app
