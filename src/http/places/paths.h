// The addresses of the places' pages, one function per page, used for routes and links alike.
#pragma once

#include <string>

namespace moteplass::http::places {

inline std::string MunicipalityPath(const std::string& number) { return "/kommuner/" + number; }
inline std::string CountyPath(const std::string& number) { return "/fylker/" + number; }
inline std::string RegionPath(const std::string& id) { return "/regioner/" + id; }

}  // namespace moteplass::http::places
