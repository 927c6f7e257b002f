// The read-only OParl 1.1 view under /oparl/v1 (contracts/operations.md, "OParl"): the system,
// the bodies (municipalities and county authorities), and what each links, as the public sees
// it (app/oparl); the objects are shaped by core/oparl. Added by modules.cc.
//
// Absolute ids are built from the server's public address (serve --public-url, else the address
// it listens on), never from the request's Host header, which the client chooses.
#pragma once

#include "http/module.h"

namespace moteplass::http::oparl {

void AddApiRoutes(ModuleContext& m);   // api.cc
void AddPageRoutes(ModuleContext& m);  // none: the view is JSON only

}  // namespace moteplass::http::oparl
