// The analyses of the report's chapter 4, computed from the data (contracts/analysis.md): pure
// functions over the meeting places as Units (the register's record with its memberships and
// cases), so that the command line, the API and the pages give the same numbers.
//
// Which meeting places count: those in the filter's region and county that existed at some time
// in the period (established before its end or when unknown, not ceased before its start). The
// period is from 1 January of `from` to 31 December of `to` (not after today); without years,
// today. Memberships count when in force at some time in the period; cases when received in it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/analysis/dataset.h"
#include "core/error.h"

namespace moteplass::analysis {

// One membership with what the analyses read of its person.
struct Member {
  std::int64_t person = 0;
  std::string gender;  // "woman", "man", "other", "unknown" ("" when erased)
  std::optional<int> birth_year;
  std::string role;    // "chair", ..., "observer"
  std::string starts;  // "YYYY-MM-DD"
  std::string ends;    // "" when open
  // ISO 3166-1 alpha-2 country of background (special category); "" when unknown or declined.
  // Read only by origin_spread.
  std::string country;
};

// What one informant of a study said about a meeting place's influence, as a score from 0 (no
// influence) to 1 (influence): core/analysis/perceived.h makes it from the interview's answers.
struct Opinion {
  std::int64_t informant = 0;
  double score = 0;
  std::string date;  // "YYYY-MM-DD" when the interview started; "" when not known
};

// A trait an informant raised about a meeting place: the code of a coding of one of their answers
// (the codebook's id) in an interview that started on `date`.
struct Raised {
  std::int64_t informant = 0;
  std::string code;
  std::string date;  // "YYYY-MM-DD"; "" when not known
};

// One case with what the analyses read of it (the case document's received, decision and
// decision.outcome; contracts/operations.md).
struct Case {
  std::string received;  // "YYYY-MM-DD"; "" when not known
  bool decided = false;  // whether the case has a decision
  std::string outcome;   // the decision's outcome ("followed", ...); "" when none
};

// The cases of a meeting place received in one year, decided or not, with one outcome.
struct CaseCount {
  int year = 0;  // 0 when the day received is not known
  bool decided = false;
  std::string outcome;  // "" when none
  int count = 0;
};

// The cases counted by year, decision and outcome, for Unit::case_counts.
std::vector<CaseCount> CountCases(const std::vector<Case>& cases);

// One meeting place.
struct Unit {
  std::int64_t id = 0;
  std::string kind;  // a category of the dimension `kind` (KindCategory)
  std::string region;
  std::string county;
  nlohmann::json profile = nlohmann::json::object();
  std::optional<int> established;  // the year
  std::string ceased;              // "YYYY-MM-DD", "" when not
  std::vector<Member> members;
  std::vector<Case> cases;
  // CountCases(cases), for influence, which a visitor's answer counts again for every region,
  // county and year: filled in by whoever keeps the units; counted from `cases` when empty.
  std::vector<CaseCount> case_counts;
  // Read by the analyses by meeting place (origin_spread, perceived_vs_real): filled in by the
  // use case only when the analysis reads them.
  std::string name;
  std::string municipality;  // four digits, "" when none
  // The municipality's most common countries of background in Statistics Norway's imported
  // table (latest year, immigrants and Norwegian-born to immigrant parents), most common first;
  // empty when the table has no figures for it.
  std::vector<std::string> top_countries;
  bool ssb_table = false;         // whether a table is imported at all
  std::vector<Opinion> opinions;  // perceived influence, one per informant and interview
  std::vector<Raised> raised;     // traits (read only by the analysis traits)
};

struct RegionName {
  std::string id;
  std::string name;
};

struct Filter {
  std::string region;  // "" for all
  std::string county;  // "" for all
  std::optional<int> from;
  std::optional<int> to;
  std::string today;  // "YYYY-MM-DD"
};

// The names of the analyses this build answers, in the order `analysis list` shows them.
const std::vector<std::string_view>& Names();
bool IsAnalysis(std::string_view name);
// Whether an analysis counts organisations only (public in full: kinds, initiative, established,
// hearing_status).
bool PublicInFull(std::string_view name);

// The category of dimension `kind` for a register kind ("" when none) and the typology's subtype:
// "police_forum" for a dialogue forum run by the police, "not_a_meeting_place" for "".
std::string KindCategory(const std::string& kind, const std::string& subtype);

// Runs analysis `name` (kNotFound when there is none) over `units` within `filter`; nothing is
// suppressed. `regions`: the categories of dimension `region` (then "none").
Result<Dataset> Run(std::string_view name, const std::vector<Unit>& units, const Filter& filter,
                    const std::vector<RegionName>& regions);

// Runs it as an anonymous caller gets it: Run(), then Suppress(), and every cell hidden in the
// same analysis for one county (and, for influence and traits, one year) of the filter hidden as well, so
// that no answer minus others recovers a hidden cell. Analyses public in full are as Run().
// gender_balance, youth and composition leave out every meeting place to which fewer than
// kThreshold people contribute (a note says so): two answers for other years or places then
// differ only by meeting places of three people or more, never by a small cell. (fiery_souls
// takes no years for visitors: app/analysis refuses them.)
Result<Dataset> RunPublic(std::string_view name, const std::vector<Unit>& units, const Filter& filter,
                          const std::vector<RegionName>& regions);

}  // namespace moteplass::analysis
