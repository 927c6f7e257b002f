// What a shipped handbook page links besides its examples (core/handbook/handbook.h): the
// analyses of /analyse that show, from the register as it is today, what the page speaks of.
// Named per page in data/handbook/pages.json ("analyses") and read from there on each render,
// not kept with the page's versions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace moteplass::handbook {

// The analyses (core/analysis names, in order) that the shipped page `slug` links under
// /analyse; empty for a page that is not shipped.
std::vector<std::string> AnalysesOf(std::string_view slug);

}  // namespace moteplass::handbook
