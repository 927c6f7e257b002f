// The addresses of the advisor's page.
#pragma once

#include <string>

namespace moteplass::http::advisor {

inline std::string AdvisorPath() { return "/veileder"; }

}  // namespace moteplass::http::advisor
