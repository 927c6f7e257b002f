// The addresses of the operations pages, one function per page. Routes are registered with the
// same functions (given "{id}", "{meeting}"), so a link and its route cannot drift apart.
#pragma once

#include <cstdint>
#include <string>

namespace moteplass::http::operations {

inline std::string CalendarPath(const std::string& place) { return "/moteplasser/" + place + "/moter.ics"; }
inline std::string MeetingPath(const std::string& place, const std::string& meeting) {
  return "/moteplasser/" + place + "/moter/" + meeting;
}
inline std::string CalendarPath(std::int64_t place) { return CalendarPath(std::to_string(place)); }
inline std::string MeetingPath(std::int64_t place, std::int64_t meeting) {
  return MeetingPath(std::to_string(place), std::to_string(meeting));
}

}  // namespace moteplass::http::operations

namespace moteplass::http::operations {

// The alerts of the caller's scope, and its forms (contracts/operations.md, "Alerts").
inline std::string AlertsPath() { return "/varsler"; }
inline std::string AcknowledgeAlertPath(const std::string& id) { return "/varsler/" + id + "/kvitter"; }
inline std::string AlertFeedTokenPath() { return "/varsler/nyhetsstrom"; }
inline std::string RevokeAlertFeedTokenPath() { return "/varsler/nyhetsstrom/slett"; }
inline constexpr const char* kAlertFeedApiPath = "/api/v1/alerts/feed.atom";

// The annual report of a year (contracts/operations.md); its PDF is the same address with ".pdf".
inline std::string AnnualReportPath(const std::string& place, const std::string& year) {
  return "/moteplasser/" + place + "/arsmelding/" + year;
}
inline std::string AnnualReportPath(std::int64_t place, int year) {
  return AnnualReportPath(std::to_string(place), std::to_string(year));
}

// The secretary's form for recording a meeting place's cases one after another.
inline std::string CaseFormPath(const std::string& place) { return "/moteplasser/" + place + "/saker/ny"; }
inline std::string CaseFormPath(std::int64_t place) { return CaseFormPath(std::to_string(place)); }

}  // namespace moteplass::http::operations

namespace moteplass::http::operations {

// The secretary's forms for a meeting place's members and meetings (a new one, and editing one).
inline std::string MembershipFormPath(const std::string& place) { return "/moteplasser/" + place + "/medlemmer/ny"; }
inline std::string MembershipEditPath(const std::string& place, const std::string& membership) {
  return "/moteplasser/" + place + "/medlemmer/" + membership + "/endre";
}
inline std::string MeetingFormPath(const std::string& place) { return "/moteplasser/" + place + "/moter/ny"; }
inline std::string MeetingEditPath(const std::string& place, const std::string& meeting) {
  return "/moteplasser/" + place + "/moter/" + meeting + "/endre";
}
inline std::string MembershipFormPath(std::int64_t place) { return MembershipFormPath(std::to_string(place)); }
inline std::string MembershipEditPath(std::int64_t place, std::int64_t membership) {
  return MembershipEditPath(std::to_string(place), std::to_string(membership));
}
inline std::string MeetingFormPath(std::int64_t place) { return MeetingFormPath(std::to_string(place)); }
inline std::string MeetingEditPath(std::int64_t place, std::int64_t meeting) {
  return MeetingEditPath(std::to_string(place), std::to_string(meeting));
}

}  // namespace moteplass::http::operations
