// Interview guides (contracts/studies.md, "Guides"): a guide is a canonical JSON document
//   {"id", "title": {nb,nn,en}, "description": {nb,nn,en}|null,
//    "sections": [{"name", "label": {nb,nn,en}}],
//    "lists": [{"list", "choices": [{"name", "label": {nb,nn,en}}]}],
//    "questions": [{"name", "type", "list", "label", "hint", "required", "follows",
//                   "profile_pointer", "section", "ref"}]}
// where every question field of the contract is present (null where unknown), "section" names
// the section (an XLSForm group) the question belongs to, and "ref" is the report's numbering
// ("1a") or null. ParseGuide checks and normalises one, refusing it naming the field, so that the
// built-in guides, an XLSForm import and the API share one rule. The two built-in guides are
// data files (data/guides/<id>.json) transcribed from the report's appendices 3 and 4.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/error.h"

namespace moteplass::studies {

inline constexpr std::string_view kBuiltInGuides[] = {"participant-2007", "imdi-regional-2007"};
inline constexpr std::string_view kQuestionTypes[] = {"select_one", "select_multiple", "integer", "date", "text",
                                                      "note"};
// Names an XLSForm export uses for the interview's context; no question or section may take them.
inline constexpr std::string_view kReservedNames[] = {"informant",         "meeting_place", "mode", "moteplass_guide",
                                                      "moteplass_version", "start",         "end",  "interview_mode"};

// The guide document, checked and normalised; kInvalid naming the field otherwise.
Result<nlohmann::json> ParseGuide(const nlohmann::json& body);

// The built-in guide `id` as shipped (parsed); kNotFound for another id.
Result<nlohmann::json> BuiltInGuide(std::string_view id);

// The question named `name` in a guide, or nullptr.
const nlohmann::json* FindQuestion(const nlohmann::json& guide, std::string_view name);
// The choices of list `list` in a guide, or nullptr.
const nlohmann::json* FindList(const nlohmann::json& guide, std::string_view list);

// Whether `name` is a valid XLSForm name (a letter or underscore, then letters, digits, _ . -).
bool IsXmlName(std::string_view name);

}  // namespace moteplass::studies
