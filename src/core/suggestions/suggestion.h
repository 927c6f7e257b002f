// Suggestions from the public (issue 13, item 6): a visitor, without logging in, tells the
// register of a meeting place it is missing ("missing") or of facts on a meeting place's page that
// are out of date ("outdated"). A suggestion goes to the officers whose scope covers where it is
// (the municipality's officers, the IMDi regional users of its region; the access table's
// suggestion.review) and publishes nothing: a person accepts it (and then writes the record
// through the register's own forms) or rejects it with a reason.
//
// The suggester's e-mail address is optional personal data: shown only to those who review the
// suggestion, never logged or put in history, erased when the suggestion is closed, and after
// kEmailKeptDays at the latest while it stays open.
#pragma once

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "core/places/places.h"

namespace moteplass::suggestions {

// Limits on what a visitor may send (characters after normalisation).
inline constexpr std::size_t kMaxName = 200;
inline constexpr std::size_t kMaxMessage = 2000;
inline constexpr std::size_t kMaxEmail = 254;
inline constexpr std::size_t kMaxReason = 1000;
// How long an open suggestion keeps the suggester's e-mail address.
inline constexpr int kEmailKeptDays = 90;

// What a visitor sends, checked.
struct SuggestionInput {
  std::string kind;                   // "missing" or "outdated"
  std::int64_t meeting_place_id = 0;  // the meeting place an "outdated" suggestion is about
  std::string name;                   // the missing meeting place's name ("" for "outdated")
  std::string municipality;           // where a missing one is (4 digits); for "outdated", the place's
  std::string county;                 // the municipality's county, or a county-level place's county
  std::string message;                // what is missing or out of date, in the suggester's words
  std::string email;                  // optional: for questions back ("" when not given)
  std::string lang;                   // the language of the page it was sent from: nb, nn or en
};

// A stored suggestion.
struct Suggestion {
  std::int64_t id = 0;
  SuggestionInput input;
  std::string status;  // "open", "accepted" or "rejected"
  std::string reason;  // why it was rejected ("" otherwise)
  std::string created_at;
  std::string closed_at;  // "" while open
  std::string closed_by;  // the user who closed it ("" while open)
  std::int64_t version = 1;
};

// Checks a visitor's suggestion as JSON: {"kind", "meeting_place" (id, for "outdated"), "name" and
// "municipality" (for "missing"), "message", "email" (optional), "lang" (optional, default nb)}.
// Unknown members are refused. kInvalid naming the field (pointer "/name", "/message", ...) when
// something is wrong; the meeting place's own location is filled in by the caller.
Result<SuggestionInput> ParseSuggestion(const nlohmann::json& body, const Places& places);

// Checks a reviewer's reason for rejecting (required, one to kMaxReason characters).
Result<std::string> ParseReason(const std::string& reason);

// Whether `email` looks like an address a person could write back to (one '@', something on
// both sides, a dot in the domain, no spaces).
bool PlausibleEmail(const std::string& email);

// The suggestion as the API shows it to a reviewer (with the e-mail while it is kept).
nlohmann::json ToJson(const Suggestion& s);

}  // namespace moteplass::suggestions
