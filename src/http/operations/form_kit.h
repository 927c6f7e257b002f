// What the secretary's forms of a meeting place share (case_form.cc, membership_form.cc,
// meeting_form.cc): who may open them (operations.manage in the access table, through
// app::OperationsOf), the page a refusal answers with, the session's CSRF check, and a time typed
// in Norway turned into the register's instant.
#pragma once

#include <optional>
#include <string>
#include <utility>

#include "app/operations/operations.h"
#include "http/module.h"
#include "http/pages.h"

namespace moteplass::http::operations {

// The meeting place of the route's {id}, if the caller may manage its operations. An anonymous
// caller is sent to log in and come back to `form_path` (set in `refused`).
Result<app::OperationsAccess> ManagedPlace(Pages& pages, PageContext& c, const std::string& form_path,
                                           std::optional<Response>& refused);
// The page for a refusal: the log-in redirect when there is one, 404 for a meeting place the
// caller may not see, 409 for a stale version, 403 for a role that does not cover it.
Response RefusedPage(Pages& pages, PageContext& c, const std::optional<Response>& refused, const Error& e);
// A POST's refusal before anything is read from its form: a bad CSRF token (403), or a caller
// who may not manage the meeting place. A role that does not cover it is refused again by the
// use case (`kind`), so that the refusal is audited as the API's is. nullopt: go on.
std::optional<Response> RefusePost(Pages& pages, PageContext& c, ops::Kind kind, const std::string& form_path,
                                   Result<app::OperationsAccess>& access);
// "2026-02-03" and "18:30" in Norway as the register's instant ("2026-02-03T18:30:00+01:00");
// nullopt when the time is not HH:MM (or H.MM, HH.MM).
std::optional<std::string> OsloInstant(const std::string& date, const std::string& typed_time);
// The Oslo wall-clock time of a stored instant as the form shows it: {"26.11.2026", "18:30"}.
std::pair<std::string, std::string> TypedDateTime(const std::string& instant);
// "2026-11-26" as typed in the forms: "26.11.2026" ("" for anything else).
std::string TypedDate(const nlohmann::json& date);

// A form's four routes: GET and POST of the new record's form at `new_path` and of an existing
// record's at `edit_path`, neither cached nor indexed; `get` and `post` are told which.
using FormHandler = Response (*)(Pages&, PageContext&, bool edit);
void AddFormRoutes(ModuleContext& m, const std::string& new_path, const std::string& edit_path, FormHandler get,
                   FormHandler post);

}  // namespace moteplass::http::operations
