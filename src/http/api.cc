#include "http/api.h"

#include <algorithm>
#include <array>
#include <charconv>

#include "core/json_text.h"
#include "core/resources.h"
#include "core/typology.h"

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

Error NoSuchMeetingPlace(const std::string& id) { return Error::NotFound("no meeting place has the id " + id); }

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

std::string UserName(const Request& request) {
  return request.principal.user ? request.principal.user->username : "";
}

void AuditDenied(AppContext& app, const Request& request, const std::string& action, const std::string& target) {
  app.store.Audit(AuditEntry{"", UserName(request), action, "meeting_place", target, "denied"}).ok();
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

RecordLocation LocationOf(const MeetingPlace& place) {
  return RecordLocation{place.id, place.municipality, place.county, place.region};
}

RecordLocation LocationOf(const MeetingPlaceInput& input, const Places& places, std::int64_t id) {
  RecordLocation where;
  where.meeting_place_id = id;
  where.municipality = input.profile.value("municipality", "");
  where.county = input.profile.value("county", "");
  if (where.county.empty() && !where.municipality.empty()) {
    if (const auto* m = FindMunicipality(places, where.municipality)) where.county = m->county;
  }
  if (const auto* c = FindCounty(places, where.county)) where.region = c->region;
  return where;
}

const char* SortParam(MeetingPlaceQuery::Sort sort) {
  for (const auto& [value, name] : kSorts) {
    if (value == sort) return name;
  }
  return "name";
}

bool CanSee(const Principal& who, const MeetingPlace& place) {
  if (place.input.is_public && place.deleted_at.empty()) return true;
  return CanSeeUnpublished(who, LocationOf(place));
}

// Loads a record the caller may see: 404 for unknown, deleted or (to those not covered)
// unpublished ones, so that the answer does not reveal that an unpublished record exists.
Result<MeetingPlace> LoadVisible(AppContext& app, const Request& req) {
  auto id = ParseId(req.params.at("id"));
  if (!id) return NoSuchMeetingPlace(req.params.at("id"));
  auto place = app.store.GetMeetingPlace(*id);
  if (!place.ok()) return place.error().code == ErrorCode::kNotFound ? NoSuchMeetingPlace(req.params.at("id")) : place.error();
  if (!place->deleted_at.empty() || !CanSee(req.principal, *place)) return NoSuchMeetingPlace(req.params.at("id"));
  return place;
}

namespace {

// Loads a record for a change: 401 without login, 403 (audited) when the role does not cover it.
Result<MeetingPlace> LoadForChange(AppContext& app, const Request& req, const std::string& action) {
  if (auto st = app.auth.RequireLogin(req); !st.ok()) return st.error();
  auto place = LoadVisible(app, req);
  if (!place.ok()) return place.error();
  if (!CanWrite(req.principal, LocationOf(*place))) {
    AuditDenied(app, req, action, std::to_string(place->id));
    return Error::Forbidden("your role does not cover this meeting place");
  }
  return place;
}

void AddMeetingPlaceRoutes(Router& router, AppContext& app) {
  const std::string one = std::string(kBase) + "/meeting-places/{id}";

  router.Add("GET", one, [&app](Request& req) {
    auto place = LoadVisible(app, req);
    if (!place.ok()) return Response::FromError(place.error());
    return MeetingPlaceResponse(200, *place);
  });

  router.Add("PUT", one, [&app](Request& req) {
    auto place = LoadForChange(app, req, "meeting_place.update");
    if (!place.ok()) return Response::FromError(place.error());
    auto version = IfMatchVersion(req);
    if (!version.ok()) return Response::FromError(version.error());
    auto body = ParseJsonBody(req);
    if (!body.ok()) return Response::FromError(body.error());
    auto input = ParseMeetingPlaceInput(*body, app.places);
    if (!input.ok()) return Response::FromError(input.error());
    if (!CanWrite(req.principal, LocationOf(*input, app.places, place->id))) {
      AuditDenied(app, req, "meeting_place.update", std::to_string(place->id));
      return Response::FromError(Error::Forbidden("your role does not cover the place this would move it to"));
    }
    auto updated = app.store.UpdateMeetingPlace(place->id, *input, ClassifyInput(*input),
                                                WriteContext{UserName(req), *version});
    if (!updated.ok()) return Response::FromError(updated.error());
    app.on_change();
    return MeetingPlaceResponse(200, *updated);
  });

  router.Add("DELETE", one, [&app](Request& req) {
    auto place = LoadForChange(app, req, "meeting_place.delete");
    if (!place.ok()) return Response::FromError(place.error());
    if (req.principal.role() == Role::kSecretary) {
      AuditDenied(app, req, "meeting_place.delete", std::to_string(place->id));
      return Response::FromError(Error::Forbidden("a secretary may change a meeting place but not delete it"));
    }
    auto version = IfMatchVersion(req);
    if (!version.ok()) return Response::FromError(version.error());
    if (auto st = app.store.DeleteMeetingPlace(place->id, WriteContext{UserName(req), *version}); !st.ok()) {
      return Response::FromError(st.error());
    }
    app.on_change();
    return Response::NoContent();
  });

  router.Add("GET", one + "/history", [&app](Request& req) {
    if (req.principal.anonymous()) {
      return Response::FromError(Error::Unauthenticated("log in to see the change history"));
    }
    auto id = ParseId(req.params.at("id"));
    if (!id) return Response::FromError(NoSuchMeetingPlace(req.params.at("id")));
    auto place = app.store.GetMeetingPlace(*id);
    if (!place.ok()) {
      return Response::FromError(place.error().code == ErrorCode::kNotFound ? NoSuchMeetingPlace(req.params.at("id"))
                                                                            : place.error());
    }
    const Role role = req.principal.role();
    const bool broad = role == Role::kAdmin || role == Role::kNational || role == Role::kResearcher;
    if (!broad && !CanWrite(req.principal, LocationOf(*place))) {
      return Response::FromError(Error::Forbidden("your role does not cover this meeting place"));
    }
    if (role == Role::kResearcher && (!place->input.is_public || !place->deleted_at.empty())) {
      return Response::FromError(NoSuchMeetingPlace(req.params.at("id")));
    }
    auto history = app.store.History(*id);
    if (!history.ok()) return Response::FromError(history.error());
    // Newest first, a page at a time.
    auto entry_json = [role](const HistoryEntry& h) {
      json changes = json::array();
      for (const auto& c : h.changes) changes.push_back({{"pointer", c.pointer}, {"before", c.before}, {"after", c.after}});
      // Researchers get no personal data: who made a change is left out.
      json by = role == Role::kResearcher ? json() : json(h.by);
      return json{{"id", h.id}, {"at", h.at}, {"by", by}, {"action", h.action}, {"changes", changes}};
    };
    return PagedList(req, *history, entry_json, 100, 1000);
  });

  auto record_kind = [&app](Request& req) {
    const bool clear = req.method == "DELETE";
    auto place = LoadForChange(app, req, "meeting_place.record_kind");
    if (!place.ok()) return Response::FromError(place.error());
    if (req.principal.role() == Role::kSecretary) {
      AuditDenied(app, req, "meeting_place.record_kind", std::to_string(place->id));
      return Response::FromError(Error::Forbidden("a secretary may not record a kind"));
    }
    auto version = IfMatchVersion(req);
    if (!version.ok()) return Response::FromError(version.error());
    std::optional<RecordedKind> kind;
    if (!clear) {
      auto body = ParseJsonBody(req);
      if (!body.ok()) return Response::FromError(body.error());
      if (!body->is_object()) return Response::FromError(Error::Invalid("expected a JSON object with kind and justification", ""));
      for (auto& [key, value] : body->items()) {
        if (key != "kind" && key != "justification") {
          return Response::FromError(Error::Invalid("unknown field; expected kind or justification", "/" + key));
        }
      }
      if (!body->contains("kind") || !(*body)["kind"].is_string() || !IsKind((*body)["kind"].get<std::string>())) {
        std::string kinds;
        for (auto k : kKinds) kinds += (kinds.empty() ? "" : ", ") + std::string(k);
        return Response::FromError(Error::Invalid("expected one of " + kinds, "/kind"));
      }
      if (!body->contains("justification") || !(*body)["justification"].is_string()) {
        return Response::FromError(Error::Invalid("required: why this kind fits better, in words", "/justification"));
      }
      std::string justification = (*body)["justification"].get<std::string>();
      const bool blank = justification.find_first_not_of(" \t\r\n") == std::string::npos;
      if (blank || justification.size() > 4000) {
        return Response::FromError(
            Error::Invalid("expected a justification of 1 to 4000 characters; say why this kind fits better", "/justification"));
      }
      kind = RecordedKind{(*body)["kind"].get<std::string>(), justification, UserName(req), ""};
    }
    auto updated = app.store.RecordKind(place->id, kind, WriteContext{UserName(req), *version});
    if (!updated.ok()) return Response::FromError(updated.error());
    app.on_change();
    return MeetingPlaceResponse(200, *updated);
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
    auto document = resources::Find("src/http/openapi.json");
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
    const Role role = req.principal.role();
    query->include_unpublished = role == Role::kAdmin || role == Role::kNational;
    auto page = app.store.ListMeetingPlaces(*query);
    if (!page.ok()) return Response::FromError(page.error());
    json data = json::array();
    for (const auto& place : page->items) data.push_back(ToJson(place));
    return Response::Json(200, ListEnvelope(req, data, page->total, query->page, query->per_page));
  });

  router.Add("POST", base + "/meeting-places", [&app](Request& req) {
    if (auto st = app.auth.RequireLogin(req); !st.ok()) return Response::FromError(st.error());
    if (req.principal.role() == Role::kResearcher || req.principal.role() == Role::kSecretary) {
      AuditDenied(app, req, "meeting_place.create", "");
      return Response::FromError(Error::Forbidden("the role " + std::string(RoleName(req.principal.role())) +
                                                  " may not create meeting places"));
    }
    auto body = ParseJsonBody(req);
    if (!body.ok()) return Response::FromError(body.error());
    auto input = ParseMeetingPlaceInput(*body, app.places);
    if (!input.ok()) return Response::FromError(input.error());
    if (!CanWrite(req.principal, LocationOf(*input, app.places, 0))) {
      AuditDenied(app, req, "meeting_place.create", "");
      return Response::FromError(Error::Forbidden("your role does not cover the place of this meeting place"));
    }
    auto created = app.store.CreateMeetingPlace(*input, ClassifyInput(*input), false,
                                                WriteContext{UserName(req), 0});
    if (!created.ok()) return Response::FromError(created.error());
    app.on_change();
    Response r = MeetingPlaceResponse(201, *created);
    r.Set("Location", "/api/v1/meeting-places/" + std::to_string(created->id));
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
