// The typology's JSON API: POST /api/v1/classify, the same verdicts as `moteplass classify`
// (contracts/classification.md).
#include "core/typology/typology.h"
#include "http/api_kit.h"
#include "http/typology/module.h"

namespace moteplass::http::typology {

void AddApiRoutes(ModuleContext& m) {
  Router& router = m.router;
  const std::string base = kApiBase;
  router.Add("POST", base + "/classify", [](Request& req) {
    auto body = ParseJsonBody(req);
    if (!body.ok()) return Response::FromError(body.error());
    auto results = ClassifyDocument(*body);
    if (!results.ok()) return Response::FromError(results.error());
    return Response::Json(200, *results);
  });
}

}  // namespace moteplass::http::typology
