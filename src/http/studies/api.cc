// The JSON API of mapping studies (contracts/studies.md): the guides, each version, and a guide
// as an XLSForm workbook. Handlers parse and call one use case each (app/studies/).
#include <array>

#include "app/studies/guides.h"
#include "core/status_macros.h"
#include "http/api_kit.h"
#include "http/studies/module.h"

namespace moteplass::http::studies {
namespace {

using nlohmann::json;

constexpr const char* kXlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

Result<std::int64_t> VersionOf(const std::string& text, const std::string& pointer) {
  auto n = ParseId(text);
  if (!n) return Error::Invalid("expected a version number such as 1", pointer);
  return *n;
}

void AddGuideRoutes(Router& router, AppContext& app) {
  const std::string base = std::string(kApiBase) + "/guides";

  router.Add("GET", base, [&app](Request& req) -> Response {
    static constexpr std::array<std::string_view, 2> kKnown = {"page", "per_page"};
    Status known = RefuseUnknownParams(req, kKnown);
    if (!known.ok()) return Response::FromError(known.error());
    auto guides = app::ListGuides(app.services);
    if (!guides.ok()) return Response::FromError(guides.error());
    return PagedList(req, *guides, app::GuideSummary, 20, 100);
  });

  auto one = [&app](Request& req, std::int64_t version) -> Response {
    Status known = RefuseUnknownParams(req, {});
    if (!known.ok()) return Response::FromError(known.error());
    auto guide = app::GetGuide(app.services, req.params.at("id"), version);
    if (!guide.ok()) return Response::FromError(guide.error());
    return JsonWithEtag(200, app::GuideView(*guide), guide->version);
  };
  router.Add("GET", base + "/{id}", [one](Request& req) -> Response { return one(req, 0); });
  router.Add("GET", base + "/{id}/versions/{n}", [one](Request& req) -> Response {
    auto version = ParseId(req.params.at("n"));
    if (!version) return Response::FromError(Error::NotFound("no guide version " + req.params.at("n")));
    return one(req, *version);
  });

  router.Add("GET", base + "/{id}/xlsform", [&app](Request& req) -> Response {
    auto bytes = [&]() -> Result<std::string> {
      static constexpr std::array<std::string_view, 1> kKnown = {"version"};
      RETURN_IF_ERROR(RefuseUnknownParams(req, kKnown));
      std::int64_t version = 0;
      if (auto v = req.Query("version")) {
        ASSIGN_OR_RETURN(version, VersionOf(*v, "/version"));
      }
      return app::ExportGuideXlsForm(app.services, req.params.at("id"), version);
    }();
    if (!bytes.ok()) return Response::FromError(bytes.error());
    Response r;
    r.status = 200;
    r.body = std::move(*bytes);
    r.Set("Content-Type", kXlsxType);
    r.Set("Content-Disposition", "attachment; filename=\"" + req.params.at("id") + ".xlsx\"");
    return r;
  });
}

}  // namespace

void AddApiRoutes(ModuleContext& m) {
  AddGuideRoutes(m.router, m.app);
  AddStudyRoutes(m.router, m.app);
  AddProposalRoutes(m.router, m.app);
  AddCodingRoutes(m.router, m.app);
  AddExportRoutes(m.router, m.app);
}

}  // namespace moteplass::http::studies
