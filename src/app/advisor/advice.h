// The advisor over the register (contracts/advisor.md): the advice for a situation, with the
// meeting places the municipality named as existing checked against the register and examples
// taken from its published meeting places. The API, the /veileder page and `moteplass advise`
// call it. Reads only; needs no login.
#pragma once

#include <nlohmann/json.hpp>

#include "app/services.h"
#include "core/advisor/advisor.h"

namespace moteplass::app {

// The advice as advisor.md's JSON. kInvalid (slug "invalid_situation", with the pointer) for an
// invalid situation, or an id in `existing` that is no published meeting place (/existing/N).
Result<nlohmann::json> Advise(Services& services, const nlohmann::json& situation);

// The same for a parsed situation (the page, which builds it from its form).
Result<advisor::Advice> Advise(Services& services, const advisor::Situation& situation);

}  // namespace moteplass::app
