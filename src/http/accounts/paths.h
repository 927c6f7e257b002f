// The addresses of the log-in pages, one function per page, used for routes and links alike.
#pragma once

#include <string>

namespace moteplass::http::accounts {

inline std::string LoginPath() { return "/logg-inn"; }
inline std::string LogoutPath() { return "/logg-ut"; }

}  // namespace moteplass::http::accounts
