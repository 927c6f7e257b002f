// The example mapping study of the demo data (issue 9, item 6): invented, marked "example": true,
// over the first 25 example meeting places, with 35 informants from both sides (pseudonyms only;
// no identities) whose answers to the participant guide follow the report's findings
// (brief/DOMAIN.md §4-5): they feel somewhat heard, were offered no training and want it, few
// cases come to them, a few fiery souls keep the place going, few outside know of it. The
// informants of the first meeting place with hearing status contradict each other (whether it is
// a hearing body, whether contact with the authority is good), so that the matrix and the
// proposal have a disagreement to show.
#pragma once

#include <cstdint>

#include "app/services.h"

namespace moteplass::app {

// Loads the example study unless there is one; returns how many informants it got (0 when it
// was there). Run by `demo load` and `serve --demo` after the example meeting places.
Result<std::int64_t> LoadExampleStudy(Services& s, const Principal& who);

// Erases every example study (with its informants and interviews); returns how many.
Result<std::int64_t> RemoveExampleStudies(Services& s, const Principal& who);

}  // namespace moteplass::app
