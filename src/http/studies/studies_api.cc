// The JSON API of studies, informants and identities (contracts/studies.md). Handlers parse and
// call one use case each (app/studies/studies.h).
#include <array>

#include "app/studies/interviews.h"
#include "app/studies/studies.h"
#include "core/status_macros.h"
#include "http/api_kit.h"
#include "http/studies/module.h"

namespace moteplass::http::studies {
namespace {

using nlohmann::json;

json InterviewOut(AppContext& app, const StudyRecord& r) {
  auto informant = app.services.store.studies().GetInformant(r.data.value("informant", std::int64_t{0}));
  return app::InterviewView(r, informant.ok() ? informant->data.value("pseudonym", std::string()) : "");
}

// An empty body is no body (POST .../withdraw needs none).
Result<json> OptionalBody(const Request& req) {
  if (req.body.find_first_not_of(" \t\r\n") == std::string::npos) return json::object();
  return ParseJsonBody(req);
}

}  // namespace

void AddStudyRoutes(Router& router, AppContext& app) {
  const std::string base = std::string(kApiBase) + "/studies";
  const std::string one = base + "/{id}";
  const std::string informants = one + "/informants";
  const std::string informant = informants + "/{informant}";

  router.Add("GET", base, [&app](Request& req) -> Response {
    auto list = [&]() -> Result<std::vector<StudyRecord>> {
      RETURN_IF_ERROR(app.auth.RequireLogin(req));
      static constexpr std::array<std::string_view, 2> kKnown = {"page", "per_page"};
      RETURN_IF_ERROR(RefuseUnknownParams(req, kKnown));
      return app::ListStudies(app.services, req.principal);
    }();
    if (!list.ok()) return Response::FromError(list.error());
    return PagedList(req, *list, app::StudyView, 20, 100);
  });

  router.Add("POST", base, [&app](Request& req) -> Response {
    auto created = [&]() -> Result<StudyRecord> {
      RETURN_IF_ERROR(app.auth.RequireLogin(req));
      ASSIGN_OR_RETURN(json body, ParseJsonBody(req));
      return app::CreateStudy(app.services, req.principal, body);
    }();
    if (!created.ok()) return Response::FromError(created.error());
    Response r = JsonWithEtag(201, app::StudyView(*created), created->version);
    r.Set("Location", "/api/v1/studies/" + std::to_string(created->id));
    return r;
  });

  router.Add("GET", one, [&app](Request& req) -> Response {
    auto study = [&]() -> Result<app::StudyAccess> {
      RETURN_IF_ERROR(app.auth.RequireLogin(req));
      ASSIGN_OR_RETURN(std::int64_t id, RouteId(req, "study"));
      return app::StudyFor(app.services, req.principal, id);
    }();
    if (!study.ok()) return Response::FromError(study.error());
    return JsonWithEtag(200, app::StudyView(study->study), study->study.version);
  });

  router.Add("PUT", one, [&app](Request& req) -> Response {
    auto updated = [&]() -> Result<StudyRecord> {
      RETURN_IF_ERROR(app.auth.RequireLogin(req));
      ASSIGN_OR_RETURN(std::int64_t id, RouteId(req, "study"));
      ASSIGN_OR_RETURN(json body, ParseJsonBody(req));
      ASSIGN_OR_RETURN(std::int64_t version, PreconditionVersion(req, &body));
      if (body.is_object()) {
        for (const char* key : {"id", "version", "created_at", "updated_at", "links"}) body.erase(key);
      }
      return app::UpdateStudy(app.services, req.principal, id, body, version);
    }();
    if (!updated.ok()) return Response::FromError(updated.error());
    return JsonWithEtag(200, app::StudyView(*updated), updated->version);
  });

  router.Add("DELETE", one, [&app](Request& req) -> Response {
    Status st = [&]() -> Status {
      RETURN_IF_ERROR(app.auth.RequireLogin(req));
      ASSIGN_OR_RETURN(std::int64_t id, RouteId(req, "study"));
      ASSIGN_OR_RETURN(std::int64_t version, PreconditionVersion(req, nullptr));
      return app::DeleteStudy(app.services, req.principal, id, version);
    }();
    return st.ok() ? Response::NoContent() : Response::FromError(st.error());
  });

  router.Add("GET", informants, [&app](Request& req) -> Response {
    auto list = [&]() -> Result<std::vector<StudyRecord>> {
      RETURN_IF_ERROR(app.auth.RequireLogin(req));
      static constexpr std::array<std::string_view, 2> kKnown = {"page", "per_page"};
      RETURN_IF_ERROR(RefuseUnknownParams(req, kKnown));
      ASSIGN_OR_RETURN(std::int64_t id, RouteId(req, "study"));
      return app::ListInformants(app.services, req.principal, id);
    }();
    if (!list.ok()) return Response::FromError(list.error());
    return PagedList(req, *list, app::InformantView, 20, 100);
  });

  router.Add("POST", informants, [&app](Request& req) -> Response {
    auto created = [&]() -> Result<StudyRecord> {
      RETURN_IF_ERROR(app.auth.RequireLogin(req));
      ASSIGN_OR_RETURN(std::int64_t id, RouteId(req, "study"));
      ASSIGN_OR_RETURN(json body, ParseJsonBody(req));
      return app::CreateInformant(app.services, req.principal, id, body);
    }();
    if (!created.ok()) return Response::FromError(created.error());
    Response r = JsonWithEtag(201, app::InformantView(*created), created->version);
    r.Set("Location",
          "/api/v1/studies/" + std::to_string(created->study) + "/informants/" + std::to_string(created->id));
    return r;
  });

  router.Add("GET", informant, [&app](Request& req) -> Response {
    auto found = [&]() -> Result<StudyRecord> {
      RETURN_IF_ERROR(app.auth.RequireLogin(req));
      ASSIGN_OR_RETURN(std::int64_t id, RouteId(req, "study"));
      ASSIGN_OR_RETURN(std::int64_t i, RouteId(req, "informant", "informant of this study"));
      return app::GetInformant(app.services, req.principal, id, i);
    }();
    if (!found.ok()) return Response::FromError(found.error());
    return JsonWithEtag(200, app::InformantView(*found), found->version);
  });

  router.Add("PUT", informant, [&app](Request& req) -> Response {
    auto updated = [&]() -> Result<StudyRecord> {
      RETURN_IF_ERROR(app.auth.RequireLogin(req));
      ASSIGN_OR_RETURN(std::int64_t id, RouteId(req, "study"));
      ASSIGN_OR_RETURN(std::int64_t i, RouteId(req, "informant", "informant of this study"));
      ASSIGN_OR_RETURN(json body, ParseJsonBody(req));
      ASSIGN_OR_RETURN(std::int64_t version, PreconditionVersion(req, &body));
      return app::UpdateInformant(app.services, req.principal, id, i, body, version);
    }();
    if (!updated.ok()) return Response::FromError(updated.error());
    return JsonWithEtag(200, app::InformantView(*updated), updated->version);
  });

  auto withdraw = [&app](Request& req) -> Response {
    Status st = [&]() -> Status {
      RETURN_IF_ERROR(app.auth.RequireLogin(req));
      ASSIGN_OR_RETURN(std::int64_t id, RouteId(req, "study"));
      ASSIGN_OR_RETURN(std::int64_t i, RouteId(req, "informant", "informant of this study"));
      ASSIGN_OR_RETURN(json body, OptionalBody(req));
      return app::WithdrawInformant(app.services, req.principal, id, i, body);
    }();
    return st.ok() ? Response::NoContent() : Response::FromError(st.error());
  };
  router.Add("DELETE", informant, withdraw);
  router.Add("POST", informant + "/withdraw", withdraw);

  const std::string interviews = one + "/interviews";
  const std::string interview = interviews + "/{interview}";
  router.Add("GET", interviews, [&app](Request& req) -> Response {
    auto list = [&]() -> Result<std::vector<StudyRecord>> {
      RETURN_IF_ERROR(app.auth.RequireLogin(req));
      static constexpr std::array<std::string_view, 2> kKnown = {"page", "per_page"};
      RETURN_IF_ERROR(RefuseUnknownParams(req, kKnown));
      ASSIGN_OR_RETURN(std::int64_t id, RouteId(req, "study"));
      return app::ListInterviews(app.services, req.principal, id);
    }();
    if (!list.ok()) return Response::FromError(list.error());
    return PagedList(
        req, *list, [&app](const StudyRecord& r) { return InterviewOut(app, r); }, 20, 100);
  });
  router.Add("POST", interviews, [&app](Request& req) -> Response {
    auto created = [&]() -> Result<StudyRecord> {
      RETURN_IF_ERROR(app.auth.RequireLogin(req));
      ASSIGN_OR_RETURN(std::int64_t id, RouteId(req, "study"));
      ASSIGN_OR_RETURN(json body, ParseJsonBody(req));
      return app::CreateInterview(app.services, req.principal, id, body);
    }();
    if (!created.ok()) return Response::FromError(created.error());
    Response r = JsonWithEtag(201, InterviewOut(app, *created), created->version);
    r.Set("Location",
          "/api/v1/studies/" + std::to_string(created->study) + "/interviews/" + std::to_string(created->id));
    return r;
  });
  router.Add("GET", interview, [&app](Request& req) -> Response {
    auto found = [&]() -> Result<StudyRecord> {
      RETURN_IF_ERROR(app.auth.RequireLogin(req));
      ASSIGN_OR_RETURN(std::int64_t id, RouteId(req, "study"));
      ASSIGN_OR_RETURN(std::int64_t i, RouteId(req, "interview", "interview of this study"));
      return app::GetInterview(app.services, req.principal, id, i);
    }();
    if (!found.ok()) return Response::FromError(found.error());
    return JsonWithEtag(200, InterviewOut(app, *found), found->version);
  });
  router.Add("PUT", interview, [&app](Request& req) -> Response {
    auto updated = [&]() -> Result<StudyRecord> {
      RETURN_IF_ERROR(app.auth.RequireLogin(req));
      ASSIGN_OR_RETURN(std::int64_t id, RouteId(req, "study"));
      ASSIGN_OR_RETURN(std::int64_t i, RouteId(req, "interview", "interview of this study"));
      ASSIGN_OR_RETURN(json body, ParseJsonBody(req));
      ASSIGN_OR_RETURN(std::int64_t version, PreconditionVersion(req, &body));
      if (body.is_object()) body.erase("version");
      return app::UpdateInterview(app.services, req.principal, id, i, body, version);
    }();
    if (!updated.ok()) return Response::FromError(updated.error());
    return JsonWithEtag(200, InterviewOut(app, *updated), updated->version);
  });
  router.Add("DELETE", interview, [&app](Request& req) -> Response {
    Status st = [&]() -> Status {
      RETURN_IF_ERROR(app.auth.RequireLogin(req));
      ASSIGN_OR_RETURN(std::int64_t id, RouteId(req, "study"));
      ASSIGN_OR_RETURN(std::int64_t i, RouteId(req, "interview", "interview of this study"));
      ASSIGN_OR_RETURN(std::int64_t version, PreconditionVersion(req, nullptr));
      return app::DeleteInterview(app.services, req.principal, id, i, version);
    }();
    return st.ok() ? Response::NoContent() : Response::FromError(st.error());
  });

  router.Add("GET", one + "/matrix", [&app](Request& req) -> Response {
    auto matrix = [&]() -> Result<json> {
      RETURN_IF_ERROR(app.auth.RequireLogin(req));
      static constexpr std::array<std::string_view, 1> kKnown = {"meeting_place"};
      RETURN_IF_ERROR(RefuseUnknownParams(req, kKnown));
      ASSIGN_OR_RETURN(std::int64_t id, RouteId(req, "study"));
      auto place = req.Query("meeting_place");
      std::optional<std::int64_t> mid = place ? ParseId(*place) : std::nullopt;
      if (!mid)
        return Error::Invalid("meeting_place is required: the id of one of the study's meeting places",
                              "/meeting_place");
      return app::GetMatrix(app.services, req.principal, id, *mid);
    }();
    if (!matrix.ok()) return Response::FromError(matrix.error());
    return Response::Json(200, *matrix);
  });

  router.Add("GET", informant + "/identity", [&app](Request& req) -> Response {
    auto identity = [&]() -> Result<json> {
      RETURN_IF_ERROR(app.auth.RequireLogin(req));
      ASSIGN_OR_RETURN(std::int64_t id, RouteId(req, "study"));
      ASSIGN_OR_RETURN(std::int64_t i, RouteId(req, "informant", "informant of this study"));
      return app::GetIdentity(app.services, req.principal, id, i);
    }();
    if (!identity.ok()) return Response::FromError(identity.error());
    return Response::Json(200, *identity);
  });

  router.Add("PUT", informant + "/identity", [&app](Request& req) -> Response {
    auto identity = [&]() -> Result<json> {
      RETURN_IF_ERROR(app.auth.RequireLogin(req));
      ASSIGN_OR_RETURN(std::int64_t id, RouteId(req, "study"));
      ASSIGN_OR_RETURN(std::int64_t i, RouteId(req, "informant", "informant of this study"));
      ASSIGN_OR_RETURN(json body, ParseJsonBody(req));
      return app::PutIdentity(app.services, req.principal, id, i, body);
    }();
    if (!identity.ok()) return Response::FromError(identity.error());
    return Response::Json(200, *identity);
  });

  router.Add("DELETE", informant + "/identity", [&app](Request& req) -> Response {
    Status st = [&]() -> Status {
      RETURN_IF_ERROR(app.auth.RequireLogin(req));
      ASSIGN_OR_RETURN(std::int64_t id, RouteId(req, "study"));
      ASSIGN_OR_RETURN(std::int64_t i, RouteId(req, "informant", "informant of this study"));
      return app::DeleteIdentity(app.services, req.principal, id, i);
    }();
    return st.ok() ? Response::NoContent() : Response::FromError(st.error());
  });
}

}  // namespace moteplass::http::studies
