// Proposals to the register from a mapping study (contracts/studies.md, "Proposal"):
// GET /api/v1/studies/{id}/meeting-places/{mid}/proposal and POST .../proposal/accept with the
// meeting place's If-Match. One use case each (app/studies/proposal.h).
#include "app/studies/proposal.h"
#include "core/status_macros.h"
#include "http/api_kit.h"
#include "http/studies/module.h"

namespace moteplass::http::studies {

using nlohmann::json;

void AddProposalRoutes(Router& router, AppContext& app) {
  const std::string proposal = std::string(kApiBase) + "/studies/{id}/meeting-places/{mid}/proposal";

  router.Add("GET", proposal, [&app](Request& req) -> Response {
    auto result = [&]() -> Result<json> {
      RETURN_IF_ERROR(app.auth.RequireLogin(req));
      ASSIGN_OR_RETURN(std::int64_t id, RouteId(req, "study"));
      ASSIGN_OR_RETURN(std::int64_t mid, RouteId(req, "mid", "meeting place of this study"));
      return app::GetProposal(app.services, req.principal, id, mid);
    }();
    if (!result.ok()) return Response::FromError(result.error());
    return Response::Json(200, *result);
  });

  // A meeting place the study found that the register lacks: registered unpublished and linked.
  router.Add("POST", std::string(kApiBase) + "/studies/{id}/meeting-places", [&app](Request& req) -> Response {
    auto result = [&]() -> Result<MeetingPlace> {
      RETURN_IF_ERROR(app.auth.RequireLogin(req));
      ASSIGN_OR_RETURN(std::int64_t id, RouteId(req, "study"));
      ASSIGN_OR_RETURN(json body, ParseJsonBody(req));
      return app::RegisterFoundMeetingPlace(app.services, req.principal, id, body);
    }();
    if (!result.ok()) return Response::FromError(result.error());
    Response r = JsonWithEtag(201, ToJson(*result), result->version);
    r.Set("Location", std::string(kApiBase) + "/meeting-places/" + std::to_string(result->id));
    return r;
  });

  router.Add("POST", proposal + "/accept", [&app](Request& req) -> Response {
    auto result = [&]() -> Result<MeetingPlace> {
      RETURN_IF_ERROR(app.auth.RequireLogin(req));
      ASSIGN_OR_RETURN(std::int64_t id, RouteId(req, "study"));
      ASSIGN_OR_RETURN(std::int64_t mid, RouteId(req, "mid", "meeting place of this study"));
      ASSIGN_OR_RETURN(json body, ParseJsonBody(req));
      ASSIGN_OR_RETURN(std::int64_t version, PreconditionVersion(req, nullptr));
      return app::AcceptProposal(app.services, req.principal, id, mid, body, version);
    }();
    if (!result.ok()) return Response::FromError(result.error());
    return JsonWithEtag(200, ToJson(*result), result->version);
  });
}

}  // namespace moteplass::http::studies
