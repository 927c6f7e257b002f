// The OpenID Connect provider the register logs officers in with (ID-porten, Ansattporten, or an
// organisation's Entra ID), as a confidential client: the authorization code flow with PKCE
// (S256), `state` and `nonce`, the client secret sent as client_secret_basic or
// client_secret_post. The provider is found by discovery (ISSUER/.well-known/
// openid-configuration) and its keys (jwks_uri) are fetched with libcurl and kept: discovery for
// an hour, the keys until a token names a key they lack (then fetched again, at most every ten
// seconds). A stale copy is used while the provider cannot be reached, and without one the
// failure is repeated for 15 s without asking again. ID tokens are checked by
// core/accounts/id_token.h. Neither tokens nor codes are ever logged. Thread-safe.
#pragma once

#include <chrono>
#include <mutex>
#include <string>

#include <nlohmann/json.hpp>

#include "core/error.h"

namespace moteplass::http::oidc {

struct OidcOptions {
  std::string issuer;  // "" means OpenID Connect is off
  std::string client_id;
  std::string client_secret;
  std::string auth_method = "client_secret_basic";  // or "client_secret_post"
  // The claim an identity is matched on (IdentityStore): "sub", or "pid" for ID-porten's
  // national identity number.
  std::string claim = "sub";
  std::chrono::seconds timeout{10};
  std::chrono::seconds leeway{60};  // for exp and iat
};

// "" when `issuer` may be used, else why not: https, or http on a loopback address (tests).
std::string CheckIssuer(const std::string& issuer);

struct Discovery {
  std::string issuer;
  std::string authorization_endpoint;
  std::string token_endpoint;
  std::string jwks_uri;
  std::string end_session_endpoint;  // "" when the provider offers no RP-initiated logout
};

// What a successful log-in at the provider gives.
struct Identity {
  std::string issuer;
  std::string subject;   // the value of OidcOptions::claim
  std::string id_token;  // for id_token_hint at logout; never logged
};

// Errors: kUnavailable, slug "provider_unreachable" (503), when the provider does not answer;
// kInternal, slug "provider_error" (502), when it answers with something unusable (a failed
// discovery, a token endpoint refusing our client); kInvalid, slug "code_refused" (400), when it
// refuses the code (used already, expired); kUnauthenticated (401) with the slugs of
// VerifyIdToken when the ID token does not hold.
class Provider {
 public:
  explicit Provider(OidcOptions options) : options_(std::move(options)) {}

  const OidcOptions& options() const { return options_; }

  Result<Discovery> Discover();
  // Where to send the browser: the authorization endpoint with the client id, `redirect_uri`,
  // scope "openid", `state`, `nonce` and the S256 challenge of `verifier`.
  Result<std::string> AuthorizationUrl(const std::string& redirect_uri, const std::string& state,
                                       const std::string& nonce, const std::string& verifier);
  // Redeems the code at the token endpoint and checks the ID token it gives.
  Result<Identity> Redeem(const std::string& code, const std::string& redirect_uri, const std::string& verifier,
                          const std::string& nonce);
  // The end_session_endpoint with id_token_hint and post_logout_redirect_uri; "" when the
  // provider has none.
  Result<std::string> EndSessionUrl(const std::string& id_token_hint, const std::string& post_logout_redirect_uri);

 private:
  Result<nlohmann::json> Keys(bool refresh);

  OidcOptions options_;
  std::mutex mutex_;
  Discovery discovery_;
  std::chrono::steady_clock::time_point discovered_at_;
  std::chrono::steady_clock::time_point failed_at_;  // of the last discovery that got no answer
  Error failure_{ErrorCode::kUnavailable, "provider_unreachable", "", "", {}};
  nlohmann::json keys_;
  std::chrono::steady_clock::time_point keys_at_;
};

// application/x-www-form-urlencoded and query-string escaping (RFC 3986 unreserved kept).
std::string UrlEncode(const std::string& text);

}  // namespace moteplass::http::oidc
