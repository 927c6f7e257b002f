// An analysis drawn as an accessible SVG chart on the server (issue 11): horizontal bars, one
// group per category of the first dimension and one bar per category of the last (one bar for a
// single dimension), each series with its own pattern as well as its own colour, the value written
// after each bar exactly as the table beside it writes it (CellText). role="img" with
// aria-labelledby naming its <title> and <desc>; a viewBox 320 units wide with a responsive width
// (static/app.css .mp-chart), so that it reads at 320 px without scrolling sideways. Hidden cells
// get no bar, only ":"; zeros and empty cells get no bar either, so the chart lists what is there.
#pragma once

#include <cstddef>
#include <string>

#include "core/analysis/dataset.h"
#include "core/messages.h"

namespace moteplass::http::analysis {

// Whether the analysis's values are shares 0..1 (written as whole percentages).
bool Shares(const moteplass::analysis::Dataset& d);

// The text of cell `i` as the table and the chart write it: ":" hidden, "–" empty, "42 %" for a
// share, else the number.
std::string CellText(const moteplass::analysis::Dataset& d, std::size_t i);

// The chart as an <svg> element; `id` prefixes the ids of its title and description.
std::string ChartSvg(const moteplass::analysis::Dataset& d, Lang lang, const std::string& id);

}  // namespace moteplass::http::analysis
