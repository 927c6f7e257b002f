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

#include "core/accounts/account.h"
#include "core/error.h"
#include "core/journal.h"
#include "core/places/places.h"
#include "core/register/texts.h"

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
  std::string language = "nb";   // what description and how_to_take_part are written in (texts.h)
  Translations translations;     // the two texts in other languages
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
  // A list read without the reasons (MeetingPlaceQuery::with_classification false) leaves it null;
  // computed_kind and subtype are kept beside it in the store, so they are there either way.
  nlohmann::json classification;
  std::string computed_kind;  // the typology's kind, "" when none (ComputedKind(classification))
  std::string subtype;        // the classification's subtype ("police_forum"), "" when none
  std::string kind;           // the kind in force: recorded if any, else computed; "" when none
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
// timestamps. A place read without its classification gets "classification": null here, and
// computed_kind and subtype from the stored columns.
nlohmann::json ToJson(const MeetingPlace& place);

// Lists the leaf fields that differ between two renderings of a resource, ignoring
// bookkeeping fields (id, version, timestamps).
std::vector<FieldChange> Diff(const nlohmann::json& before, const nlohmann::json& after);

}  // namespace moteplass

namespace moteplass {

// The columns the register derives from a meeting place's profile when storing it, for
// filtering, sorting and search.
struct DerivedColumns {
  std::string name;
  std::string level;
  std::string municipality;  // "" unless municipal (or intermunicipal with a host)
  std::string county;
  std::string computed_kind;  // the typology's kind, "" when none
};

// Derives the stored columns from an input and its classification, checking that its places
// exist in `places`. Fails with kInvalid and a pointer into the profile ("/profile/municipality",
// "/profile/county", "/profile/name") as ParseMeetingPlaceInput does.
Result<DerivedColumns> DeriveColumns(const MeetingPlaceInput& input, const nlohmann::json& classification,
                                     const Places& places);

// Where a stored or proposed meeting place sits, for access decisions (core/access/access.h).
RecordLocation LocationOf(const MeetingPlace& place);
// Where `input` would put a meeting place (`id` 0 for a new one); the county and region come
// from the municipality when the profile names none.
RecordLocation LocationOf(const MeetingPlaceInput& input, const Places& places, std::int64_t id);

// The kind a classification gives ("" when none).
std::string ComputedKind(const nlohmann::json& classification);
// The subtype a classification gives ("police_forum"; "" when none).
std::string ComputedSubtype(const nlohmann::json& classification);

}  // namespace moteplass
