// The use cases of suggestions from the public (core/suggestions/suggestion.h): a visitor sends
// one; the officers whose scope covers it (access: suggestion.review) read their inbox and accept
// or reject each. Nothing is published by a suggestion: accepting one closes it, and the reviewer
// then writes the meeting place through the register's own forms (a prefilled draft for a missing
// one, the meeting place's own form for facts out of date).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/services.h"
#include "core/suggestions/suggestion.h"

namespace moteplass::app {

// Where a suggestion is, for the access table: its municipality, county and that county's region.
RecordLocation LocationOf(const Places& places, const suggestions::Suggestion& s);

// Checks and keeps a visitor's suggestion (anyone may send one; the caller has already limited how
// often). An "outdated" suggestion must name a meeting place the public can see (kInvalid, pointer
// "/meeting_place", otherwise); it takes that place's municipality and county.
Result<suggestions::Suggestion> SubmitSuggestion(Services& s, const Principal& who, const nlohmann::json& body);

// The suggestions with `status` ("open", "accepted", "rejected", "" for all) that `who` may review,
// the newest first. kUnauthenticated for a visitor, kForbidden for a role that reviews none.
Result<std::vector<suggestions::Suggestion>> ListSuggestions(Services& s, const Principal& who,
                                                             const std::string& status);

// One suggestion, if `who` may review it (kNotFound when there is none).
Result<suggestions::Suggestion> GetSuggestion(Services& s, const Principal& who, std::int64_t id);

// Closes an open suggestion: accepted, or rejected with a reason (kInvalid, pointer "/reason",
// without one). kConflict when it is closed already or `expected_version` (0: any) is stale.
Result<suggestions::Suggestion> CloseSuggestion(Services& s, const Principal& who, std::int64_t id, bool accept,
                                                const std::string& reason, std::int64_t expected_version);

}  // namespace moteplass::app
