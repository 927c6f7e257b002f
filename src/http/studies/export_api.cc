// GET /api/v1/studies/{id}/export?format=csv|xlsx|qdpx[&with_identities=true] (contracts/studies.md,
// "Exports"): the study's answers as a long CSV, an XLSX workbook or a REFI-QDA project, one use case
// (app/studies/export.h).
#include <array>

#include "app/studies/export.h"
#include "core/status_macros.h"
#include "http/api_kit.h"
#include "http/studies/module.h"

namespace moteplass::http::studies {

void AddExportRoutes(Router& router, AppContext& app) {
  router.Add("GET", std::string(kApiBase) + "/studies/{id}/export", [&app](Request& req) -> Response {
    auto result = [&]() -> Result<app::StudyExport> {
      // A read: the session cookie is enough (the study overview links here), no CSRF token.
      if (req.principal.anonymous()) return Error::Unauthenticated("log in first (session cookie or Bearer token)");
      static constexpr std::array<std::string_view, 2> kKnown = {"format", "with_identities"};
      RETURN_IF_ERROR(RefuseUnknownParams(req, kKnown));
      ASSIGN_OR_RETURN(std::int64_t id, RouteId(req, "study"));
      auto format = req.Query("format");
      if (!format) return Error::Invalid("format is required: csv, xlsx or qdpx", "/format");
      bool with_identities = false;
      if (auto w = req.Query("with_identities")) {
        if (*w != "true" && *w != "false") return Error::Invalid("expected true or false", "/with_identities");
        with_identities = *w == "true";
      }
      return app::ExportStudy(app.services, req.principal, id, *format, with_identities);
    }();
    if (!result.ok()) return Response::FromError(result.error());
    Response r;
    r.status = 200;
    r.body = std::move(result->bytes);
    r.Set("Content-Type", result->content_type);
    r.Set("Content-Disposition", "attachment; filename=\"" + result->filename + "\"");
    r.Set("Cache-Control", "no-store");
    return r;
  });
}

}  // namespace moteplass::http::studies
