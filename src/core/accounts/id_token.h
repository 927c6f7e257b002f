// Checking an OpenID Connect ID token (OpenID Connect Core 1.0, 3.1.3.7) against the provider's
// keys (its JWKS) and what the log-in expects. No I/O: the caller fetches the keys (http/oidc).
//
// The signature is checked by libjwt against the RSA key of the token's `kid`, built from the JWK
// by OpenSSL; the algorithm must be one of RS256, RS384 or RS512, read from the token's header
// and matched with the key before libjwt sees the token, so that neither "none" nor an HMAC
// keyed with the public key can pass. Then the claims: `iss` exactly the issuer; `aud` the client
// id or a list holding it (and then `azp` the client id when the list holds others, and whenever
// `azp` is there); `exp` in the future and `iat` not in the future, each with `leeway`; `nonce`
// the one sent; `sub` present.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/error.h"

namespace moteplass {

struct IdTokenExpectations {
  std::string issuer;
  std::string client_id;
  std::string nonce;
  std::chrono::system_clock::time_point now;
  std::chrono::seconds leeway{60};
};

// The verified claims; else kUnauthenticated with a slug saying what failed ("id_token_format",
// "id_token_algorithm", "id_token_signature", "id_token_issuer", "id_token_audience",
// "id_token_expired", "id_token_issued_at", "id_token_nonce", "id_token_subject"), or
// kNotFound (slug "id_token_key") when the JWKS has no key for the token's `kid`: the caller may
// fetch the keys again once (the provider may have rotated them) and retry.
Result<nlohmann::json> VerifyIdToken(std::string_view token, const nlohmann::json& jwks,
                                     const IdTokenExpectations& expect);

// The PEM (SubjectPublicKeyInfo) of an RSA JWK ({"kty": "RSA", "n": ..., "e": ...}); kInvalid
// when it is no RSA public key.
Result<std::string> RsaJwkToPem(const nlohmann::json& jwk);

// The PKCE code challenge of `verifier` by the S256 method (RFC 7636 4.2):
// base64url(SHA-256(verifier)).
std::string PkceS256(std::string_view verifier);

// base64url without padding (RFC 4648 section 5), as JWTs and PKCE use it.
std::string Base64UrlEncode(std::string_view bytes);
// kInvalid when `text` is not base64url (padding is tolerated).
Result<std::string> Base64UrlDecode(std::string_view text);

}  // namespace moteplass
