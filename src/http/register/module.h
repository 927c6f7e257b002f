// The web module of the register (meeting places): its routes, added by modules.cc (see http/module.h).
#pragma once

#include "http/module.h"

namespace moteplass::http::registry {

void AddApiRoutes(ModuleContext& m);   // api.cc
void AddPageRoutes(ModuleContext& m);  // pages.cc

// The forms that change a meeting place (edit_pages.cc).
void AddEditRoutes(ModuleContext& m);
// The officer's own meeting places (mine_page.cc).
void AddMineRoutes(ModuleContext& m);

// Loads the meeting place of the route's {id} if the caller may see it: kNotFound for unknown,
// deleted or (to those not covered) unpublished ones (app::GetMeetingPlace).
Result<MeetingPlace> LoadVisible(AppContext& app, const Request& request);

}  // namespace moteplass::http::registry
