// The web module of the places (counties, municipalities, regions): its routes, added by modules.cc (see
// http/module.h).
#pragma once

#include "http/module.h"

namespace moteplass::http::places {

void AddApiRoutes(ModuleContext& m);   // api.cc
void AddPageRoutes(ModuleContext& m);  // pages.cc

}  // namespace moteplass::http::places
