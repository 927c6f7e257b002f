// The web module of the advisor: POST /api/v1/advice and the /veileder page, added by
// modules.cc (see http/module.h). Both need no login and share one per-client rate limit.
#pragma once

#include <chrono>

#include "http/module.h"
#include "http/rate_limiter.h"

namespace moteplass::http::advisor {

// Requests with a situation per address and minute, for the API and the page's answers together.
inline constexpr int kAdviceRequestsPerMinute = 60;
RateLimiter& AdviceLimiter();

void AddApiRoutes(ModuleContext& m);   // api.cc
void AddPageRoutes(ModuleContext& m);  // pages.cc

}  // namespace moteplass::http::advisor
