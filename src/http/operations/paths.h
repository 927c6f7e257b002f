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
