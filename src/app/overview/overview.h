// IMDi's overview (/imdi, core/overview): for national users every region, for a regional user
// their own (the access table's imdi.overview), and the target of new meeting places per region
// and year, which national users set (imdi.set_target).
#pragma once

#include "app/services.h"
#include "core/overview/overview.h"

namespace moteplass::app {

// The overview for `who`: the regions the access table lets them read. kForbidden (audited as
// nothing: reading is not audited) when none, kUnauthenticated for the public.
Result<overview::Overview> GetOverview(Services& s, const Principal& who, int current_year);

// The target in force: the one set, else overview::kDefaultTarget.
Result<int> OverviewTarget(Services& s);
// Sets the target: a whole number from 0 to kMaxTarget (kInvalid, pointer "/target", otherwise).
Status SetOverviewTarget(Services& s, const Principal& who, const std::string& target);

}  // namespace moteplass::app
