// The web module of the analyses (contracts/analysis.md): the list and each analysis as
// JSON-stat 2.0 (or CSV) under /api/v1/analysis, and the pages /analyse and /analyse/{name};
// added by modules.cc (see http/module.h).
#pragma once

#include "http/module.h"

namespace moteplass::http::analysis {

void AddApiRoutes(ModuleContext& m);   // api.cc
void AddPageRoutes(ModuleContext& m);  // pages.cc

}  // namespace moteplass::http::analysis
