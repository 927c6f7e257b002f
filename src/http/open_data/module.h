// The web module of open data: the register's public records as CSV and XLSX with the
// directory's filters, the data page with the data dictionary and the licence, and the
// machine-readable Data Package. Added by modules.cc (see http/module.h).
#pragma once

#include "http/module.h"

namespace moteplass::http::open_data {

void AddApiRoutes(ModuleContext& m);   // pages.cc: none of its own (the API list has ?format=csv)
void AddPageRoutes(ModuleContext& m);  // pages.cc

}  // namespace moteplass::http::open_data
