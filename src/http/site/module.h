// The web module of the site itself: its routes, added by modules.cc (see http/module.h).
#pragma once

#include "http/module.h"

namespace moteplass::http::site {

void AddApiRoutes(ModuleContext& m);   // api.cc
void AddPageRoutes(ModuleContext& m);  // pages.cc

}  // namespace moteplass::http::site
