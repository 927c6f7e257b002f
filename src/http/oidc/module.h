// The web module of the OpenID Connect log-in (http/oidc): its routes, added by modules.cc (see
// http/module.h) when a provider is configured (serve --oidc-issuer), and what log-out needs.
#pragma once

#include <optional>

#include "http/module.h"

namespace moteplass::http::oidc {

void AddApiRoutes(ModuleContext& m);   // none
void AddPageRoutes(ModuleContext& m);  // pages.cc

// After the local session has ended: the page that sends the browser on to the provider's
// end_session_endpoint (RP-initiated logout, with id_token_hint and post_logout_redirect_uri)
// when the session began there and the provider has one; nullopt otherwise. Either way the
// caller adds ClearLogoutCookie().
std::optional<Response> ProviderLogout(Pages& pages, PageContext& c);
// The Set-Cookie header that forgets the ID token kept for the provider's logout.
std::string ClearLogoutCookie(Pages& pages);

}  // namespace moteplass::http::oidc
