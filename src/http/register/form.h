// The form for creating and editing a meeting place on the web pages: which fields it has, how
// posted fields become the JSON body the API takes (so that pages and API share one
// validation, ParseMeetingPlaceInput), and how validation errors are shown next to each field
// in the reader's language. The choices of select and checklist fields are the "enum" of the
// profile schema (data/profile.schema.json), so that a value added there shows in the form.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "core/messages.h"
#include "core/places/places.h"
#include "core/register/meeting_place.h"

namespace moteplass::http::registry {

struct FormError {
  std::string pointer;   // "/profile/seats/politicians"
  std::string field_id;  // the id of the input in the page
  std::string message;   // in the reader's language
};

// The meeting-place body (as POST /api/v1/meeting-places takes it) from posted form fields.
nlohmann::json BodyFromForm(const std::vector<std::pair<std::string, std::string>>& fields);

// Validates a body, collecting as many errors as can be found (each field's first one).
struct FormOutcome {
  std::optional<MeetingPlaceInput> input;
  std::vector<FormError> errors;
};
FormOutcome ValidateForm(const nlohmann::json& body, const Places& places, Lang lang);

// The view of the form for the template "form": groups of fields with their values (from
// `body`), labels, hints and errors.
nlohmann::json FormView(const nlohmann::json& body, const std::vector<FormError>& errors, const Places& places,
                        Lang lang);

// The id of the input for a JSON pointer: "/profile/seats/politicians" -> "f-profile-seats-politicians".
std::string FieldId(const std::string& pointer);

// The values `schema` allows for the value at `pointer` ("/level", "/purposes", "/seats/kind"),
// in the schema's order: the "enum" of the property the pointer names, or of its "items" when it
// is an array. The walk follows "properties", "items" (for array indices) and local "$ref"s
// ("#/$defs/level"). An Error (kInternal) says where the walk stopped when there is no enum of
// strings there: that is a mistake in the code's field table or in the schema.
Result<std::vector<std::string>> SchemaChoices(const nlohmann::json& schema, const std::string& pointer);

// A field of the form whose choices come from the profile schema, with what its lookup gave.
struct FieldChoices {
  std::string pointer;                       // in the meeting-place body: "/profile/level"
  Result<std::vector<std::string>> choices;  // the schema's enum, or why there is none
};

// Every select and checklist field of the form that is not a place (municipality, county), in
// the form's order, resolved once against the embedded profile schema. A field whose lookup fails
// shows no choices; form_test.cc fails on it, so that it never ships.
const std::vector<FieldChoices>& SchemaChoiceFields();

}  // namespace moteplass::http::registry
