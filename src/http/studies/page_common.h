// What the pages of mapping studies share (pages.cc, interview_page.cc, matrix_page.cc): loading
// the study for the reader through the use cases (so that the pages refuse exactly as the API
// does: 404 to whom the study does not name, 403 audited to whom it names without the right), the
// answer to a refusal, labels of the contract's values in the reader's language, and the error
// summary of a form.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/studies/studies.h"
#include "http/pages.h"

namespace moteplass::http::studies {

// The study of the route's {id} for the reader; a visitor is sent to log in (returning to the
// page), anyone the study does not name gets 404.
Result<app::StudyAccess> LoadStudy(Pages& pages, PageContext& c, std::optional<Response>& refused);
// The page for a refusal: the log-in redirect when `refused` holds one, 404, 403, 409 or 400.
Response RefusedPage(Pages& pages, PageContext& c, const std::optional<Response>& refused, const Error& e);
// For a POST: the session's CSRF token must come with the form (nullopt when it does).
std::optional<Response> CheckCsrf(Pages& pages, PageContext& c);

// "study_pages.<group>.<value>" in the reader's language (sides, roles, genders, modes, statuses).
std::string Label(const std::string& group, const std::string& value, Lang lang);
// A guide's label object ({"nb","nn","en"}) in the reader's language.
std::string InLang(const nlohmann::json& label, Lang lang);
// The name of a meeting place for the study's pages ("#12" when it cannot be read).
std::string PlaceName(Pages& pages, std::int64_t id);

}  // namespace moteplass::http::studies
