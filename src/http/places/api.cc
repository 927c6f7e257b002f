// The places' JSON API: counties, municipalities and IMDi regions, each a paged list and one by
// number or id.
#include "http/api_kit.h"
#include "http/places/module.h"

namespace moteplass::http::places {

using nlohmann::json;

namespace {

json CountyJson(const County& c) {
  return {{"number", c.number}, {"name", c.name}, {"region", c.region.empty() ? json() : json(c.region)}};
}
json MunicipalityJson(const Municipality& m) { return {{"number", m.number}, {"name", m.name}, {"county", m.county}}; }
// The query parameters each list takes; any other is a 400 naming it.
constexpr std::string_view kPaging[] = {"page", "per_page"};
constexpr std::string_view kMunicipalityParams[] = {"county", "page", "per_page"};

json RegionJson(const Region& r) { return {{"id", r.id}, {"name", r.name}, {"counties", r.counties}}; }

}  // namespace

void AddApiRoutes(ModuleContext& m) {
  Router& router = m.router;
  AppContext& app = m.app;
  const std::string base = kApiBase;
  router.Add("GET", base + "/counties", [&app](Request& req) {
    if (Status known = RefuseUnknownParams(req, kPaging); !known.ok()) return Response::FromError(known.error());
    return PagedList(req, app.places.counties, CountyJson);
  });
  router.Add("GET", base + "/counties/{number}", [&app](Request& req) {
    const County* c = FindCounty(app.places, req.params["number"]);
    if (!c) return Response::FromError(Error::NotFound("no county has the number " + req.params["number"]));
    return Response::Json(200, CountyJson(*c));
  });
  router.Add("GET", base + "/municipalities", [&app](Request& req) {
    if (Status known = RefuseUnknownParams(req, kMunicipalityParams); !known.ok()) {
      return Response::FromError(known.error());
    }
    std::string county;
    if (auto v = req.Query("county"); v && !v->empty()) {
      if (!FindCounty(app.places, *v)) {
        return Response::FromError(Error::Invalid(
            "no county has the number " + json(*v).dump() + "; expected a 2-digit county number", "/county"));
      }
      county = *v;
    }
    std::vector<Municipality> matching;
    for (const auto& m : app.places.municipalities) {
      if (county.empty() || m.county == county) matching.push_back(m);
    }
    return PagedList(req, matching, MunicipalityJson);
  });
  router.Add("GET", base + "/municipalities/{number}", [&app](Request& req) {
    const Municipality* m = FindMunicipality(app.places, req.params["number"]);
    if (!m) return Response::FromError(Error::NotFound("no municipality has the number " + req.params["number"]));
    return Response::Json(200, MunicipalityJson(*m));
  });
  router.Add("GET", base + "/regions", [&app](Request& req) {
    if (Status known = RefuseUnknownParams(req, kPaging); !known.ok()) return Response::FromError(known.error());
    return PagedList(req, app.places.regions, RegionJson);
  });
  router.Add("GET", base + "/regions/{id}", [&app](Request& req) {
    const Region* r = FindRegion(app.places, req.params["id"]);
    if (!r) return Response::FromError(Error::NotFound("no region has the id " + req.params["id"]));
    return Response::Json(200, RegionJson(*r));
  });
}

}  // namespace moteplass::http::places
