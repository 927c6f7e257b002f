// The accounts' JSON API: log in (a session cookie and its CSRF token), log out, and who am I.
#include <cctype>

#include "app/accounts/tokens.h"
#include "core/status_macros.h"
#include "http/accounts/module.h"
#include "http/accounts/tokens.h"
#include "http/api_kit.h"

namespace moteplass::http::accounts {

using nlohmann::json;

namespace {

json UserJson(const User& user) {
  return {{"username", user.username},
          {"role", std::string(RoleName(user.role))},
          {"scope", user.scope.empty() ? json() : json(user.scope)}};
}

// Only JSON is taken: a cross-site form can send text/plain or a form encoding without asking,
// but not application/json.
Status RequireJson(const Request& req) {
  std::string type = req.Header("content-type");
  type = type.substr(0, type.find(';'));
  while (!type.empty() && type.back() == ' ') type.pop_back();
  for (char& ch : type) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  if (type == "application/json") return {};
  return Error::Invalid("send the log-in as application/json", "/headers/content-type", "unsupported_media_type");
}

// A browser names the page a request came from in Origin; when it does, that must be this site
// (its --public-url, or the address it was reached at), so that another site cannot log a
// visitor in or out.
Status RequireSameOrigin(const Request& req, const std::string& public_url) {
  const std::string origin = req.Header("origin");
  if (origin.empty()) return {};
  auto origin_of = [](const std::string& url) {
    const std::size_t scheme = url.find("://");
    if (scheme == std::string::npos) return url;
    return url.substr(0, url.find('/', scheme + 3));
  };
  const std::string host = req.Header("host");
  const bool own = origin == origin_of(public_url) ||
                   (!host.empty() && (origin == "http://" + host || origin == "https://" + host));
  if (own) return {};
  return Error{
      ErrorCode::kForbidden, "origin", "requests from another site may not log in or out", "/headers/origin", {}};
}

}  // namespace

void AddApiRoutes(ModuleContext& m) {
  Router& router = m.router;
  AppContext& app = m.app;
  const std::string base = kApiBase;
  router.Add("POST", base + "/auth/login", [&app](Request& req) {
    if (auto st = RequireSameOrigin(req, app.public_url); !st.ok()) return Response::FromError(st.error());
    if (auto st = RequireJson(req); !st.ok()) return Response::FromError(st.error());
    // Already logged in with a cookie: changing whose session it is takes that session's token.
    if (req.via_cookie) {
      if (auto st = app.auth.RequireLogin(req); !st.ok()) return Response::FromError(st.error());
    }
    auto body = ParseJsonBody(req);
    if (!body.ok()) return Response::FromError(body.error());
    if (!body->is_object())
      return Response::FromError(Error::Invalid("expected a JSON object with username and password", ""));
    for (const char* field : {"username", "password"}) {
      if (!body->contains(field) || !(*body)[field].is_string() || (*body)[field].get<std::string>().empty()) {
        return Response::FromError(Error::Invalid("required: a non-empty string", std::string("/") + field));
      }
    }
    for (auto& [key, value] : body->items()) {
      if (key != "username" && key != "password") {
        return Response::FromError(Error::Invalid("unknown field; expected username or password", "/" + key));
      }
    }
    const std::string username = (*body)["username"].get<std::string>();
    auto login = app.auth.LogIn(username, (*body)["password"].get<std::string>(), req.remote);
    if (!login.ok()) {
      Response r = Response::FromError(login.error());
      if (r.status == 429) r.Set("Retry-After", std::to_string(app.auth.RetryAfter(username, req.remote)));
      return r;
    }
    Response r = Response::Json(200, {{"user", UserJson(login->user)}, {"csrf_token", login->csrf_token}});
    r.Set("Set-Cookie", app.auth.SessionCookieHeader(login->cookie_value));
    return r;
  });
  router.Add("POST", base + "/auth/logout", [&app](Request& req) {
    if (auto st = RequireSameOrigin(req, app.public_url); !st.ok()) return Response::FromError(st.error());
    if (auto st = app.auth.LogOut(req); !st.ok()) return Response::FromError(st.error());
    Response r = Response::NoContent();
    r.Set("Set-Cookie", app.auth.ClearCookieHeader());
    return r;
  });
  // One's own API tokens: list, create (the secret is in the answer, once), revoke.
  router.Add("GET", base + "/auth/tokens", [&app](Request& req) -> Response {
    if (req.principal.anonymous()) return Response::FromError(Error::Unauthenticated("not logged in"));
    auto tokens = app::ListTokens(app.services, req.principal, "");
    if (!tokens.ok()) return Response::FromError(tokens.error());
    return PagedList(req, *tokens, TokenJson, 100, 1000);
  });
  router.Add("POST", base + "/auth/tokens", [&app](Request& req) -> Response {
    auto created = [&]() -> Result<app::NewToken> {
      RETURN_IF_ERROR(app.auth.RequireLogin(req));
      ASSIGN_OR_RETURN(json body, ParseJsonBody(req));
      if (!body.is_object()) return Error::Invalid("expected a JSON object with name and expires_in_days", "");
      for (auto& [key, value] : body.items()) {
        if (key != "name" && key != "expires_in_days") {
          return Error::Invalid("unknown field; expected name or expires_in_days", "/" + key);
        }
      }
      std::string name;
      if (body.contains("name") && !body["name"].is_null()) {
        if (!body["name"].is_string()) return Error::Invalid("expected text", "/name");
        name = body["name"].get<std::string>();
      }
      int days = 0;
      if (body.contains("expires_in_days") && !body["expires_in_days"].is_null()) {
        const json& d = body["expires_in_days"];
        if (!d.is_number_integer() || d.get<std::int64_t>() < 0 || d.get<std::int64_t>() > app::kMaxTokenDays) {
          return Error::Invalid(
              "expected a number of days from 1 to " + std::to_string(app::kMaxTokenDays) + " (0 or null: never)",
              "/expires_in_days");
        }
        days = d.get<int>();
      }
      return app::CreateToken(app.services, req.principal, "", name, days);
    }();
    if (!created.ok()) return Response::FromError(created.error());
    Response r = Response::Json(201, {{"token", TokenJson(created->token)}, {"secret", created->secret}});
    r.Set("Location", std::string(kApiBase) + "/auth/tokens/" + std::to_string(created->token.id));
    return r;
  });
  router.Add("DELETE", base + "/auth/tokens/{id}", [&app](Request& req) -> Response {
    Status st = [&]() -> Status {
      RETURN_IF_ERROR(app.auth.RequireLogin(req));
      ASSIGN_OR_RETURN(std::int64_t id, RouteId(req, "token"));
      return app::RevokeToken(app.services, req.principal, id);
    }();
    return st.ok() ? Response::NoContent() : Response::FromError(st.error());
  });
  router.Add("GET", base + "/auth/me", [](Request& req) {
    if (req.principal.anonymous()) return Response::FromError(Error::Unauthenticated("not logged in"));
    json me = {{"user", UserJson(*req.principal.user)}};
    me["csrf_token"] = req.via_cookie ? json(req.csrf_token) : json();
    return Response::Json(200, me);
  });
}

}  // namespace moteplass::http::accounts
