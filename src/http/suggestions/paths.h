// The addresses of the suggestions' pages, one function per page, used for routes and links alike.
#pragma once

#include <cstdint>
#include <string>

namespace moteplass::http::suggestions {

// The reviewers' inbox.
inline std::string InboxPath() { return "/forslag"; }
// The public form: a missing meeting place (?kommune=NNNN chooses the municipality), or facts out
// of date on one (?moteplass=ID).
inline std::string SuggestPath() { return InboxPath() + "/ny"; }
inline std::string SuggestMissingPath(const std::string& municipality) {
  return SuggestPath() + "?kommune=" + municipality;
}
inline std::string SuggestOutdatedPath(std::int64_t meeting_place) {
  return SuggestPath() + "?moteplass=" + std::to_string(meeting_place);
}
inline std::string ThanksPath() { return InboxPath() + "/takk"; }
inline std::string AcceptPath(const std::string& id) { return InboxPath() + "/" + id + "/godta"; }
inline std::string RejectPath(const std::string& id) { return InboxPath() + "/" + id + "/avvis"; }

}  // namespace moteplass::http::suggestions
