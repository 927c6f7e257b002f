// The addresses of the log-in pages, one function per page, used for routes and links alike.
#pragma once

#include <string>

namespace moteplass::http::accounts {

inline std::string LoginPath() { return "/logg-inn"; }
inline std::string LogoutPath() { return "/logg-ut"; }
inline std::string TokensPath() { return "/konto/nokler"; }
inline std::string RevokeTokenPath(const std::string& id) { return TokensPath() + "/" + id + "/trekk-tilbake"; }

}  // namespace moteplass::http::accounts
