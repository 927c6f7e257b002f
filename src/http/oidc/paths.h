// The addresses of the OpenID Connect log-in, one function per page, for routes and links alike.
#pragma once

#include <string>

#include "http/accounts/paths.h"

namespace moteplass::http::oidc {

// Starts a log-in at the provider (GET, ?next= the page to return to).
inline std::string OidcLoginPath() { return accounts::LoginPath() + "/oidc"; }
// Where the provider sends the browser back (the redirect_uri registered with the provider).
inline std::string OidcCallbackPath() { return OidcLoginPath() + "/tilbake"; }

}  // namespace moteplass::http::oidc
