// Statistics Norway's table (contracts/analysis.md): `moteplass ssb import FILE.json` reads a
// JSON-stat 2.0 dataset of immigrants and Norwegian-born to immigrant parents by municipality and
// country background and replaces the imported table, all or nothing. The advisor (its
// immigrant_population when a request leaves it out; comparable municipalities) and IMDi's
// overview read it.
#pragma once

#include <string_view>

#include "app/services.h"
#include "core/ssb/table.h"

namespace moteplass::app {

// Parses `json_text` strictly (core/ssb/table.h) and replaces the imported table. kInvalid with
// a pointer into the file when it is wrong, and then nothing is written.
Result<ssb::Table> ImportSsbTable(Services& s, const Principal& who, std::string_view json_text, std::string_view what);

}  // namespace moteplass::app
