// POST /api/v1/meeting-places/{id}/case-import: a year's cases as CSV (text/csv; the columns of
// core/operations/case_csv.h), all or nothing (app/operations/case_import.h). 201 with the cases
// stored; 400 naming every bad row and column (the pointer names the first: /rows/3/deadline).
#include "app/operations/case_import.h"

#include "app/operations/operations.h"
#include "core/status_macros.h"
#include "http/api_kit.h"
#include "http/operations/module.h"

namespace moteplass::http::operations {

void AddCaseImportRoutes(ModuleContext& m) {
  AppContext& app = m.app;
  m.router.Add("POST", std::string(kApiBase) + "/meeting-places/{id}/case-import", [&app](Request& req) -> Response {
    app::OperationsAccess access;
    auto imported = [&]() -> Result<std::vector<ops::Record>> {
      RETURN_IF_ERROR(app.auth.RequireLogin(req));
      ASSIGN_OR_RETURN(std::int64_t place, RouteId(req));
      ASSIGN_OR_RETURN(access, app::OperationsOf(app.services, req.principal, place));
      // A refusal must not depend on what was sent: decide before reading the body.
      if (!access.manage) return app::ImportCases(app.services, req.principal, place, "");
      const std::string type = req.Header("content-type");
      if (type.rfind("text/csv", 0) != 0) {
        return Error::Invalid("send the cases as text/csv (UTF-8), a header row first", "/headers/content-type",
                              "unsupported_media_type");
      }
      return app::ImportCases(app.services, req.principal, place, req.body);
    }();
    if (!imported.ok()) return Response::FromError(imported.error());
    nlohmann::json data = nlohmann::json::array();
    for (const ops::Record& r : *imported) data.push_back(app::RecordView(ops::Kind::kCase, r, access, ""));
    return Response::Json(201, {{"imported", imported->size()}, {"data", data}});
  });
}

}  // namespace moteplass::http::operations
