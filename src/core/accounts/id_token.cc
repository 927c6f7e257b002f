#include "core/accounts/id_token.h"

#include <jwt.h>
#include <sodium.h>

#include <cstdlib>
#include <memory>
#include <vector>

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>

#include "core/status_macros.h"

namespace moteplass {

using nlohmann::json;

namespace {

Error Refused(const std::string& slug, const std::string& message) {
  return Error{ErrorCode::kUnauthenticated, slug, message, "", {}};
}

// The algorithms accepted, each an RSA signature.
jwt_alg_t AllowedAlgorithm(const std::string& name) {
  if (name == "RS256") return JWT_ALG_RS256;
  if (name == "RS384") return JWT_ALG_RS384;
  if (name == "RS512") return JWT_ALG_RS512;
  return JWT_ALG_INVAL;
}

// The key for `kid` among the JWKS's signing keys; without a kid, the only RSA signing key.
Result<json> FindKey(const json& jwks, const std::string& kid, const std::string& alg) {
  if (!jwks.is_object() || !jwks.contains("keys") || !jwks["keys"].is_array()) {
    return Error{ErrorCode::kNotFound, "id_token_key", "the provider's key set holds no keys", "", {}};
  }
  std::vector<json> candidates;
  for (const json& key : jwks["keys"]) {
    if (!key.is_object() || key.value("kty", "") != "RSA") continue;
    if (key.contains("use") && key["use"] != "sig") continue;
    if (key.contains("alg") && key["alg"] != alg) continue;
    if (!kid.empty() ? key.value("kid", "") == kid : true) candidates.push_back(key);
  }
  if (candidates.size() == 1 || (!kid.empty() && !candidates.empty())) return candidates.front();
  return Error{ErrorCode::kNotFound, "id_token_key", "the provider's key set has no key for this token", "", {}};
}

// A JSON number claim as seconds since 1970; nullopt when missing or no number.
std::optional<long long> Seconds(const json& claims, const char* name) {
  if (!claims.contains(name) || !claims[name].is_number()) return std::nullopt;
  return static_cast<long long>(claims[name].get<double>());
}

}  // namespace

std::string Base64UrlEncode(std::string_view bytes) {
  std::string out(sodium_base64_encoded_len(bytes.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(out.find('\0'));
  return out;
}

std::string PkceS256(std::string_view verifier) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(verifier.data()), verifier.size());
  return Base64UrlEncode(std::string_view(reinterpret_cast<const char*>(digest), sizeof digest));
}

Result<std::string> Base64UrlDecode(std::string_view text) {
  while (!text.empty() && text.back() == '=') text.remove_suffix(1);
  std::string out(text.size(), '\0');
  std::size_t length = 0;
  const char* end = nullptr;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(), text.size(), nullptr,
                        &length, &end, sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
      end != text.data() + text.size()) {
    return Error::Invalid("not base64url", "");
  }
  out.resize(length);
  return out;
}

Result<std::string> RsaJwkToPem(const json& jwk) {
  if (!jwk.is_object() || jwk.value("kty", "") != "RSA" || !jwk.contains("n") || !jwk.contains("e") ||
      !jwk["n"].is_string() || !jwk["e"].is_string()) {
    return Error::Invalid("the key is no RSA public key", "");
  }
  ASSIGN_OR_RETURN(std::string n, Base64UrlDecode(jwk["n"].get<std::string>()));
  ASSIGN_OR_RETURN(std::string e, Base64UrlDecode(jwk["e"].get<std::string>()));
  if (n.size() < 256 || n.size() > 1024 || e.empty() || e.size() > 8) {
    return Error::Invalid("the RSA key is shorter than 2048 bits, or malformed", "");
  }
  using Bn = std::unique_ptr<BIGNUM, decltype(&BN_free)>;
  Bn bn_n(BN_bin2bn(reinterpret_cast<const unsigned char*>(n.data()), static_cast<int>(n.size()), nullptr), BN_free);
  Bn bn_e(BN_bin2bn(reinterpret_cast<const unsigned char*>(e.data()), static_cast<int>(e.size()), nullptr), BN_free);
  std::unique_ptr<OSSL_PARAM_BLD, decltype(&OSSL_PARAM_BLD_free)> build(OSSL_PARAM_BLD_new(), OSSL_PARAM_BLD_free);
  if (!bn_n || !bn_e || !build || !OSSL_PARAM_BLD_push_BN(build.get(), OSSL_PKEY_PARAM_RSA_N, bn_n.get()) ||
      !OSSL_PARAM_BLD_push_BN(build.get(), OSSL_PKEY_PARAM_RSA_E, bn_e.get())) {
    return Error::Internal("could not build the RSA key");
  }
  std::unique_ptr<OSSL_PARAM, decltype(&OSSL_PARAM_free)> params(OSSL_PARAM_BLD_to_param(build.get()), OSSL_PARAM_free);
  std::unique_ptr<EVP_PKEY_CTX, decltype(&EVP_PKEY_CTX_free)> ctx(EVP_PKEY_CTX_new_from_name(nullptr, "RSA", nullptr),
                                                                  EVP_PKEY_CTX_free);
  EVP_PKEY* raw = nullptr;
  if (!params || !ctx || EVP_PKEY_fromdata_init(ctx.get()) <= 0 ||
      EVP_PKEY_fromdata(ctx.get(), &raw, EVP_PKEY_PUBLIC_KEY, params.get()) <= 0) {
    return Error::Invalid("the RSA key is malformed", "");
  }
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(raw, EVP_PKEY_free);
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), BIO_free);
  if (!bio || PEM_write_bio_PUBKEY(bio.get(), key.get()) != 1) return Error::Internal("could not write the RSA key");
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(size));
}

Result<json> VerifyIdToken(std::string_view token, const json& jwks, const IdTokenExpectations& expect) {
  // The header, read before any signature check: it only chooses the key and the algorithm.
  const std::size_t dot = token.find('.');
  if (token.size() > 16384 || dot == std::string_view::npos || token.find('.', dot + 1) == std::string_view::npos) {
    return Refused("id_token_format", "the ID token is no signed JWT");
  }
  Result<std::string> header_text = Base64UrlDecode(token.substr(0, dot));
  if (!header_text.ok()) return Refused("id_token_format", "the ID token's header is not base64url");
  const json header = json::parse(*header_text, nullptr, false);
  if (!header.is_object() || !header.contains("alg") || !header["alg"].is_string()) {
    return Refused("id_token_format", "the ID token's header is no JSON object with an algorithm");
  }
  const std::string alg = header["alg"].get<std::string>();
  const jwt_alg_t expected_alg = AllowedAlgorithm(alg);
  if (expected_alg == JWT_ALG_INVAL) {
    return Refused("id_token_algorithm",
                   "the ID token is signed with " + alg.substr(0, 10) + "; only RS256, RS384 and RS512 are accepted");
  }
  const std::string kid = header.contains("kid") && header["kid"].is_string() ? header["kid"].get<std::string>() : "";
  ASSIGN_OR_RETURN(json key, FindKey(jwks, kid, alg));
  Result<std::string> pem = RsaJwkToPem(key);
  if (!pem.ok()) return Refused("id_token_signature", "the provider's key for this token is unusable");

  const std::string text(token);
  jwt_t* raw = nullptr;
  const int decoded = jwt_decode(&raw, text.c_str(), reinterpret_cast<const unsigned char*>(pem->data()),
                                 static_cast<int>(pem->size()));
  std::unique_ptr<jwt_t, decltype(&jwt_free)> jwt(raw, jwt_free);
  if (decoded != 0 || !jwt || jwt_get_alg(jwt.get()) != expected_alg) {
    return Refused("id_token_signature", "the ID token's signature does not match the provider's key");
  }
  std::unique_ptr<char, decltype(&std::free)> grants(jwt_get_grants_json(jwt.get(), nullptr), std::free);
  const json claims = grants ? json::parse(grants.get(), nullptr, false) : json();
  if (!claims.is_object()) return Refused("id_token_format", "the ID token's claims are no JSON object");

  if (!claims.contains("iss") || claims["iss"] != expect.issuer) {
    return Refused("id_token_issuer", "the ID token was issued by another provider");
  }
  const json& aud = claims.contains("aud") ? claims["aud"] : json();
  bool for_us = aud.is_string() && aud == expect.client_id;
  std::size_t audiences = 1;
  if (aud.is_array()) {
    audiences = aud.size();
    for (const json& a : aud) for_us = for_us || (a.is_string() && a == expect.client_id);
  }
  if (!for_us) return Refused("id_token_audience", "the ID token is meant for another client");
  if ((audiences > 1 || claims.contains("azp")) && (!claims.contains("azp") || claims["azp"] != expect.client_id)) {
    return Refused("id_token_audience", "the ID token was given to another client (azp)");
  }
  const long long now = std::chrono::duration_cast<std::chrono::seconds>(expect.now.time_since_epoch()).count();
  const long long leeway = expect.leeway.count();
  const std::optional<long long> exp = Seconds(claims, "exp");
  if (!exp || now >= *exp + leeway) return Refused("id_token_expired", "the ID token has expired");
  const std::optional<long long> iat = Seconds(claims, "iat");
  if (!iat || *iat > now + leeway) return Refused("id_token_issued_at", "the ID token is issued in the future");
  if (!claims.contains("nonce") || !claims["nonce"].is_string() || claims["nonce"] != expect.nonce) {
    return Refused("id_token_nonce", "the ID token belongs to another log-in (nonce)");
  }
  if (!claims.contains("sub") || !claims["sub"].is_string() || claims["sub"].get<std::string>().empty()) {
    return Refused("id_token_subject", "the ID token names no subject");
  }
  return claims;
}

}  // namespace moteplass
