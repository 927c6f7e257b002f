#include "http/api.h"

#include <algorithm>
#include <array>
#include <charconv>

#include "app/register/meeting_places.h"
#include "core/json_text.h"
#include "core/status_macros.h"
#include "core/resources.h"
#include "core/typology/typology.h"

namespace moteplass::http {

using nlohmann::json;

namespace {

constexpr const char* kBase = "/api/v1";

Result<json> ParseJsonBody(const Request& request) { return ParseJsonText(request.body, "the request body"); }

std::optional<std::int64_t> ParseId(const std::string& text) {
  if (text.empty() || text.size() > 18 || text.front() == '0') return std::nullopt;
  std::int64_t id = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || ptr != text.data() + text.size() || id <= 0) return std::nullopt;
  return id;
}

// The values of ?sort and the orders they name.
constexpr std::array<std::pair<MeetingPlaceQuery::Sort, const char*>, 3> kSorts{{
    {MeetingPlaceQuery::Sort::kName, "name"},
    {MeetingPlaceQuery::Sort::kUpdatedDesc, "-updated"},
    {MeetingPlaceQuery::Sort::kRelevance, "relevance"},
}};

// One page of a list held in memory (counties, municipalities, regions, a change history) as an
// OParl list, paged by ?page and ?per_page.
template <class T, class ToJsonFn>
Response PagedList(const Request& req, const std::vector<T>& all, ToJsonFn to_json, int default_per_page = 1000,
                   int max_per_page = 1000) {
  auto paging = ParsePaging(req, default_per_page, max_per_page);
  if (!paging.ok()) return Response::FromError(paging.error());
  json data = json::array();
  const std::size_t from = static_cast<std::size_t>(paging->page - 1) * paging->per_page;
  for (std::size_t i = from; i < all.size() && i < from + paging->per_page; ++i) data.push_back(to_json(all[i]));
  return Response::Json(200, ListEnvelope(req, data, static_cast<std::int64_t>(all.size()), paging->page, paging->per_page));
}

json CountyJson(const County& c) {
  return {{"number", c.number}, {"name", c.name}, {"region", c.region.empty() ? json() : json(c.region)}};
}
json MunicipalityJson(const Municipality& m) { return {{"number", m.number}, {"name", m.name}, {"county", m.county}}; }
json RegionJson(const Region& r) { return {{"id", r.id}, {"name", r.name}, {"counties", r.counties}}; }

std::string Etag(const MeetingPlace& place) { return "\"" + std::to_string(place.version) + "\""; }

// The version an If-Match header asks for: 0 when absent or "*"; an error when malformed.
Result<std::int64_t> IfMatchVersion(const Request& request) {
  std::string value = request.Header("if-match");
  if (value.empty() || value == "*") return std::int64_t{0};
  if (value.starts_with("W/")) value = value.substr(2);
  if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
  auto id = ParseId(value);
  if (!id) return Error::Invalid("If-Match must be the ETag of the record, such as \"3\"", "/headers/if-match");
  return *id;
}

Response MeetingPlaceResponse(int status, const MeetingPlace& place) {
  Response r = Response::Json(status, ToJson(place));
  r.Set("ETag", Etag(place));
  return r;
}

json UserJson(const User& user) {
  return {{"username", user.username},
          {"role", std::string(RoleName(user.role))},
          {"scope", user.scope.empty() ? json() : json(user.scope)}};
}

}  // namespace

Result<Paging> ParsePaging(const Request& request, int default_per_page, int max_per_page) {
  Paging p;
  p.per_page = default_per_page;
  auto read = [&](const char* name, int min, int max, int* out) -> Status {
    auto value = request.Query(name);
    if (!value) return {};
    int n = 0;
    auto [ptr, ec] = std::from_chars(value->data(), value->data() + value->size(), n);
    if (value->empty() || ec != std::errc() || ptr != value->data() + value->size() || n < min || n > max) {
      return Error::Invalid("expected a whole number from " + std::to_string(min) + " to " + std::to_string(max) +
                                ", got " + json(*value).dump(),
                            std::string("/") + name);
    }
    *out = n;
    return {};
  };
  if (auto st = read("page", 1, 1000000, &p.page); !st.ok()) return st.error();
  if (auto st = read("per_page", 1, max_per_page, &p.per_page); !st.ok()) return st.error();
  return p;
}

json ListEnvelope(const Request& request, json data, std::int64_t total, int page, int per_page) {
  const std::int64_t pages = std::max<std::int64_t>(1, (total + per_page - 1) / per_page);
  auto link = [&](std::int64_t n) -> json {
    std::string url = request.path + "?";
    for (const auto& [k, v] : request.query) {
      if (k == "page") continue;
      url += PercentEncode(k) + "=" + PercentEncode(v) + "&";
    }
    return url + "page=" + std::to_string(n);
  };
  return json{{"data", std::move(data)},
              {"pagination",
               {{"totalElements", total}, {"elementsPerPage", per_page}, {"currentPage", page}, {"totalPages", pages}}},
              {"links",
               {{"first", link(1)},
                {"prev", page > 1 ? link(std::min<std::int64_t>(page - 1, pages)) : json()},
                {"next", page < pages ? link(page + 1) : json()},
                {"last", link(pages)}}}};
}

Result<MeetingPlaceQuery> ParseMeetingPlaceQuery(const Request& request, const Places& places) {
  MeetingPlaceQuery q;
  auto paging = ParsePaging(request, 20, 100);
  if (!paging.ok()) return paging.error();
  q.page = paging->page;
  q.per_page = paging->per_page;
  if (auto v = request.Query("county"); v && !v->empty()) {
    if (!FindCounty(places, *v)) {
      return Error::Invalid("no county has the number " + json(*v).dump() + "; expected a 2-digit county number",
                            "/county");
    }
    q.county = *v;
  }
  if (auto v = request.Query("municipality"); v && !v->empty()) {
    if (!FindMunicipality(places, *v)) {
      return Error::Invalid(
          "no municipality has the number " + json(*v).dump() + "; expected a 4-digit municipality number",
          "/municipality");
    }
    q.municipality = *v;
  }
  if (auto v = request.Query("region"); v && !v->empty()) {
    if (!FindRegion(places, *v)) {
      std::string ids;
      for (const auto& r : places.regions) ids += (ids.empty() ? "" : ", ") + r.id;
      return Error::Invalid("no region has the id " + json(*v).dump() + "; expected one of " + ids, "/region");
    }
    q.region = *v;
  }
  if (auto v = request.Query("kind"); v && !v->empty()) {
    if (!IsKind(*v)) {
      std::string kinds;
      for (auto k : kKinds) kinds += (kinds.empty() ? "" : ", ") + std::string(k);
      return Error::Invalid("no kind is called " + json(*v).dump() + "; expected one of " + kinds, "/kind");
    }
    q.kind = *v;
  }
  if (auto v = request.Query("q")) {
    if (v->size() > 200) return Error::Invalid("the search text is too long (at most 200 characters)", "/q");
    q.text = *v;
  }
  if (auto v = request.Query("sort"); v && !v->empty()) {
    auto known = std::find_if(kSorts.begin(), kSorts.end(), [&](const auto& s) { return *v == s.second; });
    if (known == kSorts.end()) {
      return Error::Invalid("expected name, -updated or relevance, got " + json(*v).dump(), "/sort");
    }
    q.sort = known->first;
  }
  return q;
}

const char* SortParam(MeetingPlaceQuery::Sort sort) {
  for (const auto& [value, name] : kSorts) {
    if (value == sort) return name;
  }
  return "name";
}

Result<std::int64_t> RouteId(const Request& req, const char* what) {
  const std::string& text = req.params.at("id");
  auto id = ParseId(text);
  if (!id) return Error::NotFound("no " + std::string(what) + " has the id " + text);
  return *id;
}

Result<MeetingPlace> LoadVisible(AppContext& app, const Request& req) {
  ASSIGN_OR_RETURN(std::int64_t id, RouteId(req));
  return app::GetMeetingPlace(app.services, req.principal, id);
}

namespace {

// The recorded kind of a PUT .../kind body: {"kind", "justification"}, nothing else.
Result<RecordedKind> ParseRecordKindBody(const json& body) {
  if (!body.is_object()) return Error::Invalid("expected a JSON object with kind and justification", "");
  for (auto& [key, value] : body.items()) {
    if (key != "kind" && key != "justification") {
      return Error::Invalid("unknown field; expected kind or justification", "/" + key);
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

void AddMeetingPlaceRoutes(Router& router, AppContext& app) {
  const std::string one = std::string(kBase) + "/meeting-places/{id}";

  router.Add("GET", one, [&app](Request& req) { return MeetingPlaceResult(200, LoadVisible(app, req)); });

  router.Add("PUT", one, [&app](Request& req) -> Response {
    auto result = [&]() -> Result<MeetingPlace> {
      RETURN_IF_ERROR(app.auth.RequireLogin(req));
      ASSIGN_OR_RETURN(std::int64_t id, RouteId(req));
      ASSIGN_OR_RETURN(std::int64_t version, IfMatchVersion(req));
      ASSIGN_OR_RETURN(json body, ParseJsonBody(req));
      ASSIGN_OR_RETURN(MeetingPlaceInput input, ParseMeetingPlaceInput(body, app.places));
      return app::UpdateMeetingPlace(app.services, req.principal, id, input, version);
    }();
    return MeetingPlaceResult(200, result);
  });

  router.Add("DELETE", one, [&app](Request& req) -> Response {
    Status st = [&]() -> Status {
      RETURN_IF_ERROR(app.auth.RequireLogin(req));
      ASSIGN_OR_RETURN(std::int64_t id, RouteId(req));
      ASSIGN_OR_RETURN(std::int64_t version, IfMatchVersion(req));
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
      for (const auto& c : h.changes) changes.push_back({{"pointer", c.pointer}, {"before", c.before}, {"after", c.after}});
      // Who made a change is personal data; roles that may not see it get null.
      return json{{"id", h.id}, {"at", h.at}, {"by", authors ? json(h.by) : json()}, {"action", h.action},
                  {"changes", changes}};
    };
    return PagedList(req, history->entries, entry_json, 100, 1000);
  });

  auto record_kind = [&app](Request& req) -> Response {
    auto result = [&]() -> Result<MeetingPlace> {
      RETURN_IF_ERROR(app.auth.RequireLogin(req));
      ASSIGN_OR_RETURN(std::int64_t id, RouteId(req));
      ASSIGN_OR_RETURN(std::int64_t version, IfMatchVersion(req));
      std::optional<RecordedKind> kind;
      if (req.method != "DELETE") {
        // A refusal must not depend on what was sent: decide before reading the body.
        ASSIGN_OR_RETURN(MeetingPlace place, app::GetMeetingPlace(app.services, req.principal, id));
        if (!app::May(req.principal, Action::kMeetingPlaceRecordKind, place)) {
          return app::RecordKind(app.services, req.principal, id, std::nullopt, version);
        }
        ASSIGN_OR_RETURN(json body, ParseJsonBody(req));
        ASSIGN_OR_RETURN(kind, ParseRecordKindBody(body));
      }
      return app::RecordKind(app.services, req.principal, id, kind, version);
    }();
    return MeetingPlaceResult(200, result);
  };
  router.Add("PUT", one + "/kind", record_kind);
  router.Add("DELETE", one + "/kind", record_kind);
}

void AddAccountRoutes(Router& router, AppContext& app) {
  const std::string base = kBase;
  router.Add("POST", base + "/auth/login", [&app](Request& req) {
    auto body = ParseJsonBody(req);
    if (!body.ok()) return Response::FromError(body.error());
    if (!body->is_object()) return Response::FromError(Error::Invalid("expected a JSON object with username and password", ""));
    for (const char* field : {"username", "password"}) {
      if (!body->contains(field) || !(*body)[field].is_string() || (*body)[field].get<std::string>().empty()) {
        return Response::FromError(Error::Invalid("required: a non-empty string", std::string("/") + field));
      }
    }
    for (auto& [key, value] : body->items()) {
      if (key != "username" && key != "password") {
        return Response::FromError(Error::Invalid("unknown field; expected username or password", "/" + key));
      }
    }
    const std::string username = (*body)["username"].get<std::string>();
    auto login = app.auth.LogIn(username, (*body)["password"].get<std::string>(), req.remote);
    if (!login.ok()) {
      Response r = Response::FromError(login.error());
      if (r.status == 429) r.Set("Retry-After", std::to_string(app.auth.RetryAfter(username, req.remote)));
      return r;
    }
    Response r = Response::Json(200, {{"user", UserJson(login->user)}, {"csrf_token", login->csrf_token}});
    r.Set("Set-Cookie", app.auth.SessionCookieHeader(login->cookie_value));
    return r;
  });
  router.Add("POST", base + "/auth/logout", [&app](Request& req) {
    if (auto st = app.auth.LogOut(req); !st.ok()) return Response::FromError(st.error());
    Response r = Response::NoContent();
    r.Set("Set-Cookie", app.auth.ClearCookieHeader());
    return r;
  });
  router.Add("GET", base + "/auth/me", [](Request& req) {
    if (req.principal.anonymous()) return Response::FromError(Error::Unauthenticated("not logged in"));
    json me = {{"user", UserJson(*req.principal.user)}};
    me["csrf_token"] = req.via_cookie ? json(req.csrf_token) : json();
    return Response::Json(200, me);
  });
}

}  // namespace

void AddApiRoutes(Router& router, AppContext& app) {
  const std::string base = kBase;

  router.Add("GET", base + "/health", [](Request&) { return Response::Json(200, {{"status", "ok"}}); });

  router.Add("GET", base + "/openapi.json", [](Request&) {
    auto document = resources::Find("openapi.json");
    if (!document) return Response::FromError(Error::NotFound("this build carries no OpenAPI document"));
    Response r;
    r.body = std::string(*document);
    r.Set("Content-Type", "application/json; charset=utf-8");
    return r;
  });

  // --- Reference places ---
  router.Add("GET", base + "/counties",
             [&app](Request& req) { return PagedList(req, app.places.counties, CountyJson); });
  router.Add("GET", base + "/counties/{number}", [&app](Request& req) {
    const County* c = FindCounty(app.places, req.params["number"]);
    if (!c) return Response::FromError(Error::NotFound("no county has the number " + req.params["number"]));
    return Response::Json(200, CountyJson(*c));
  });
  router.Add("GET", base + "/municipalities", [&app](Request& req) {
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
  router.Add("GET", base + "/regions",
             [&app](Request& req) { return PagedList(req, app.places.regions, RegionJson); });
  router.Add("GET", base + "/regions/{id}", [&app](Request& req) {
    const Region* r = FindRegion(app.places, req.params["id"]);
    if (!r) return Response::FromError(Error::NotFound("no region has the id " + req.params["id"]));
    return Response::Json(200, RegionJson(*r));
  });

  // --- Meeting places ---
  router.Add("GET", base + "/meeting-places", [&app](Request& req) {
    auto query = ParseMeetingPlaceQuery(req, app.places);
    if (!query.ok()) return Response::FromError(query.error());
    auto page = app::ListMeetingPlaces(app.services, req.principal, *query);
    if (!page.ok()) return Response::FromError(page.error());
    json data = json::array();
    for (const auto& place : page->items) data.push_back(ToJson(place));
    return Response::Json(200, ListEnvelope(req, data, page->total, query->page, query->per_page));
  });

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
  AddMeetingPlaceRoutes(router, app);
  AddAccountRoutes(router, app);

  router.Add("POST", base + "/classify", [](Request& req) {
    auto body = ParseJsonBody(req);
    if (!body.ok()) return Response::FromError(body.error());
    auto results = ClassifyDocument(*body);
    if (!results.ok()) return Response::FromError(results.error());
    return Response::Json(200, *results);
  });
}

}  // namespace moteplass::http
