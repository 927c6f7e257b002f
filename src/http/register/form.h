// The form for creating and editing a meeting place on the web pages: which fields it has, how
// posted fields become the JSON body the API takes (so that pages and API share one
// validation, ParseMeetingPlaceInput), and how validation errors are shown next to each field
// in the reader's language.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

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

}  // namespace moteplass::http::registry
