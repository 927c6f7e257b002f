// The JSON API of coding (contracts/studies.md, "Codebook" and "Coding"): a study's codebook and
// the codings of its answers. Handlers parse and call one use case each (app/studies/codings.h).
#include <array>

#include "app/studies/codings.h"
#include "core/status_macros.h"
#include "http/api_kit.h"
#include "http/studies/module.h"

namespace moteplass::http::studies {
namespace {

using nlohmann::json;

// The body without the server's "version" (read as the precondition).
Result<std::pair<json, std::int64_t>> BodyAndVersion(const Request& req) {
  ASSIGN_OR_RETURN(json body, ParseJsonBody(req));
  ASSIGN_OR_RETURN(std::int64_t version, PreconditionVersion(req, &body));
  if (body.is_object()) body.erase("version");
  return std::make_pair(std::move(body), version);
}

}  // namespace

void AddCodingRoutes(Router& router, AppContext& app) {
  const std::string one = std::string(kApiBase) + "/studies/{id}";
  const std::string codings = one + "/codings";

  router.Add("GET", one + "/codebook", [&app](Request& req) -> Response {
    auto book = [&]() -> Result<json> {
      RETURN_IF_ERROR(app.auth.RequireLogin(req));
      RETURN_IF_ERROR(RefuseUnknownParams(req, {}));
      ASSIGN_OR_RETURN(std::int64_t id, RouteId(req, "study"));
      return app::GetCodebook(app.services, req.principal, id);
    }();
    if (!book.ok()) return Response::FromError(book.error());
    return JsonWithEtag(200, *book, (*book)["version"].get<std::int64_t>());
  });
  router.Add("PUT", one + "/codebook", [&app](Request& req) -> Response {
    auto book = [&]() -> Result<json> {
      RETURN_IF_ERROR(app.auth.RequireLogin(req));
      ASSIGN_OR_RETURN(std::int64_t id, RouteId(req, "study"));
      ASSIGN_OR_RETURN(auto in, BodyAndVersion(req));
      return app::PutCodebook(app.services, req.principal, id, in.first, in.second);
    }();
    if (!book.ok()) return Response::FromError(book.error());
    return JsonWithEtag(200, *book, (*book)["version"].get<std::int64_t>());
  });

  router.Add("GET", codings, [&app](Request& req) -> Response {
    auto list = [&]() -> Result<std::vector<app::CodingView>> {
      RETURN_IF_ERROR(app.auth.RequireLogin(req));
      static constexpr std::array<std::string_view, 3> kKnown = {"page", "per_page", "interview"};
      RETURN_IF_ERROR(RefuseUnknownParams(req, kKnown));
      ASSIGN_OR_RETURN(std::int64_t id, RouteId(req, "study"));
      std::optional<std::int64_t> interview;
      if (auto v = req.Query("interview")) {
        interview = ParseId(*v);
        if (!interview) return Error::Invalid("must be the id of one of the study's interviews", "/interview");
      }
      return app::ListCodings(app.services, req.principal, id, interview);
    }();
    if (!list.ok()) return Response::FromError(list.error());
    return PagedList(req, *list, app::CodingJson, 20, 100);
  });
  router.Add("POST", codings, [&app](Request& req) -> Response {
    auto created = [&]() -> Result<app::CodingView> {
      RETURN_IF_ERROR(app.auth.RequireLogin(req));
      ASSIGN_OR_RETURN(std::int64_t id, RouteId(req, "study"));
      ASSIGN_OR_RETURN(json body, ParseJsonBody(req));
      return app::CreateCoding(app.services, req.principal, id, body);
    }();
    if (!created.ok()) return Response::FromError(created.error());
    const json out = app::CodingJson(*created);
    Response r = JsonWithEtag(201, out, created->record.version);
    r.Set("Location", out["links"]["self"].get<std::string>());
    return r;
  });
  router.Add("GET", codings + "/{coding}", [&app](Request& req) -> Response {
    auto found = [&]() -> Result<app::CodingView> {
      RETURN_IF_ERROR(app.auth.RequireLogin(req));
      RETURN_IF_ERROR(RefuseUnknownParams(req, {}));
      ASSIGN_OR_RETURN(std::int64_t id, RouteId(req, "study"));
      ASSIGN_OR_RETURN(std::int64_t c, RouteId(req, "coding", "coding of this study"));
      return app::GetCoding(app.services, req.principal, id, c);
    }();
    if (!found.ok()) return Response::FromError(found.error());
    return JsonWithEtag(200, app::CodingJson(*found), found->record.version);
  });
  router.Add("PUT", codings + "/{coding}", [&app](Request& req) -> Response {
    auto updated = [&]() -> Result<app::CodingView> {
      RETURN_IF_ERROR(app.auth.RequireLogin(req));
      ASSIGN_OR_RETURN(std::int64_t id, RouteId(req, "study"));
      ASSIGN_OR_RETURN(std::int64_t c, RouteId(req, "coding", "coding of this study"));
      ASSIGN_OR_RETURN(auto in, BodyAndVersion(req));
      return app::UpdateCoding(app.services, req.principal, id, c, in.first, in.second);
    }();
    if (!updated.ok()) return Response::FromError(updated.error());
    return JsonWithEtag(200, app::CodingJson(*updated), updated->record.version);
  });
  router.Add("DELETE", codings + "/{coding}", [&app](Request& req) -> Response {
    Status st = [&]() -> Status {
      RETURN_IF_ERROR(app.auth.RequireLogin(req));
      ASSIGN_OR_RETURN(std::int64_t id, RouteId(req, "study"));
      ASSIGN_OR_RETURN(std::int64_t c, RouteId(req, "coding", "coding of this study"));
      ASSIGN_OR_RETURN(std::int64_t version, PreconditionVersion(req, nullptr));
      return app::DeleteCoding(app.services, req.principal, id, c, version);
    }();
    return st.ok() ? Response::NoContent() : Response::FromError(st.error());
  });
}

}  // namespace moteplass::http::studies
