// The JSON API of a meeting place in operation (contracts/operations.md): people (with merge),
// and each meeting place's memberships, meetings and cases, and its influence. Handlers parse
// and call one use case each (app/operations/operations.h).
#include "app/operations/operations.h"
#include "core/status_macros.h"
#include "http/api_kit.h"
#include "http/operations/module.h"

namespace moteplass::http::operations {
namespace {

using nlohmann::json;
using ops::Kind;

// ?from=YYYY&to=YYYY of the influence summary.
Result<std::optional<int>> YearParam(const Request& req, const char* name) {
  auto v = req.Query(name);
  if (!v) return std::optional<int>();
  if (v->size() != 4 || v->find_first_not_of("0123456789") != std::string::npos || *v < "1900") {
    return Error::Invalid("expected a year such as 2026", std::string("/") + name);
  }
  return std::optional<int>(std::stoi(*v));
}

void AddPeopleRoutes(Router& router, AppContext& app) {
  const std::string base = std::string(kApiBase) + "/people";
  const std::string one = base + "/{id}";

  router.Add("GET", base, [&app](Request& req) -> Response {
    auto people = app::ListPeople(app.services, req.principal);
    if (!people.ok()) return Response::FromError(people.error());
    // The list shows no special categories: they are read one person at a time.
    return PagedList(
        req, *people, [](const ops::Record& p) { return app::PersonView(p, false); }, 20, 100);
  });

  router.Add("POST", base, [&app](Request& req) -> Response {
    auto created = [&]() -> Result<ops::Record> {
      RETURN_IF_ERROR(app.auth.RequireLogin(req));
      ASSIGN_OR_RETURN(json body, ParseJsonBody(req));
      return app::CreatePerson(app.services, req.principal, body);
    }();
    if (!created.ok()) return Response::FromError(created.error());
    Response r = JsonWithEtag(201, app::PersonView(*created, true), created->version);
    r.Set("Location", "/api/v1/people/" + std::to_string(created->id));
    return r;
  });

  router.Add("GET", one, [&app](Request& req) -> Response {
    auto person = [&]() -> Result<app::PersonAccess> {
      RETURN_IF_ERROR(app.auth.RequireLogin(req));
      ASSIGN_OR_RETURN(std::int64_t id, RouteId(req, "person"));
      return app::GetPerson(app.services, req.principal, id);
    }();
    if (!person.ok()) return Response::FromError(person.error());
    return JsonWithEtag(200, app::PersonView(person->person, person->special_categories), person->person.version);
  });

  router.Add("PUT", one, [&app](Request& req) -> Response {
    auto updated = [&]() -> Result<app::PersonAccess> {
      RETURN_IF_ERROR(app.auth.RequireLogin(req));
      ASSIGN_OR_RETURN(std::int64_t id, RouteId(req, "person"));
      ASSIGN_OR_RETURN(json body, ParseJsonBody(req));
      ASSIGN_OR_RETURN(std::int64_t version, PreconditionVersion(req, &body));
      RETURN_IF_ERROR(app::UpdatePerson(app.services, req.principal, id, body, version));
      return app::GetPerson(app.services, req.principal, id);
    }();
    if (!updated.ok()) return Response::FromError(updated.error());
    return JsonWithEtag(200, app::PersonView(updated->person, updated->special_categories), updated->person.version);
  });

  router.Add("DELETE", one, [&app](Request& req) -> Response {
    Status st = [&]() -> Status {
      RETURN_IF_ERROR(app.auth.RequireLogin(req));
      ASSIGN_OR_RETURN(std::int64_t id, RouteId(req, "person"));
      ASSIGN_OR_RETURN(std::int64_t version, PreconditionVersion(req, nullptr));
      return app::ErasePerson(app.services, req.principal, id, version);
    }();
    return st.ok() ? Response::NoContent() : Response::FromError(st.error());
  });

  router.Add("POST", one + "/merge", [&app](Request& req) -> Response {
    auto merged = [&]() -> Result<app::PersonAccess> {
      RETURN_IF_ERROR(app.auth.RequireLogin(req));
      ASSIGN_OR_RETURN(std::int64_t id, RouteId(req, "person"));
      // A refusal must not depend on what was sent: decide before reading the body.
      if (!Decide(req.principal, Action::kPersonMerge, RecordLocation{}).allowed) {
        RETURN_IF_ERROR(app::MergePeople(app.services, req.principal, id, json::object()));
      }
      ASSIGN_OR_RETURN(json body, ParseJsonBody(req));
      RETURN_IF_ERROR(app::MergePeople(app.services, req.principal, id, body));
      return app::GetPerson(app.services, req.principal, body["into"].get<std::int64_t>());
    }();
    if (!merged.ok()) return Response::FromError(merged.error());
    return JsonWithEtag(200, app::PersonView(merged->person, merged->special_categories), merged->person.version);
  });
}

// GET|POST .../{id}/<plural> and GET|PUT|DELETE .../{id}/<plural>/{<param>} for one kind.
void AddPlaceRoutes(Router& router, AppContext& app, Kind kind, const char* param, const char* what) {
  const std::string base = std::string(kApiBase) + "/meeting-places/{id}/" + std::string(ops::Plural(kind));
  const std::string one = base + "/{" + param + "}";

  auto view = [kind](const ops::Record& r, const app::OperationsAccess& access,
                     const std::map<std::int64_t, std::string>& names) {
    auto name = names.find(r.person);
    return app::RecordView(kind, r, access, name == names.end() ? "" : name->second);
  };
  auto single = [&app, view](int status, const Result<ops::Record>& r, const app::OperationsAccess& access) {
    if (!r.ok()) return Response::FromError(r.error());
    const std::map<std::int64_t, std::string> names = access.without_names ? std::map<std::int64_t, std::string>()
                                                                           : app::NamesOf(app.services, {*r});
    return JsonWithEtag(status, view(*r, access, names), r->version);
  };

  router.Add("GET", base, [&app, kind, view](Request& req) -> Response {
    auto list = [&]() -> Result<app::OperationsList> {
      ASSIGN_OR_RETURN(std::int64_t place, RouteId(req));
      return app::ListOperations(app.services, req.principal, kind, place);
    }();
    if (!list.ok()) return Response::FromError(list.error());
    const app::OperationsAccess& access = list->access;
    // A researcher is given no names at all (app::OperationsAccess::without_names).
    const std::map<std::int64_t, std::string> names = access.without_names ? std::map<std::int64_t, std::string>()
                                                                           : app::NamesOf(app.services, list->records);
    return PagedList(
        req, list->records, [&](const ops::Record& r) { return view(r, access, names); }, 20, 100);
  });

  router.Add("POST", base, [&app, kind, single](Request& req) -> Response {
    app::OperationsAccess access;
    auto created = [&]() -> Result<ops::Record> {
      RETURN_IF_ERROR(app.auth.RequireLogin(req));
      ASSIGN_OR_RETURN(std::int64_t place, RouteId(req));
      ASSIGN_OR_RETURN(access, app::OperationsOf(app.services, req.principal, place));
      if (!access.manage) return app::CreateOperation(app.services, req.principal, kind, place, json());
      ASSIGN_OR_RETURN(json body, ParseJsonBody(req));
      return app::CreateOperation(app.services, req.principal, kind, place, body);
    }();
    Response r = single(201, created, access);
    if (created.ok()) {
      r.Set("Location", "/api/v1/meeting-places/" + std::to_string(created->meeting_place) + "/" +
                            std::string(ops::Plural(kind)) + "/" + std::to_string(created->id));
    }
    return r;
  });

  router.Add("GET", one, [&app, kind, param, what, single](Request& req) -> Response {
    app::OperationsAccess access;
    auto r = [&]() -> Result<ops::Record> {
      ASSIGN_OR_RETURN(std::int64_t place, RouteId(req));
      ASSIGN_OR_RETURN(std::int64_t id, RouteId(req, param, what));
      return app::GetOperation(app.services, req.principal, kind, place, id, &access);
    }();
    return single(200, r, access);
  });

  router.Add("PUT", one, [&app, kind, param, what, single](Request& req) -> Response {
    app::OperationsAccess access;
    auto r = [&]() -> Result<ops::Record> {
      RETURN_IF_ERROR(app.auth.RequireLogin(req));
      ASSIGN_OR_RETURN(std::int64_t place, RouteId(req));
      ASSIGN_OR_RETURN(std::int64_t id, RouteId(req, param, what));
      ASSIGN_OR_RETURN(access, app::OperationsOf(app.services, req.principal, place));
      ASSIGN_OR_RETURN(std::int64_t version, PreconditionVersion(req, nullptr));
      if (!access.manage) return app::UpdateOperation(app.services, req.principal, kind, place, id, json(), version);
      ASSIGN_OR_RETURN(json body, ParseJsonBody(req));
      if (version == app::kNoPrecondition) {
        ASSIGN_OR_RETURN(version, PreconditionVersion(req, &body));
      }
      return app::UpdateOperation(app.services, req.principal, kind, place, id, body, version);
    }();
    return single(200, r, access);
  });

  router.Add("DELETE", one, [&app, kind, param, what](Request& req) -> Response {
    Status st = [&]() -> Status {
      RETURN_IF_ERROR(app.auth.RequireLogin(req));
      ASSIGN_OR_RETURN(std::int64_t place, RouteId(req));
      ASSIGN_OR_RETURN(std::int64_t id, RouteId(req, param, what));
      ASSIGN_OR_RETURN(std::int64_t version, PreconditionVersion(req, nullptr));
      return app::DeleteOperation(app.services, req.principal, kind, place, id, version);
    }();
    return st.ok() ? Response::NoContent() : Response::FromError(st.error());
  });
}

}  // namespace

void AddApiRoutes(ModuleContext& m) {
  AddPeopleRoutes(m.router, m.app);
  AddPlaceRoutes(m.router, m.app, Kind::kMembership, "membership", "membership");
  AddPlaceRoutes(m.router, m.app, Kind::kMeeting, "meeting", "meeting");
  AddPlaceRoutes(m.router, m.app, Kind::kCase, "case", "case");

  AppContext& app = m.app;
  m.router.Add("GET", std::string(kApiBase) + "/meeting-places/{id}/influence", [&app](Request& req) -> Response {
    auto influence = [&]() -> Result<json> {
      ASSIGN_OR_RETURN(std::int64_t place, RouteId(req));
      ASSIGN_OR_RETURN(std::optional<int> from, YearParam(req, "from"));
      ASSIGN_OR_RETURN(std::optional<int> to, YearParam(req, "to"));
      if (from && to && *from > *to) return Error::Invalid("from must not be after to", "/from");
      if (from && to && *to - *from > 100) return Error::Invalid("at most 100 years at a time", "/to");
      return app::GetInfluence(app.services, req.principal, place, from, to);
    }();
    if (!influence.ok()) return Response::FromError(influence.error());
    return Response::Json(200, *influence);
  });
  AddAlertRoutes(m);
  AddCaseImportRoutes(m);
}

}  // namespace moteplass::http::operations
