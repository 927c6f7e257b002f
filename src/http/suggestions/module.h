// The web module of suggestions from the public (core/suggestions): the public form and its
// JSON door, and the reviewers' inbox. Its routes, added by modules.cc (see http/module.h).
#pragma once

#include "http/module.h"

namespace moteplass::http::suggestions {

void AddApiRoutes(ModuleContext& m);   // api.cc
void AddPageRoutes(ModuleContext& m);  // pages.cc

// Counts one suggestion from the request's address against serve --suggestion-limit: 0 when it
// may go ahead, else the seconds until it may (the Retry-After), and then it is not counted.
long SuggestionWait(AppContext& app, const Request& request);

}  // namespace moteplass::http::suggestions
