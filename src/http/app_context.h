// What every module of the web layer works with: the store, the authenticator, the places the
// register knows, the public address, and the use cases' services. One per server.
#pragma once

#include <memory>
#include <string>

#include "app/services.h"
#include "core/places/places.h"
#include "http/auth.h"
#include "http/rate_limiter.h"
#include "store/store.h"

namespace moteplass::http {

namespace oidc {
class Provider;
}

struct AppContext {
  Store& store;
  Authenticator& auth;
  Places places;  // loaded at start
  // The address the public reaches the site at, without a trailing slash, for absolute links
  // (sitemap.xml); --public-url, else the address the server listens on.
  std::string public_url;
  // The use cases' view of the above; its listener empties the caches a write touched.
  app::Services services{store, places};
  // The OpenID Connect provider officers may log in with (http/oidc); null when not configured.
  std::shared_ptr<oidc::Provider> oidc{};
  // How often one address may send a suggestion from the public (serve --suggestion-limit).
  std::shared_ptr<RateLimiter> suggestion_limiter = std::make_shared<RateLimiter>(10, std::chrono::hours(1));
};

}  // namespace moteplass::http
