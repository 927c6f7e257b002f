#include "http/oidc/provider.h"

#include <sodium.h>

#include "core/accounts/id_token.h"
#include "core/status_macros.h"
#include "http/oidc/fetch.h"

namespace moteplass::http::oidc {

using nlohmann::json;

namespace {

constexpr auto kDiscoveryLifetime = std::chrono::hours(1);
constexpr auto kKeysLifetime = std::chrono::hours(1);
constexpr auto kKeysRefetchAfter = std::chrono::seconds(10);
constexpr auto kRetryAfterFailure = std::chrono::seconds(15);

Error ProviderError(const std::string& message) {
  return Error{ErrorCode::kInternal, "provider_error", message, "", {}};
}

// The host of an http(s) URL, without port or brackets; "" when it is none.
std::string HostOf(const std::string& url) {
  const std::size_t start = url.find("://");
  if (start == std::string::npos) return "";
  std::string rest = url.substr(start + 3);
  rest = rest.substr(0, rest.find_first_of("/?#"));
  if (rest.find('@') != std::string::npos) return "";
  if (rest.starts_with("[")) return rest.substr(1, rest.find(']') - 1);
  return rest.substr(0, rest.find(':'));
}

bool Loopback(const std::string& url) {
  const std::string host = HostOf(url);
  return host == "127.0.0.1" || host == "localhost" || host == "::1";
}

// An endpoint the provider names: https, or http when the issuer itself is on loopback.
bool UsableEndpoint(const std::string& url, const std::string& issuer) {
  if (url.find_first_of(" \t\r\n\"<>") != std::string::npos || HostOf(url).empty()) return false;
  return url.starts_with("https://") || (url.starts_with("http://") && Loopback(issuer) && Loopback(url));
}

std::string Base64(const std::string& bytes) {
  std::string out(sodium_base64_encoded_len(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                    sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.find('\0'));
  return out;
}

std::string WithQuery(const std::string& url, const std::vector<std::pair<std::string, std::string>>& params) {
  std::string out = url;
  char sep = url.find('?') == std::string::npos ? '?' : '&';
  for (const auto& [name, value] : params) {
    out += sep + UrlEncode(name) + "=" + UrlEncode(value);
    sep = '&';
  }
  return out;
}

Result<json> JsonAnswer(const FetchResult& r, const std::string& what) {
  json body = json::parse(r.body, nullptr, false);
  if (r.status != 200 || !body.is_object()) {
    return ProviderError("the log-in service's " + what + " answered " + std::to_string(r.status) +
                         " without a JSON object");
  }
  return body;
}

}  // namespace

std::string UrlEncode(const std::string& text) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (const unsigned char ch : text) {
    if (std::isalnum(ch) || ch == '-' || ch == '.' || ch == '_' || ch == '~') {
      out += static_cast<char>(ch);
    } else {
      out += '%';
      out += kHex[ch >> 4];
      out += kHex[ch & 15];
    }
  }
  return out;
}

std::string CheckIssuer(const std::string& issuer) {
  if (issuer.size() > 300 || issuer.find_first_of(" \t\r\n\"<>?#") != std::string::npos || HostOf(issuer).empty()) {
    return "expected the provider's issuer URL, such as https://idporten.no";
  }
  if (issuer.starts_with("https://") || (issuer.starts_with("http://") && Loopback(issuer))) return "";
  return "the issuer must be an https:// address (http:// only on the loopback address, for tests)";
}

Result<Discovery> Provider::Discover() {
  std::lock_guard lock(mutex_);
  const auto now = std::chrono::steady_clock::now();
  const bool have = !discovery_.issuer.empty();
  if (have && now - discovered_at_ < kDiscoveryLifetime) return discovery_;
  std::string base = options_.issuer;
  while (base.ends_with('/')) base.pop_back();
  // After a failure, the same answer for a while: a crowd at the log-in page must not keep every
  // worker waiting on a provider that is away.
  if (!have && failed_at_ != std::chrono::steady_clock::time_point() && now - failed_at_ < kRetryAfterFailure) {
    return failure_;
  }
  Result<FetchResult> fetched = Fetch(base + "/.well-known/openid-configuration", "", {}, options_.timeout);
  if (!fetched.ok()) {
    if (have) return discovery_;  // stale, while the provider is away
    failed_at_ = now;
    failure_ = fetched.error();
    return fetched.error();
  }
  ASSIGN_OR_RETURN(json doc, JsonAnswer(*fetched, "discovery document"));
  auto text = [&doc](const char* name) {
    return doc.contains(name) && doc[name].is_string() ? doc[name].get<std::string>() : std::string();
  };
  Discovery d{text("issuer"), text("authorization_endpoint"), text("token_endpoint"), text("jwks_uri"),
              text("end_session_endpoint")};
  if (d.issuer != options_.issuer) {
    return ProviderError("the discovery document names another issuer than --oidc-issuer");
  }
  for (const std::string* endpoint : {&d.authorization_endpoint, &d.token_endpoint, &d.jwks_uri}) {
    if (!UsableEndpoint(*endpoint, options_.issuer)) {
      return ProviderError("the discovery document lacks an endpoint, or names one that is not https");
    }
  }
  if (!d.end_session_endpoint.empty() && !UsableEndpoint(d.end_session_endpoint, options_.issuer)) {
    d.end_session_endpoint.clear();
  }
  if (doc.contains("code_challenge_methods_supported") && doc["code_challenge_methods_supported"].is_array()) {
    bool s256 = false;
    for (const json& m : doc["code_challenge_methods_supported"]) s256 = s256 || m == "S256";
    if (!s256) return ProviderError("the log-in service does not offer PKCE with S256");
  }
  discovery_ = d;
  discovered_at_ = now;
  return discovery_;
}

Result<json> Provider::Keys(bool refresh) {
  ASSIGN_OR_RETURN(Discovery d, Discover());
  std::lock_guard lock(mutex_);
  const auto now = std::chrono::steady_clock::now();
  const bool have = keys_.is_object();
  if (have && (refresh ? now - keys_at_ < kKeysRefetchAfter : now - keys_at_ < kKeysLifetime)) return keys_;
  Result<FetchResult> fetched = Fetch(d.jwks_uri, "", {}, options_.timeout);
  if (!fetched.ok()) {
    if (have) return keys_;
    return fetched.error();
  }
  ASSIGN_OR_RETURN(json keys, JsonAnswer(*fetched, "key set"));
  keys_ = std::move(keys);
  keys_at_ = now;
  return keys_;
}

Result<std::string> Provider::AuthorizationUrl(const std::string& redirect_uri, const std::string& state,
                                               const std::string& nonce, const std::string& verifier) {
  ASSIGN_OR_RETURN(Discovery d, Discover());
  return WithQuery(d.authorization_endpoint, {{"response_type", "code"},
                                              {"client_id", options_.client_id},
                                              {"redirect_uri", redirect_uri},
                                              {"scope", "openid"},
                                              {"state", state},
                                              {"nonce", nonce},
                                              {"code_challenge", PkceS256(verifier)},
                                              {"code_challenge_method", "S256"}});
}

Result<Identity> Provider::Redeem(const std::string& code, const std::string& redirect_uri, const std::string& verifier,
                                  const std::string& nonce) {
  ASSIGN_OR_RETURN(Discovery d, Discover());
  std::string form = "grant_type=authorization_code&code=" + UrlEncode(code) +
                     "&redirect_uri=" + UrlEncode(redirect_uri) + "&code_verifier=" + UrlEncode(verifier);
  std::vector<std::pair<std::string, std::string>> headers = {{"Content-Type", "application/x-www-form-urlencoded"}};
  if (options_.auth_method == "client_secret_post") {
    form += "&client_id=" + UrlEncode(options_.client_id) + "&client_secret=" + UrlEncode(options_.client_secret);
  } else {
    // RFC 6749 2.3.1: both form-encoded, then Basic.
    headers.emplace_back("Authorization",
                         "Basic " + Base64(UrlEncode(options_.client_id) + ":" + UrlEncode(options_.client_secret)));
  }
  ASSIGN_OR_RETURN(FetchResult answer, Fetch(d.token_endpoint, form, headers, options_.timeout));
  json body = json::parse(answer.body, nullptr, false);
  if (answer.status == 400 && body.is_object() && body.value("error", "") == "invalid_grant") {
    return Error{ErrorCode::kInvalid, "code_refused", "the log-in service refused the code (used or expired)", "", {}};
  }
  if (answer.status != 200 || !body.is_object()) {
    return ProviderError("the log-in service's token endpoint answered " + std::to_string(answer.status));
  }
  if (!body.contains("id_token") || !body["id_token"].is_string()) {
    return ProviderError("the log-in service's token endpoint gave no ID token");
  }
  const std::string id_token = body["id_token"].get<std::string>();
  IdTokenExpectations expect{options_.issuer, options_.client_id, nonce, std::chrono::system_clock::now(),
                             options_.leeway};
  ASSIGN_OR_RETURN(json keys, Keys(false));
  Result<json> claims = VerifyIdToken(id_token, keys, expect);
  if (!claims.ok() && claims.error().code == ErrorCode::kNotFound) {
    ASSIGN_OR_RETURN(keys, Keys(true));  // the provider may have rotated its keys
    claims = VerifyIdToken(id_token, keys, expect);
    if (!claims.ok() && claims.error().code == ErrorCode::kNotFound) {
      return Error{ErrorCode::kUnauthenticated, "id_token_key", claims.error().message, "", {}};
    }
  }
  RETURN_IF_ERROR(claims);
  const json& c = *claims;
  if (!c.contains(options_.claim) || !c[options_.claim].is_string() || c[options_.claim].get<std::string>().empty()) {
    return Error{ErrorCode::kUnauthenticated,
                 "id_token_claim",
                 "the ID token lacks the claim " + options_.claim + " that accounts are linked by",
                 "",
                 {}};
  }
  return Identity{options_.issuer, c[options_.claim].get<std::string>(), id_token};
}

Result<std::string> Provider::EndSessionUrl(const std::string& id_token_hint,
                                            const std::string& post_logout_redirect_uri) {
  ASSIGN_OR_RETURN(Discovery d, Discover());
  if (d.end_session_endpoint.empty()) return std::string();
  return WithQuery(d.end_session_endpoint, {{"id_token_hint", id_token_hint},
                                            {"post_logout_redirect_uri", post_logout_redirect_uri},
                                            {"client_id", options_.client_id}});
}

}  // namespace moteplass::http::oidc
