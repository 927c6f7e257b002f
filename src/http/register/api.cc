// The register's JSON API: the meeting-place list, create, read, replace, delete, the change
// history and the recorded kind (contracts/api.md). Handlers parse and call one use case each
// (app/register/meeting_places.h).
#include "app/register/meeting_places.h"
#include "core/json_text.h"
#include "core/register/open_data.h"
#include "core/status_macros.h"
#include "core/typology/typology.h"
#include "http/api_kit.h"
#include "http/register/module.h"
#include "http/register/query.h"

namespace moteplass::http::registry {

using nlohmann::json;

Result<MeetingPlace> LoadVisible(AppContext& app, const Request& req) {
  ASSIGN_OR_RETURN(std::int64_t id, RouteId(req));
  return app::GetMeetingPlace(app.services, req.principal, id);
}

namespace {

// The list's query parameters: the filters and order (query.h), paging, and the format.
constexpr std::string_view kListParams[] = {"county", "municipality", "region", "kind",          "q",      "sort",
                                            "page",   "per_page",     "format", "changed_since", "include"};

// ?include=classification: the list's items with the typology's verdict and its reasons, which
// they leave out by default (the single resource always has them).
Result<bool> IncludeClassification(const Request& req) {
  const std::string include = req.Query("include").value_or("");
  if (include.empty()) return false;
  if (include == "classification") return true;
  return Error::Invalid("expected classification, got " + DescribeJsonValue(include), "/include");
}

// A list item: the resource without the classification's reasons unless they were asked for;
// its kind, subtype, computed_kind and links are there either way.
json ListItemJson(const MeetingPlace& place, bool with_classification) {
  json item = ToJson(place);
  if (!with_classification) item.erase("classification");
  return item;
}

std::string Etag(const MeetingPlace& place) { return "\"" + std::to_string(place.version) + "\""; }

Response MeetingPlaceResponse(int status, const MeetingPlace& place) {
  Response r = Response::Json(status, ToJson(place));
  r.Set("ETag", Etag(place));
  return r;
}

// The recorded kind of a PUT .../kind body: {"kind", "justification"} and the "version" it is
// based on (or If-Match), nothing else.
Result<RecordedKind> ParseRecordKindBody(const json& body) {
  if (!body.is_object()) return Error::Invalid("expected a JSON object with kind and justification", "");
  for (auto& [key, value] : body.items()) {
    if (key != "kind" && key != "justification" && key != "version") {
      return Error::Invalid("unknown field; expected kind, justification or version", "/" + key);
    }
  }
  RecordedKind kind;
  if (body.contains("kind") && body["kind"].is_string()) kind.kind = body["kind"].get<std::string>();
  if (!IsKind(kind.kind)) return app::ValidateRecordedKind(kind).error();
  if (!body.contains("justification") || !body["justification"].is_string()) {
    return Error::Invalid("required: why this kind fits better, in words", "/justification");
  }
  kind.justification = body["justification"].get<std::string>();
  RETURN_IF_ERROR(app::ValidateRecordedKind(kind));
  return kind;
}

Response MeetingPlaceResult(int status, const Result<MeetingPlace>& place) {
  if (!place.ok()) return Response::FromError(place.error());
  return MeetingPlaceResponse(status, *place);
}

}  // namespace

void AddApiRoutes(ModuleContext& m) {
  Router& router = m.router;
  AppContext& app = m.app;
  const std::string base = kApiBase;
  const std::string one = base + "/meeting-places/{id}";

  // The public answers of the list and of one meeting place are kept in the page cache
  // (Pages::Api) under the same tags as the pages that show them, and emptied by the same writes.
  RouteInfo listing;
  listing.cacheable = true;
  listing.cache_tag = app::kMeetingPlacesTag;
  RouteInfo one_place;
  one_place.cacheable = true;
  one_place.cache_tag = app::MeetingPlaceTag("{id}");  // filled from the route

  auto list = [&app](Request& req) {
    if (Status known = RefuseUnknownParams(req, kListParams); !known.ok()) return Response::FromError(known.error());
    const std::string format = req.Query("format").value_or("json");
    if (format != "json" && format != "csv") {
      return Response::FromError(Error::Invalid("expected json or csv, got " + DescribeJsonValue(format), "/format"));
    }
    auto query = ParseMeetingPlaceQuery(req, app.places);
    if (!query.ok()) return Response::FromError(query.error());
    auto include = IncludeClassification(req);
    if (!include.ok()) return Response::FromError(include.error());
    // The CSV's is_meeting_place column reads the classification.
    query->with_classification = *include || format == "csv";
    auto page = app::ListMeetingPlaces(app.services, req.principal, *query);
    if (!page.ok()) return Response::FromError(page.error());
    if (format == "csv") {
      // The page as rows of the open-data table (core/register/open_data.h), the same as
      // /moteplasser.csv gives for all of them.
      std::vector<std::vector<moteplass::open_data::Cell>> rows;
      for (const auto& place : page->items)
        rows.push_back(moteplass::open_data::Row(place, app.places, app.public_url));
      Response r;
      r.body = moteplass::open_data::Csv(rows);
      r.Set("Content-Type", "text/csv; charset=utf-8; header=present");
      return r;
    }
    json data = json::array();
    for (const auto& place : page->items) data.push_back(ListItemJson(place, *include));
    return Response::Json(200, ListEnvelope(req, data, page->total, query->page, query->per_page));
  };
  router.Add("GET", base + "/meeting-places", m.pages.Api(list), listing);

  router.Add("POST", base + "/meeting-places", [&app](Request& req) -> Response {
    auto created = [&]() -> Result<MeetingPlace> {
      RETURN_IF_ERROR(app.auth.RequireLogin(req));
      ASSIGN_OR_RETURN(json body, ParseJsonBody(req));
      ASSIGN_OR_RETURN(MeetingPlaceInput input, ParseMeetingPlaceInput(body, app.places));
      return app::CreateMeetingPlace(app.services, req.principal, input);
    }();
    Response r = MeetingPlaceResult(201, created);
    if (created.ok()) r.Set("Location", "/api/v1/meeting-places/" + std::to_string(created->id));
    return r;
  });

  router.Add("GET", one, m.pages.Api([&app](Request& req) { return MeetingPlaceResult(200, LoadVisible(app, req)); }),
             one_place);

  router.Add("PUT", one, [&app](Request& req) -> Response {
    auto result = [&]() -> Result<MeetingPlace> {
      RETURN_IF_ERROR(app.auth.RequireLogin(req));
      ASSIGN_OR_RETURN(std::int64_t id, RouteId(req));
      ASSIGN_OR_RETURN(json body, ParseJsonBody(req));
      ASSIGN_OR_RETURN(std::int64_t version, PreconditionVersion(req, &body));
      ASSIGN_OR_RETURN(MeetingPlaceInput input, ParseMeetingPlaceInput(body, app.places));
      return app::UpdateMeetingPlace(app.services, req.principal, id, input, version);
    }();
    return MeetingPlaceResult(200, result);
  });

  router.Add("DELETE", one, [&app](Request& req) -> Response {
    Status st = [&]() -> Status {
      RETURN_IF_ERROR(app.auth.RequireLogin(req));
      ASSIGN_OR_RETURN(std::int64_t id, RouteId(req));
      ASSIGN_OR_RETURN(std::int64_t version, PreconditionVersion(req, nullptr));
      return app::DeleteMeetingPlace(app.services, req.principal, id, version);
    }();
    return st.ok() ? Response::NoContent() : Response::FromError(st.error());
  });

  router.Add("GET", one + "/history", [&app](Request& req) -> Response {
    auto history = [&]() -> Result<app::MeetingPlaceHistory> {
      ASSIGN_OR_RETURN(std::int64_t id, RouteId(req));
      return app::GetHistory(app.services, req.principal, id);
    }();
    if (!history.ok()) return Response::FromError(history.error());
    const bool authors = history->show_authors;
    auto entry_json = [authors](const HistoryEntry& h) {
      json changes = json::array();
      for (const auto& c : h.changes)
        changes.push_back({{"pointer", c.pointer}, {"before", c.before}, {"after", c.after}});
      // Who made a change is personal data; roles that may not see it get null.
      return json{{"id", h.id},         {"at", h.at},         {"by", authors ? json(h.by) : json()},
                  {"action", h.action}, {"changes", changes}, {"source", h.source}};
    };
    return PagedList(req, history->entries, entry_json, 100, 1000);
  });

  auto record_kind = [&app](Request& req) -> Response {
    auto result = [&]() -> Result<MeetingPlace> {
      RETURN_IF_ERROR(app.auth.RequireLogin(req));
      ASSIGN_OR_RETURN(std::int64_t id, RouteId(req));
      ASSIGN_OR_RETURN(std::int64_t version, PreconditionVersion(req, nullptr));
      std::optional<RecordedKind> kind;
      if (req.method != "DELETE") {
        // A refusal must not depend on what was sent: decide before reading the body.
        ASSIGN_OR_RETURN(MeetingPlace place, app::GetMeetingPlace(app.services, req.principal, id));
        if (!app::May(req.principal, Action::kMeetingPlaceRecordKind, place)) {
          return app::RecordKind(app.services, req.principal, id, std::nullopt, version);
        }
        ASSIGN_OR_RETURN(json body, ParseJsonBody(req));
        ASSIGN_OR_RETURN(kind, ParseRecordKindBody(body));
        if (version == app::kNoPrecondition) {
          ASSIGN_OR_RETURN(version, PreconditionVersion(req, &body));
        }
      }
      return app::RecordKind(app.services, req.principal, id, kind, version);
    }();
    return MeetingPlaceResult(200, result);
  };
  router.Add("PUT", one + "/kind", record_kind);
  router.Add("DELETE", one + "/kind", record_kind);
}

}  // namespace moteplass::http::registry
