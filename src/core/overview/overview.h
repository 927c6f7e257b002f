// IMDi's overview (/imdi, issue 12): for each IMDi region in the reader's scope, the new meeting
// places per year against the target set in the register (the report's "at least 2 new meeting
// places per region", DOMAIN.md §1), the meeting places that ceased, and the municipalities with
// many inhabitants of immigrant background and no meeting place (from the imported SSB table).
// Pure: the app layer reads the register, the table and the target, and decides the scope.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/places/places.h"
#include "core/register/meeting_place.h"

namespace moteplass::overview {

// The target when none has been set, and the bounds a national user may set it within.
inline constexpr int kDefaultTarget = 2;
inline constexpr int kMaxTarget = 100;
// "Many" inhabitants of immigrant background: at least this many (immigrants and Norwegian-born
// to immigrant parents), the number at which the advisor no longer counts them as few, twice over.
inline constexpr std::int64_t kManyImmigrants = 2000;
// Years shown: this many, up to and including the current one.
inline constexpr int kYears = 5;

struct YearCount {
  int year = 0;
  int started = 0;
  int ceased = 0;
  bool behind = false;  // started < target, for a year that is over or the current one
};

struct RegionOverview {
  std::string id;
  std::string name;
  std::vector<YearCount> years;  // oldest first
  int active = 0;                // meeting places in the region that have not ceased
  int undated = 0;               // of those, without a year of establishment
  int behind_years = 0;          // years in `years` below the target
};

struct CeasedPlace {
  std::int64_t id = 0;
  std::string name;
  std::string municipality;  // name, "" for a county-level one
  std::string region;
  std::string ceased;  // YYYY-MM-DD
};

struct Uncovered {
  std::string municipality;  // number
  std::string name;
  std::string region;
  std::int64_t immigrants = 0;
};

struct Overview {
  int target = kDefaultTarget;
  int current_year = 0;
  std::vector<RegionOverview> regions;  // in the order of the places' regions
  std::vector<CeasedPlace> ceased;      // newest first, within the years shown
  std::vector<Uncovered> uncovered;     // most immigrants first
  bool has_ssb = false;                 // whether an SSB table is imported
  int ssb_year = 0;
};

// The year a meeting place started: its `established` date, else the profile's
// `established_year`; 0 when unknown.
int StartYear(const MeetingPlace& place);

// The overview of `places_in_register` (live, published meeting places with a kind) for the
// regions in `regions` (ids; empty: every region), with the target, the year it is now, and the
// SSB table's latest immigrant population per municipality (empty when none imported).
Overview Build(const std::vector<MeetingPlace>& places_in_register, const Places& places,
               const std::vector<std::string>& regions, int target, int current_year,
               const std::map<std::string, std::int64_t>& immigrants, int ssb_year);

}  // namespace moteplass::overview
