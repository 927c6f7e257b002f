// The OpenID Connect log-in: /logg-inn/oidc sends the browser to the provider, and
// /logg-inn/oidc/tilbake takes it back. What the return must match (state, nonce, the PKCE
// verifier, the page to go to) is kept in the store under the hash of `state`, bound to the
// browser by a cookie (only its hash is stored), and taken once: a replayed, unknown or expired
// state, or one from another browser, is refused with 400. The identity the provider vouches
// for opens only the account an administrator linked it to (IdentityStore); the session is an
// ordinary one (Authenticator::StartSession). Nothing here logs a code, a token or an identity.
#include <chrono>

#include "core/accounts/credentials.h"
#include "core/clock.h"
#include "core/status_macros.h"
#include "http/accounts/paths.h"
#include "http/oidc/module.h"
#include "http/oidc/paths.h"
#include "http/oidc/provider.h"
#include "http/site/paths.h"

namespace moteplass::http::oidc {

using nlohmann::json;

namespace {

// Binds a log-in under way to the browser that began it; sent back only to the callback.
constexpr const char* kBrowserCookie = "moteplass_oidc";
// The ID token, for id_token_hint when logging out at the provider; sent only to /logg-ut.
constexpr const char* kLogoutCookie = "moteplass_oidc_logout";
constexpr auto kLoginLifetime = std::chrono::minutes(10);
// Log-ins one address may start in kLoginLifetime: far more than people behind one address
// need, few enough that a flood cannot fill the store.
constexpr std::size_t kStartsPerAddress = 30;

// Counts a start from the request's address (under a hash, as the log-in limiter keeps its
// counts: http/auth.h) and says how many seconds to wait when it is one too many; 0 when allowed.
Result<long> CountStart(Pages& pages, const Request& request) {
  AccountStore& accounts = pages.app().store.accounts();
  const std::string key = "oidc-start:" + HashSecret(request.remote);
  const auto now = std::chrono::system_clock::now();
  ASSIGN_OR_RETURN(std::vector<std::string> starts, accounts.LoginFailuresSince(key, IsoTime(now - kLoginLifetime)));
  if (starts.size() >= kStartsPerAddress)
    return static_cast<long>(std::chrono::duration_cast<std::chrono::seconds>(kLoginLifetime).count());
  RETURN_IF_ERROR(accounts.RecordLoginFailure(key, IsoTime(now)));
  return 0L;
}

std::string CookieAttributes(Pages& pages, const std::string& path, long max_age) {
  std::string a = "; HttpOnly; SameSite=Lax; Path=" + path + "; Max-Age=" + std::to_string(max_age);
  if (pages.app().auth.secure_cookies()) a += "; Secure";
  return a;
}

std::string RedirectUri(Pages& pages) { return pages.app().public_url + OidcCallbackPath(); }

// A page saying what went wrong, with the way back to the log-in page.
Response Failure(Pages& pages, PageContext& c, int status, const std::string& key) {
  const std::string heading = Msg("error.title." + std::to_string(status), c.lang);
  Response r = pages.Render(
      c, status, "accounts/oidc_error",
      {{"heading", heading}, {"message", Msg(key, c.lang)}, {"login_path", accounts::LoginPath()}}, heading);
  r.Set("Cache-Control", "no-store");
  return r;
}

// The page for a failure of the provider or of its answer.
Response ProviderFailure(Pages& pages, PageContext& c, const Error& e) {
  if (e.code == ErrorCode::kUnavailable) {
    Response r = Failure(pages, c, 503, e.slug == "provider_unreachable" ? "oidc.unreachable" : "error.unavailable");
    r.Set("Retry-After", "30");
    return r;
  }
  if (e.code == ErrorCode::kInvalid) return Failure(pages, c, 400, "oidc.state_unknown");
  if (e.code == ErrorCode::kUnauthenticated) return Failure(pages, c, 401, "oidc.invalid");
  return Failure(pages, c, 502, "oidc.provider_error");
}

Response Start(Pages& pages, PageContext& c) {
  Provider& provider = *pages.app().oidc;
  Result<long> wait = CountStart(pages, c.request);
  if (!wait.ok()) return pages.ErrorPage(c, 503, "error.unavailable");
  if (*wait > 0) {
    Response r = Failure(pages, c, 429, "oidc.too_many");
    r.Set("Retry-After", std::to_string(*wait));
    return r;
  }
  const std::string state = NewSecret();
  const std::string nonce = NewSecret();
  const std::string verifier = NewSecret();  // 43 characters of base64url, as RFC 7636 asks
  std::string browser = c.request.Cookie(kBrowserCookie);
  if (browser.size() < 32) browser = NewSecret();
  Result<std::string> url = provider.AuthorizationUrl(RedirectUri(pages), state, nonce, verifier);
  if (!url.ok()) return ProviderFailure(pages, c, url.error());
  const PendingLogin pending{HashSecret(state),
                             HashSecret(browser),
                             nonce,
                             verifier,
                             SafeNext(c.request.Query("next").value_or("/")),
                             IsoTime(std::chrono::system_clock::now() + kLoginLifetime)};
  if (Status st = pages.app().store.identities().AddPendingLogin(pending); !st.ok()) {
    return pages.ErrorPage(c, 503, "error.unavailable");
  }
  Response r = Redirect(*url);
  r.Set("Cache-Control", "no-store");
  r.headers.emplace_back(
      "Set-Cookie", std::string(kBrowserCookie) + "=" + browser +
                        CookieAttributes(pages, OidcLoginPath(),
                                         std::chrono::duration_cast<std::chrono::seconds>(kLoginLifetime).count()));
  return r;
}

// Only short ASCII values are looked at; anything else is no state or code of ours.
bool Plausible(const std::optional<std::string>& value) {
  if (!value || value->empty() || value->size() > 2048) return false;
  for (const char ch : *value) {
    if (ch <= ' ' || ch > '~') return false;
  }
  return true;
}

Response Callback(Pages& pages, PageContext& c) {
  Provider& provider = *pages.app().oidc;
  IdentityStore& identities = pages.app().store.identities();
  const std::optional<std::string> state = c.request.Query("state");
  if (!Plausible(state)) return Failure(pages, c, 400, "oidc.state_unknown");
  // Taken at once, whatever follows: a state works once.
  Result<PendingLogin> pending = identities.TakePendingLogin(HashSecret(*state));
  if (!pending.ok()) {
    if (pending.error().code != ErrorCode::kNotFound) return pages.ErrorPage(c, 503, "error.unavailable");
    return Failure(pages, c, 400, "oidc.state_unknown");
  }
  const std::string browser = c.request.Cookie(kBrowserCookie);
  if (browser.empty() || !ConstantTimeEquals(HashSecret(browser), pending->browser_hash)) {
    return Failure(pages, c, 400, "oidc.state_unknown");
  }
  if (c.request.Query("error")) return Failure(pages, c, 400, "oidc.cancelled");
  // RFC 9207: a provider that names itself must be ours (no mix-up with another provider).
  if (auto iss = c.request.Query("iss"); iss && *iss != provider.options().issuer) {
    return Failure(pages, c, 400, "oidc.state_unknown");
  }
  const std::optional<std::string> code = c.request.Query("code");
  if (!Plausible(code)) return Failure(pages, c, 400, "oidc.cancelled");
  Result<Identity> identity = provider.Redeem(*code, RedirectUri(pages), pending->code_verifier, pending->nonce);
  if (!identity.ok()) {
    // The audit says a log-in failed, never who tried (the identity may be a national number).
    pages.app().store.journal().Audit(AuditEntry{"", "", "login.failed", "user", "", "denied"}).ok();
    return ProviderFailure(pages, c, identity.error());
  }
  Result<User> user = identities.FindUserByIdentity(identity->issuer, identity->subject);
  if (!user.ok()) {
    if (user.error().code != ErrorCode::kNotFound) return pages.ErrorPage(c, 503, "error.unavailable");
    pages.app().store.journal().Audit(AuditEntry{"", "", "login.failed", "user", "", "denied"}).ok();
    return Failure(pages, c, 403, "oidc.not_linked");
  }
  Result<Authenticator::Login> login = pages.app().auth.StartSession(*user);
  if (!login.ok()) {
    if (login.error().code == ErrorCode::kForbidden) {
      pages.app().store.journal().Audit(AuditEntry{"", "", "login.failed", "user", user->username, "denied"}).ok();
      return Failure(pages, c, 403, "oidc.disabled");
    }
    return pages.ErrorPage(c, 503, "error.unavailable");
  }
  Response r = Redirect(pending->next);
  r.Set("Cache-Control", "no-store");
  r.headers.emplace_back("Set-Cookie", pages.app().auth.SessionCookieHeader(login->cookie_value));
  r.headers.emplace_back("Set-Cookie", std::string(kBrowserCookie) + "=" + CookieAttributes(pages, OidcLoginPath(), 0));
  r.headers.emplace_back(
      "Set-Cookie", std::string(kLogoutCookie) + "=" + identity->id_token +
                        CookieAttributes(pages, accounts::LogoutPath(), pages.app().auth.session_lifetime().count()));
  return r;
}

}  // namespace

void AddApiRoutes(ModuleContext&) {}

void AddPageRoutes(ModuleContext& m) {
  if (!m.app.oidc) return;  // not configured: no such pages
  Pages& pages = m.pages;
  const RouteInfo form;  // not cached, not indexed
  m.router.Add("GET", OidcLoginPath(), pages.Page([&pages](PageContext& c) { return Start(pages, c); }), form);
  m.router.Add("GET", OidcCallbackPath(), pages.Page([&pages](PageContext& c) { return Callback(pages, c); }), form);
}

std::optional<Response> ProviderLogout(Pages& pages, PageContext& c) {
  if (!pages.app().oidc) return std::nullopt;
  const std::string hint = c.request.Cookie(kLogoutCookie);
  if (hint.empty()) return std::nullopt;
  Result<std::string> url = pages.app().oidc->EndSessionUrl(hint, pages.app().public_url + site::FrontPath());
  if (!url.ok() || url->empty()) return std::nullopt;
  // A page that moves on by itself (Refresh), rather than a redirect: the log-out form's
  // Content-Security-Policy (form-action 'self') would stop a redirect to the provider.
  Response r = pages.Render(c, 200, "accounts/oidc_logout", {{"end_session_url", *url}},
                            Msg("oidc.logged_out_title", c.lang));
  r.Set("Refresh", "0; url=" + *url);
  r.Set("Cache-Control", "no-store");
  return r;
}

std::string ClearLogoutCookie(Pages& pages) {
  return std::string(kLogoutCookie) + "=" + CookieAttributes(pages, accounts::LogoutPath(), 0);
}

}  // namespace moteplass::http::oidc
