// Example members, meetings and cases for the example meeting places (the demo data), so that
// the members, the meeting pages, the calendar feed and the influence have something to show.
// Invented and deterministic: the same register gets the same data. Removed with the example
// meeting places (`moteplass demo remove`: OperationsStore::RemoveExamples).
#pragma once

#include <cstdint>
#include <string>

#include "app/services.h"

namespace moteplass::app {

// For every live example meeting place with no memberships yet: members for its profile's seats
// (a term from 2023-11-01 to 2027-10-31, some shown publicly), four meetings a year from 2024
// up to `today` (with an extra meeting in 2025), and cases (hearings for a hearing body, advice
// requests for an advisory one, an own initiative a year) with statements and outcomes. Returns
// how many records it wrote.
Result<std::int64_t> LoadExampleOperations(Services& s, const Principal& who, const std::string& today);

}  // namespace moteplass::app
