// The site's JSON API: the health check and the OpenAPI document (bundled at build time from
// openapi/*.json).
#include "core/resources.h"
#include "http/api_kit.h"
#include "http/site/module.h"

namespace moteplass::http::site {

void AddApiRoutes(ModuleContext& m) {
  Router& router = m.router;
  const std::string base = kApiBase;

  // The database is asked every time: a load balancer must stop sending to a server that lost it.
  router.Add("GET", base + "/health", [&app = m.app](Request&) {
    if (Status ping = app.store.Ping(); !ping.ok()) return Response::FromError(ping.error());
    return Response::Json(200, {{"status", "ok"}});
  });

  router.Add("GET", base + "/openapi.json", [](Request&) {
    auto document = resources::Find("openapi.json");
    if (!document) return Response::FromError(Error::NotFound("this build carries no OpenAPI document"));
    Response r;
    r.body = std::string(*document);
    r.Set("Content-Type", "application/json; charset=utf-8");
    return r;
  });
}

}  // namespace moteplass::http::site
