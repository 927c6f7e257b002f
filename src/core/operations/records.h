// A meeting place in operation (contracts/operations.md): the people who sit in it, their
// memberships, its meetings and the cases it handles. Each is kept as its canonical JSON document
// (every field of the contract present, null where unknown) with the bookkeeping every resource
// has (id, version, times); Parse* turn a request body into that document or refuse it naming
// the field, so that the API, the forms, the command line and the demo data share one rule.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "core/journal.h"

namespace moteplass::ops {

enum class Kind { kPerson, kMembership, kMeeting, kCase };

// "person", "membership", "meeting", "case": the entity type in the history and audit log.
std::string_view EntityType(Kind kind);
// "people", "memberships", "meetings", "cases": the table and the path segment of the API.
std::string_view Plural(Kind kind);

// One stored record of any kind.
struct Record {
  std::int64_t id = 0;
  std::int64_t meeting_place = 0;  // 0 for a person
  std::int64_t person = 0;         // a membership's person; 0 otherwise
  nlohmann::json data;             // the canonical document (see Parse*)
  std::int64_t version = 0;
  std::string created_at;
  std::string updated_at;
  bool erased = false;  // a person whose personal data was erased (DELETE /people/{id})
};

inline constexpr std::string_view kSeats[] = {"immigrant_population", "politicians", "administration", "police",
                                              "other"};
inline constexpr std::string_view kMemberRoles[] = {"chair",  "deputy_chair",  "secretary",
                                                    "member", "deputy_member", "observer"};
inline constexpr std::string_view kCaseKinds[] = {"hearing", "advice_request", "own_initiative", "information"};
inline constexpr std::string_view kOutcomes[] = {"followed", "partly_followed", "not_followed", "no_decision",
                                                 "unknown"};

// The special categories of personal data in a person (never public, never in logs or history
// values).
inline constexpr std::string_view kSpecialFields[] = {"immigrant_background", "country_of_background"};

// {"name", "gender", "birth_year", "immigrant_background", "country_of_background",
//  "special_category_basis", "show_publicly"}. A special category other than null needs
// "special_category_basis": "consent" (pointer /special_category_basis).
Result<nlohmann::json> ParsePerson(const nlohmann::json& body);
// {"person", "role", "seat", "on_behalf_of", "paid", "starts", "ends"}; "ends" not before
// "starts". "starts" defaults to nothing: it is required.
Result<nlohmann::json> ParseMembership(const nlohmann::json& body);
// {"starts_at", "ends_at", "location", "kind", "called_by", "cancelled", "agenda", "minutes",
//  "attendance", "public"}; agenda items are numbered in order when they carry no order.
Result<nlohmann::json> ParseMeeting(const nlohmann::json& body);
// {"title", "kind", "from_body", "case_number", "received", "deadline", "handled_at_meeting",
//  "statement", "sent", "public", "decision"}.
Result<nlohmann::json> ParseCase(const nlohmann::json& body);
Result<nlohmann::json> Parse(Kind kind, const nlohmann::json& body);

// The history's changes between two documents; for a person, a changed special category is
// recorded with null before and after (that it changed, never its values).
std::vector<FieldChange> ChangesOf(Kind kind, const nlohmann::json& before, const nlohmann::json& after);

// The municipal election years: 2023, 2027, 2031, ... A term runs from 1 November of an election
// year to 31 October four years later.
bool IsElectionYear(int year);
// The term a date falls in, as {"starts", "ends"} ("2023-11-01", "2027-10-31").
std::pair<std::string, std::string> TermOf(std::string_view date);

}  // namespace moteplass::ops
