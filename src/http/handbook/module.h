// The web module of the handbook (/handbok): its pages, read by everyone, edited by national
// users with draft, review and publish; added by modules.cc. It has no API routes.
#pragma once

#include "http/module.h"

namespace moteplass::http::handbook {

inline void AddApiRoutes(ModuleContext&) {}
void AddPageRoutes(ModuleContext& m);  // pages.cc

}  // namespace moteplass::http::handbook
