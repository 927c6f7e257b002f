// The JSON API of suggestions from the public: anyone may POST one (JSON only, rate-limited per
// address, a honeypot member), and reviewers list, read, accept and reject them. Handlers parse
// and call one use case each (app/suggestions/suggestions.h).
#include <cctype>

#include "app/suggestions/suggestions.h"
#include "core/status_macros.h"
#include "http/api_kit.h"
#include "http/register/paths.h"
#include "http/suggestions/module.h"

namespace moteplass::http::suggestions {

using moteplass::suggestions::Suggestion;
using nlohmann::json;

long SuggestionWait(AppContext& app, const Request& request) { return app.suggestion_limiter->Take(request.remote); }

namespace {

bool IsJson(const Request& req) {
  std::string type = req.Header("content-type");
  type = type.substr(0, type.find(';'));
  while (!type.empty() && type.back() == ' ') type.pop_back();
  for (char& ch : type) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return type == "application/json";
}

// The suggestion with where a reviewer goes next to act on it once accepted.
json View(const Suggestion& s) {
  json j = moteplass::suggestions::ToJson(s);
  if (s.status == "accepted") {
    j["next"] = s.input.kind == "missing" ? registry::NewMeetingPlacePath() + "?forslag=" + std::to_string(s.id)
                                          : registry::EditPath(s.input.meeting_place_id);
  }
  return j;
}

Response WithEtag(int status, const Suggestion& s) { return JsonWithEtag(status, View(s), s.version); }

}  // namespace

void AddApiRoutes(ModuleContext& m) {
  AppContext& app = m.app;
  const std::string base = std::string(kApiBase) + "/suggestions";

  m.router.Add("POST", base, [&app](Request& req) -> Response {
    if (const long wait = SuggestionWait(app, req); wait > 0) {
      Response r = Response::FromError(
          Error{ErrorCode::kTooManyRequests,
                "too_many_requests",
                "too many suggestions from your address; try again in " + std::to_string(wait) + " seconds",
                "",
                {}});
      r.Set("Retry-After", std::to_string(wait));
      return r;
    }
    if (!IsJson(req)) {
      return Response::FromError(
          Error::Invalid("send the suggestion as application/json", "/headers/content-type", "unsupported_media_type"));
    }
    auto body = ParseJsonBody(req);
    if (!body.ok()) return Response::FromError(body.error());
    // The honeypot: a member no form shows to people. Whoever fills it is answered as everyone
    // is, and nothing is kept.
    if (body->is_object() && body->contains("website")) {
      if ((*body)["website"].is_string() && !(*body)["website"].get<std::string>().empty()) {
        return Response::Json(202, json{{"status", "received"}});
      }
      body->erase("website");
    }
    auto created = app::SubmitSuggestion(app.services, req.principal, *body);
    if (!created.ok()) return Response::FromError(created.error());
    // The sender learns no id: only reviewers read suggestions.
    return Response::Json(202, json{{"status", "received"}});
  });

  m.router.Add("GET", base, [&app](Request& req) -> Response {
    static constexpr std::string_view kKnown[] = {"status", "page", "per_page"};
    if (Status st = RefuseUnknownParams(req, kKnown); !st.ok()) return Response::FromError(st.error());
    const std::string status = req.Query("status").value_or("open");
    auto list = app::ListSuggestions(app.services, req.principal, status == "all" ? "" : status);
    if (!list.ok()) return Response::FromError(list.error());
    return PagedList(req, *list, View, 50, 500);
  });

  m.router.Add("GET", base + "/{id}", [&app](Request& req) -> Response {
    auto one = [&]() -> Result<Suggestion> {
      ASSIGN_OR_RETURN(std::int64_t id, RouteId(req, "suggestion"));
      return app::GetSuggestion(app.services, req.principal, id);
    }();
    if (!one.ok()) return Response::FromError(one.error());
    return WithEtag(200, *one);
  });

  for (const bool accept : {true, false}) {
    m.router.Add("POST", base + "/{id}/" + (accept ? "accept" : "reject"), [&app, accept](Request& req) -> Response {
      auto closed = [&]() -> Result<Suggestion> {
        RETURN_IF_ERROR(app.auth.RequireLogin(req));
        ASSIGN_OR_RETURN(std::int64_t id, RouteId(req, "suggestion"));
        ASSIGN_OR_RETURN(std::int64_t version, IfMatchVersion(req));
        std::string reason;
        if (!req.body.empty()) {
          ASSIGN_OR_RETURN(json body, ParseJsonBody(req));
          if (!body.is_object()) return Error::Invalid("send an object", "");
          for (const auto& [key, value] : body.items()) {
            if (key != "reason" || (accept && key == "reason")) {
              return Error::Invalid("unknown field " + key, "/" + key, "unknown_field");
            }
            if (!value.is_string()) return Error::Invalid("reason must be a string", "/reason");
            reason = value.get<std::string>();
          }
        }
        return app::CloseSuggestion(app.services, req.principal, id, accept, reason, version);
      }();
      if (!closed.ok()) return Response::FromError(closed.error());
      return WithEtag(200, *closed);
    });
  }
}

}  // namespace moteplass::http::suggestions
