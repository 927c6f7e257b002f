#include "app/operations/annual_report.h"

#include "core/operations/fields.h"
#include "core/operations/influence.h"
#include "core/status_macros.h"

namespace moteplass::app {

using nlohmann::json;
using ops::Kind;

namespace {

std::string Text(const json& data, const char* key) {
  return data.contains(key) && data[key].is_string() ? data[key].get<std::string>() : std::string();
}

}  // namespace

Result<AnnualReport> GetAnnualReport(Services& s, const Principal& who, std::int64_t meeting_place, int year) {
  const std::string today = TodayInOslo();
  const int this_year = std::stoi(today.substr(0, 4));
  if (year < kFirstReportYear || year > this_year) {
    return Error::NotFound("no annual report for the year " + std::to_string(year));
  }
  const std::string first = std::to_string(year) + "-01-01", last = std::to_string(year) + "-12-31";
  AnnualReport r;
  r.year = year;
  ASSIGN_OR_RETURN(OperationsList members, ListOperations(s, who, Kind::kMembership, meeting_place));
  r.access = members.access;
  for (ops::Record& m : members.records) {
    const std::string ends = Text(m.data, "ends");
    if (Text(m.data, "starts") <= last && (ends.empty() || ends >= first)) r.members.push_back(std::move(m));
  }
  if (!r.access.without_names) r.names = NamesOf(s, r.members);
  ASSIGN_OR_RETURN(OperationsList meetings, ListOperations(s, who, Kind::kMeeting, meeting_place));
  for (ops::Record& m : meetings.records) {
    // starts_at is an instant in UTC: the year is Oslo's.
    const std::string day = ops::OsloLocal(Text(m.data, "starts_at")).substr(0, 10);
    if (day < first || day > last || m.data.value("cancelled", false)) continue;
    if (Text(m.data, "kind") == "extra") ++r.extra_meetings;
    r.meetings.push_back(std::move(m));
  }
  ASSIGN_OR_RETURN(OperationsList cases, ListOperations(s, who, Kind::kCase, meeting_place));
  std::vector<json> docs;
  for (ops::Record& c : cases.records) {
    const std::string received = Text(c.data, "received");
    if (received < first || received > last) continue;
    docs.push_back(c.data);
    r.cases.push_back(std::move(c));
  }
  r.influence = ops::Influence(docs, year, year, today)["total"];
  r.sees_alerts = who.user && Decide(who, Action::kAlertsRead, LocationOf(r.access.place)).allowed;
  if (r.sees_alerts) {
    ASSIGN_OR_RETURN(std::vector<AlertView> alerts, ListAlerts(s, who));
    for (AlertView& a : alerts) {
      if (a.meeting_place == meeting_place && a.status == "open") r.alerts.push_back(std::move(a));
    }
  }
  return r;
}

}  // namespace moteplass::app
