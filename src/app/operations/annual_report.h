// A meeting place's annual report (årsmelding) for a year (contracts/operations.md, "Annual
// report"): its members in the year with their seats, the meetings it held, the cases it received
// and raised with their outcomes (its real influence, core/operations/influence.h), and its open
// alerts for those who may read them. Built from the operations record as the caller may see it
// (app::ListOperations): a visitor gets what the public sees of a public meeting place, a
// researcher every member, meeting and case without names (no names are looked up for them).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/operations/alerts.h"
#include "app/operations/operations.h"

namespace moteplass::app {

// The years a report may be asked for.
inline constexpr int kFirstReportYear = 1990;

struct AnnualReport {
  OperationsAccess access;
  int year = 0;
  std::vector<ops::Record> members;           // memberships in force some time in the year, by id
  std::map<std::int64_t, std::string> names;  // their people's names (none when access.without_names)
  std::vector<ops::Record> meetings;          // held in the year (not cancelled), by start
  int extra_meetings = 0;                     // of those, extra meetings
  std::vector<ops::Record> cases;             // received in the year, by date received
  nlohmann::json influence;                   // core Influence of those cases: the year's entry
  bool sees_alerts = false;                   // whether the caller may read the place's alerts
  std::vector<AlertView> alerts;              // its open alerts today, when sees_alerts
};

// The report of `meeting_place` for `year`: kNotFound when the caller may not see the meeting
// place, or for a year before kFirstReportYear or after this one.
Result<AnnualReport> GetAnnualReport(Services& s, const Principal& who, std::int64_t meeting_place, int year);

}  // namespace moteplass::app
