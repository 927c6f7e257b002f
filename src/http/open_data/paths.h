// The addresses of the open-data pages and downloads, used for routes and links alike.
#pragma once

#include <string>

namespace moteplass::http::open_data {

inline std::string DataPagePath() { return "/apne-data"; }
inline std::string DataPackagePath() { return "/apne-data/datapakke.json"; }
inline std::string CsvPath() { return "/moteplasser.csv"; }
inline std::string XlsxPath() { return "/moteplasser.xlsx"; }
inline std::string FeedPath() { return "/moteplasser.atom"; }

}  // namespace moteplass::http::open_data
