#include "app/analysis/analysis.h"

#include <cstdlib>
#include <map>

#include "app/operations/operations.h"
#include "core/status_macros.h"

namespace moteplass::app {
namespace {

using nlohmann::json;

bool ReadsOperations(std::string_view name) {
  return name == "gender_balance" || name == "youth" || name == "fiery_souls" || name == "influence";
}

std::optional<int> YearOf(const std::string& date) {
  if (date.size() < 4) return std::nullopt;
  return std::atoi(date.substr(0, 4).c_str());
}

std::string Text(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// The published meeting places as the analyses read them; memberships (with their people's
// gender and birth year) and cases only when `operations`, the cases that are not public only
// when `internal`.
Result<std::vector<analysis::Unit>> Units(Services& s, bool operations, bool internal) {
  ASSIGN_OR_RETURN(std::vector<MeetingPlace> places, s.store.meeting_places().All());
  std::map<std::int64_t, json> people;
  if (operations) {
    ASSIGN_OR_RETURN(std::vector<ops::Record> all, s.store.operations().List(ops::Kind::kPerson, 0));
    for (ops::Record& p : all) people[p.id] = std::move(p.data);
  }
  std::vector<analysis::Unit> units;
  for (const MeetingPlace& place : places) {
    if (!place.input.is_public || !place.deleted_at.empty()) continue;
    analysis::Unit u;
    u.id = place.id;
    const json subtype = place.classification.is_object() ? place.classification.value("subtype", json()) : json();
    u.kind = analysis::KindCategory(place.kind, subtype.is_string() ? subtype.get<std::string>() : "");
    u.region = place.region;
    u.county = place.county;
    u.profile = place.input.profile;
    auto year = u.profile.find("established_year");
    u.established = year != u.profile.end() && year->is_number_integer() ? std::optional<int>(year->get<int>())
                                                                         : YearOf(place.input.established);
    u.ceased = place.input.ceased;
    if (operations) {
      ASSIGN_OR_RETURN(std::vector<ops::Record> memberships,
                       s.store.operations().List(ops::Kind::kMembership, place.id));
      for (const ops::Record& m : memberships) {
        analysis::Member member;
        member.person = m.person;
        auto p = people.find(m.person);
        if (p != people.end()) {
          member.gender = Text(p->second, "gender");
          const json& born = p->second.value("birth_year", json());
          if (born.is_number_integer()) member.birth_year = born.get<int>();
        }
        member.role = Text(m.data, "role");
        member.starts = Text(m.data, "starts");
        member.ends = Text(m.data, "ends");
        u.members.push_back(std::move(member));
      }
      ASSIGN_OR_RETURN(std::vector<ops::Record> cases, s.store.operations().List(ops::Kind::kCase, place.id));
      for (ops::Record& c : cases) {
        if (internal || c.data.value("public", true)) u.cases.push_back(std::move(c.data));
      }
    }
    units.push_back(std::move(u));
  }
  return units;
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
  if (!query.study.empty()) {
    return Error::Invalid("the analyses of this version read no mapping study; leave out study", "/study");
  }
  const bool full = FullTables(who);
  analysis::Filter filter;
  filter.region = query.region;
  filter.county = query.county;
  filter.from = query.from;
  filter.to = query.to;
  filter.today = TodayInOslo();
  ASSIGN_OR_RETURN(std::vector<analysis::Unit> units, Units(s, ReadsOperations(name), full));
  const auto regions = RegionNames(s.places);
  return full ? analysis::Run(name, units, filter, regions) : analysis::RunPublic(name, units, filter, regions);
}

}  // namespace moteplass::app
