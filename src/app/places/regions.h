// The places' use case: replace the IMDi regions (which counties each covers), from the
// command line's `regions set`. Only those the access table allows may; the change is kept in
// the history of "regions" and audited, all or nothing.
#pragma once

#include <string_view>

#include "app/services.h"

namespace moteplass::app {

// Parses and checks `json_text` (the format of data/regions-default.json) against the counties,
// then replaces the regions. kInvalid with a pointer into the file when it is wrong.
Result<std::vector<Region>> ReplaceRegions(Services& s, const Principal& who, std::string_view json_text);

}  // namespace moteplass::app
