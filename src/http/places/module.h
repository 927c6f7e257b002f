// The places module of the web layer (see http/module.h): its API routes (api.cc) and its pages
// (pages.cc), registered by AddRoutes.
#pragma once

#include "http/module.h"

namespace moteplass::http::places {

void AddApiRoutes(ModuleContext& m);
void AddPageRoutes(ModuleContext& m);

// Everything the module serves.
inline void AddRoutes(ModuleContext& m) {
  AddApiRoutes(m);
  AddPageRoutes(m);
}

}  // namespace moteplass::http::places
