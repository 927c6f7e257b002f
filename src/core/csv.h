// One field of RFC 4180 CSV, for every CSV the program writes (open data, the analyses' tables,
// a study's export): quoted when it holds a comma, a quote or a line end, quotes doubled.
#pragma once

#include <string>
#include <string_view>

namespace moteplass {

std::string CsvField(std::string_view field);

}  // namespace moteplass
