// The web module of IMDi's overview (/imdi): one page for national and regional users, and the
// form national users set the target with; added by modules.cc. It has no API routes.
#pragma once

#include "http/module.h"

namespace moteplass::http::overview {

inline std::string OverviewPath() { return "/imdi"; }
inline std::string OverviewTargetPath() { return "/imdi/mal"; }

inline void AddApiRoutes(ModuleContext&) {}
void AddPageRoutes(ModuleContext& m);  // pages.cc

}  // namespace moteplass::http::overview
