// Interviews and their answers (contracts/studies.md, "Interview"): a canonical JSON document
// checked against the guide version it was given under. ParseInterview checks the shape and
// every answer against the guide: the question exists, a closed value fits its type and choice
// list, and a follow-up is answered only when its condition holds (the answer to the question it
// follows is one of its values). What needs the register (the informant, the study's guides and
// meeting places) is checked by the use cases (app/studies/interviews.h).
#pragma once

#include <nlohmann/json.hpp>

#include "core/error.h"

namespace moteplass::studies {

inline constexpr std::string_view kModes[] = {"phone", "in_person", "email", "video"};
inline constexpr std::string_view kAnswerStatuses[] = {"answered", "not_asked", "no_answer", "dont_know"};

// {"informant", "meeting_place", "guide", "guide_version", "mode", "started_at", "ended_at",
//  "interviewer", "reviewed_for_identifiers", "answers": [{"question", "value", "text", "status",
//  "revision"}]}, answers in the guide's order. "guide_version" must be given (the use case
// fills in the latest when the body has none). `guide` is that version's document.
Result<nlohmann::json> ParseInterview(const nlohmann::json& body, const nlohmann::json& guide);

// The answers of `after` with their revisions: 1 for a new answer; an answer whose text differs
// from `before`'s raises its revision by one; others keep theirs.
void Revise(const nlohmann::json& before, nlohmann::json& after);

}  // namespace moteplass::studies
