// The addresses of the register's pages, one function per page. Routes are registered with the
// same functions (given "{id}"), so a link and its route cannot drift apart.
#pragma once

#include <cstdint>
#include <string>

namespace moteplass::http::registry {

inline std::string DirectoryPath() { return "/moteplasser"; }
// The directory filtered by one parameter, e.g. DirectoryPath("kind", "council").
inline std::string DirectoryPath(const std::string& param, const std::string& value) {
  return DirectoryPath() + "?" + param + "=" + value;
}
inline std::string NewMeetingPlacePath() { return DirectoryPath() + "/ny"; }
inline std::string MeetingPlacePath(const std::string& id) { return DirectoryPath() + "/" + id; }
inline std::string EditPath(const std::string& id) { return MeetingPlacePath(id) + "/endre"; }
inline std::string DeletePath(const std::string& id) { return MeetingPlacePath(id) + "/slett"; }
inline std::string RecordKindPath(const std::string& id) { return MeetingPlacePath(id) + "/type"; }
inline std::string HistoryPath(const std::string& id) { return MeetingPlacePath(id) + "/historikk"; }

// The meeting places the logged-in officer looks after.
inline std::string MinePath() { return "/mine-moteplasser"; }

inline std::string MeetingPlacePath(std::int64_t id) { return MeetingPlacePath(std::to_string(id)); }
inline std::string EditPath(std::int64_t id) { return EditPath(std::to_string(id)); }

}  // namespace moteplass::http::registry
