// A meeting place as the register keeps it: the structural profile (profile.schema.json)
// plus what people need to find it and take part. ParseMeetingPlaceInput validates the body of
// POST/PUT /api/v1/meeting-places (and of imports); ToJson renders the stored resource; Diff
// lists what changed between two versions for the history.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "core/places.h"

namespace moteplass {

struct Contact {
  std::string email;
  std::string phone;
};

// What a client sends (body of create and replace).
struct MeetingPlaceInput {
  nlohmann::json profile;        // valid against profile.schema.json
  std::string description;       // Markdown
  std::string how_to_take_part;  // Markdown
  Contact contact;
  std::string website;      // "" or an http(s) URL
  std::string established;  // "" or YYYY-MM-DD
  std::string ceased;       // "" or YYYY-MM-DD, not before established
  bool is_public = true;
};

// A kind recorded by a person, overriding the computed one (issue 4), with the reason.
struct RecordedKind {
  std::string kind;
  std::string justification;
  std::string by;  // username
  std::string at;  // timestamp
};

// What the register stores and returns.
struct MeetingPlace {
  std::int64_t id = 0;
  MeetingPlaceInput input;
  // Derived from the profile when stored, for filtering and sorting.
  std::string name;
  std::string level;
  std::string municipality;  // "" unless municipal (or intermunicipal with a host municipality)
  std::string county;
  std::string region;
  // The typology's verdict for the profile (classification.md result), or null before it exists.
  nlohmann::json classification;
  std::string kind;  // the kind in force: recorded if any, else computed; "" when none
  std::optional<RecordedKind> recorded_kind;
  bool example = false;  // part of the demo data
  std::int64_t version = 1;
  std::string created_at;
  std::string updated_at;
  std::string deleted_at;  // "" unless soft-deleted
};

// Validates a request body; on failure the Error's pointer names the field
// (e.g. "/profile/seats/politicians", "/website"). Municipality and county in the profile must
// exist in `places`; for level "municipal" the municipality is required and the county is
// derived from it (and must agree when given).
Result<MeetingPlaceInput> ParseMeetingPlaceInput(const nlohmann::json& body, const Places& places);

// The typology's verdict (classification.md result object) for the input's profile, which
// ParseMeetingPlaceInput has already validated.
nlohmann::json ClassifyInput(const MeetingPlaceInput& input);

// The resource as the API returns it: the input fields plus id, kind, example, version and
// timestamps.
nlohmann::json ToJson(const MeetingPlace& place);

// One changed field between two versions, for the history.
struct FieldChange {
  std::string pointer;  // JSON pointer into the resource, e.g. "/profile/seats/politicians"
  nlohmann::json before;  // null when added
  nlohmann::json after;   // null when removed
};

// Lists the leaf fields that differ between two renderings of a resource, ignoring
// bookkeeping fields (id, version, timestamps).
std::vector<FieldChange> Diff(const nlohmann::json& before, const nlohmann::json& after);

}  // namespace moteplass
