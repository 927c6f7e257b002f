// The log-in and log-out pages, and the page of one's own API tokens. The log-in form has its own
// CSRF token in a cookie scoped to the form (there is no session yet); failed attempts are
// rate-limited by the authenticator.
#include "app/accounts/tokens.h"
#include "core/accounts/credentials.h"
#include "http/accounts/module.h"
#include "http/accounts/paths.h"
#include "http/accounts/tokens.h"
#include "http/api_kit.h"
#include "http/oidc/module.h"
#include "http/oidc/paths.h"
#include "http/site/paths.h"

namespace moteplass::http::accounts {

using nlohmann::json;

namespace {

constexpr const char* kLoginCsrfCookie = "moteplass_login";

Response LoginForm(Pages& pages, PageContext& c, int status, const std::vector<FieldError>& errors,
                   const std::string& username) {
  std::string token = c.request.Cookie(kLoginCsrfCookie);
  const bool fresh = token.empty();
  if (fresh) token = NewSecret();
  json view = {{"csrf_token", token},
               {"next", SafeNext(c.request.Query("next").value_or(FormValue(c.form, "next")))},
               {"username", username}};
  AddFieldErrors(view, errors);
  view["nav_login"] = true;
  if (pages.app().oidc)
    view["oidc_path"] = oidc::OidcLoginPath() + "?next=" + PercentEncode(view["next"].get<std::string>());
  Response r = pages.Render(c, status, "accounts/login", view, Msg("login.title", c.lang));
  r.Set("Cache-Control", "no-store");
  if (fresh) {
    r.headers.emplace_back("Set-Cookie",
                           std::string(kLoginCsrfCookie) + "=" + token + "; HttpOnly; SameSite=Strict; Path=/logg-inn");
  }
  return r;
}

Response LoginPost(Pages& pages, PageContext& c) {
  const Lang lang = c.lang;
  const std::string username = FormValue(c.form, "username");
  const std::string password = FormValue(c.form, "password");
  const std::string cookie_token = c.request.Cookie(kLoginCsrfCookie);
  if (cookie_token.empty() || !ConstantTimeEquals(cookie_token, FormValue(c.form, "csrf_token"))) {
    return LoginForm(pages, c, 403, {{"username", Msg("login.expired", lang)}}, username);
  }
  std::vector<FieldError> errors;
  if (username.empty()) errors.push_back({"username", Msg("login.username_missing", lang)});
  if (password.empty()) errors.push_back({"password", Msg("login.password_missing", lang)});
  if (!errors.empty()) return LoginForm(pages, c, 400, errors, username);
  auto login = pages.app().auth.LogIn(username, password, c.request.remote);
  if (!login.ok()) {
    if (login.error().code == ErrorCode::kTooManyRequests) {
      const long wait = pages.app().auth.RetryAfter(username, c.request.remote);
      Response r = LoginForm(pages, c, 429,
                             {{"username", Msg("login.too_many", lang, {{"n", std::to_string((wait + 59) / 60)}})}},
                             username);
      r.Set("Retry-After", std::to_string(wait));
      return r;
    }
    if (login.error().code != ErrorCode::kUnauthenticated) return pages.ErrorPage(c, 500, "error.internal");
    return LoginForm(pages, c, 401, {{"username", Msg("login.wrong", lang)}}, username);
  }
  Response r = Redirect(SafeNext(FormValue(c.form, "next")));
  r.headers.emplace_back("Set-Cookie", pages.app().auth.SessionCookieHeader(login->cookie_value));
  r.headers.emplace_back("Set-Cookie",
                         std::string(kLoginCsrfCookie) + "=; HttpOnly; SameSite=Strict; Path=/logg-inn; Max-Age=0");
  return r;
}

Response LogoutPost(Pages& pages, PageContext& c) {
  if (c.request.principal.anonymous()) return Redirect(site::FrontPath());
  if (auto st = pages.app().auth.RequireLogin(c.request, FormValue(c.form, "csrf_token")); !st.ok()) {
    return pages.ErrorPage(c, 403, "error.csrf");
  }
  if (auto st = pages.app().auth.LogOut(c.request); !st.ok()) return pages.ErrorPage(c, 500, "error.internal");
  // A session begun at an OpenID Connect provider ends there too, when the provider offers it.
  std::optional<Response> provider = oidc::ProviderLogout(pages, c);
  Response r = provider ? std::move(*provider) : Redirect(site::FrontPath());
  r.headers.emplace_back("Set-Cookie", pages.app().auth.ClearCookieHeader());
  if (pages.app().oidc) r.headers.emplace_back("Set-Cookie", oidc::ClearLogoutCookie(pages));
  return r;
}

// The tokens page: the caller's tokens, the form for a new one, and (just after creating one) its
// secret, shown this once.
Response TokensPage(Pages& pages, PageContext& c, int status, const json& extra) {
  Request& req = c.request;
  const Lang lang = c.lang;
  auto tokens = app::ListTokens(pages.app().services, req.principal, "");
  if (!tokens.ok()) return pages.ErrorPage(c, StatusOf(tokens.error()), RefusalKey(tokens.error()));
  json list = json::array();
  for (const ApiToken& t : *tokens) {
    const std::string state = TokenStatus(t);
    list.push_back(
        {{"id", std::to_string(t.id)},
         {"name", t.name.empty() ? "–" : t.name},
         {"created", DateOnly(t.created_at, lang)},
         {"expires", t.expires_at.empty() ? Msg("tokens.never", lang) : DateOnly(t.expires_at, lang)},
         {"last_used", t.last_used_at.empty() ? Msg("tokens.not_used", lang) : DateOnly(t.last_used_at, lang)},
         {"status", Msg("tokens." + state, lang)},
         {"active", state == "active"},
         {"revoke_path", RevokeTokenPath(std::to_string(t.id))}});
  }
  json view = {{"tokens", list},
               {"has_tokens", !list.empty()},
               {"csrf_token", req.csrf_token},
               {"action", TokensPath()},
               {"revoked", req.Query("trukket").has_value()},
               {"nav_tokens", true}};
  for (auto& [key, value] : extra.items()) view[key] = value;
  Response r = pages.Render(c, status, "accounts/tokens", view, Msg("tokens.title", lang));
  r.Set("Cache-Control", "no-store");
  return r;
}

Response TokensGet(Pages& pages, PageContext& c) {
  if (c.request.principal.anonymous()) return LoginRedirect(c.request.path);
  return TokensPage(pages, c, 200, json::object());
}

Response TokensPost(Pages& pages, PageContext& c) {
  Request& req = c.request;
  if (req.principal.anonymous()) return LoginRedirect(req.path);
  if (auto st = pages.app().auth.RequireLogin(req, FormValue(c.form, "csrf_token")); !st.ok()) {
    return pages.ErrorPage(c, 403, "error.csrf");
  }
  const std::string name = FormValue(c.form, "name");
  int days = 0;
  const std::string days_text = FormValue(c.form, "expires_in_days");
  for (const int choice : {30, 90, 365}) {
    if (days_text == std::to_string(choice)) days = choice;
  }
  auto created = app::CreateToken(pages.app().services, req.principal, "", name, days);
  if (!created.ok()) {
    if (created.error().code != ErrorCode::kInvalid) {
      return pages.ErrorPage(c, StatusOf(created.error()), RefusalKey(created.error()));
    }
    return TokensPage(pages, c, 400, {{"name", name}, {"name_error", Msg("tokens.name_invalid", c.lang)}});
  }
  return TokensPage(pages, c, 200, {{"secret", created->secret}, {"secret_name", created->token.name}});
}

Response RevokePost(Pages& pages, PageContext& c) {
  Request& req = c.request;
  if (req.principal.anonymous()) return LoginRedirect(TokensPath());
  if (auto st = pages.app().auth.RequireLogin(req, FormValue(c.form, "csrf_token")); !st.ok()) {
    return pages.ErrorPage(c, 403, "error.csrf");
  }
  auto id = ParseId(req.params["id"]);
  if (!id) return pages.ErrorPage(c, 404, "error.not_found");
  if (Status st = app::RevokeToken(pages.app().services, req.principal, *id); !st.ok()) {
    return pages.ErrorPage(c, StatusOf(st.error()),
                           st.error().code == ErrorCode::kNotFound ? "error.not_found" : RefusalKey(st.error()));
  }
  return Redirect(TokensPath() + "?trukket=1");
}

}  // namespace

void AddPageRoutes(ModuleContext& m) {
  Pages& pages = m.pages;
  const RouteInfo form;  // not cached, not indexed
  m.router.Add("GET", LoginPath(), pages.Page([&pages](PageContext& c) { return LoginForm(pages, c, 200, {}, ""); }),
               form);
  m.router.Add("POST", LoginPath(), pages.Page([&pages](PageContext& c) { return LoginPost(pages, c); }), form);
  m.router.Add("POST", LogoutPath(), pages.Page([&pages](PageContext& c) { return LogoutPost(pages, c); }), form);
  m.router.Add("GET", TokensPath(), pages.Page([&pages](PageContext& c) { return TokensGet(pages, c); }), form);
  m.router.Add("POST", TokensPath(), pages.Page([&pages](PageContext& c) { return TokensPost(pages, c); }), form);
  m.router.Add("POST", RevokeTokenPath("{id}"), pages.Page([&pages](PageContext& c) { return RevokePost(pages, c); }),
               form);
}

}  // namespace moteplass::http::accounts
