// The register module of the web layer (see http/module.h): its API routes (api.cc) and its pages
// (pages.cc), registered by AddRoutes.
#pragma once

#include "http/module.h"

namespace moteplass::http::registry {

void AddApiRoutes(ModuleContext& m);
void AddPageRoutes(ModuleContext& m);

// Everything the module serves.
inline void AddRoutes(ModuleContext& m) {
  AddApiRoutes(m);
  AddPageRoutes(m);
}

}  // namespace moteplass::http::registry

namespace moteplass::http::registry {

// The forms that change a meeting place (edit_pages.cc).
void AddEditRoutes(ModuleContext& m);

// Loads the meeting place of the route's {id} if the caller may see it: kNotFound for unknown,
// deleted or (to those not covered) unpublished ones (app::GetMeetingPlace).
Result<MeetingPlace> LoadVisible(AppContext& app, const Request& request);

}  // namespace moteplass::http::registry
