// iCalendar (RFC 5545) text: escaping, folding and CRLF lines, for the public meeting feed
// (GET /moteplasser/{id}/moter.ics).
#pragma once

#include <string>
#include <string_view>

namespace moteplass::http::operations {

// A TEXT value escaped: backslash, semicolon and comma with a backslash, line breaks as \n.
std::string IcalEscape(std::string_view text);
// One content line, folded after 75 octets (never inside a UTF-8 character) with CRLF and a
// space, and ended with CRLF.
std::string IcalLine(std::string_view line);
// "2026-02-03T17:00:00Z" as "20260203T170000Z".
std::string IcalTime(std::string_view instant);

}  // namespace moteplass::http::operations
