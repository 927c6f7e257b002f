// The routes of the OParl view (module.h). Lists are OParl's external lists: {"data",
// "pagination", "links"}, paged with `page` and `limit` (1 to 1000, 100 by default), filtered
// with created_since, created_until, modified_since and modified_until (a date or a date and
// time; 400 naming the parameter otherwise). Every answer allows any origin (CORS).
#include <algorithm>
#include <array>

#include "app/oparl/oparl.h"
#include "app/operations/operations.h"
#include "core/oparl/oparl.h"
#include "core/status_macros.h"
#include "http/api_kit.h"
#include "http/oparl/module.h"

namespace moteplass::http::oparl {
namespace {

using nlohmann::json;
using ops::Kind;
namespace core = moteplass::oparl;

constexpr Lang kLang = Lang::kNb;
constexpr int kDefaultLimit = 100;
constexpr int kMaxLimit = 1000;

Response Answer(Response r) {
  r.Set("Access-Control-Allow-Origin", "*");
  return r;
}
Response Fail(const Error& e) { return Answer(Response::FromError(e)); }
Response Object(const json& body) { return Answer(Response::Json(200, body)); }

core::Links LinksOf(const AppContext& app) { return core::Links{app.public_url + "/oparl/v1", app.public_url}; }

// The earliest election year of a body's records: its first legislative term.
int FirstTerm(const app::OparlBody& b) {
  std::string first = b.created_at;
  auto consider = [&](const json& v) {
    if (v.is_string() && v.get<std::string>().size() >= 10 && v.get<std::string>() < first)
      first = v.get<std::string>();
  };
  for (const app::OparlOrganization& o : b.organizations) {
    for (const ops::Record& m : o.memberships) consider(m.data["starts"]);
    for (const ops::Record& m : o.meetings) consider(m.data["starts_at"]);
    for (const ops::Record& c : o.cases) consider(c.data["received"]);
  }
  if (first.size() < 10) first = app::TodayInOslo();
  return std::stoi(ops::TermOf(first.substr(0, 10)).first.substr(0, 4));
}

json BodyObject(const AppContext& app, const app::OparlBody& b) {
  return core::Body(LinksOf(app), app.places, b.code, b.created_at, b.updated_at, FirstTerm(b), app::TodayInOslo());
}

std::string WithdrawnId(const core::Links& l, const std::string& body, const app::OparlWithdrawn& w) {
  if (w.type == "Organization") return l.Organization(w.id);
  if (w.type == "Person") return l.Person(body, w.id);
  if (w.type == "Membership") return l.Membership(w.id);
  if (w.type == "Meeting") return l.Meeting(w.id);
  return l.Paper(w.id);
}

void AddWithdrawn(const core::Links& l, const app::OparlBody& b, std::string_view type, std::vector<json>& out) {
  for (const app::OparlWithdrawn& w : b.withdrawn) {
    if (w.type == type) out.push_back(core::Deleted(type, WithdrawnId(l, b.code, w), w.created_at, w.modified_at));
  }
}

// The objects of one of a body's lists ("organizations", "people", ...), withdrawn ones
// included.
std::vector<json> ListOf(const AppContext& app, const app::OparlBody& b, std::string_view list) {
  const core::Links l = LinksOf(app);
  std::vector<json> out;
  if (list == "legislative-terms") {
    const json body = BodyObject(app, b);  // kept: the loop reads into it
    for (const json& t : body["legislativeTerm"]) out.push_back(t);
    return out;
  }
  for (const app::OparlOrganization& o : b.organizations) {
    if (list == "organizations") {
      std::vector<std::int64_t> ids;
      for (const ops::Record& m : o.memberships) ids.push_back(m.id);
      out.push_back(core::Organization(l, o.place, ids));
    } else if (list == "memberships") {
      for (const ops::Record& m : o.memberships) out.push_back(core::Membership(l, b.code, m, kLang));
    } else if (list == "meetings") {
      for (const ops::Record& m : o.meetings) out.push_back(core::Meeting(l, o.place, m, o.cases, kLang));
    } else if (list == "agenda-items") {
      for (const ops::Record& m : o.meetings) {
        for (json& item : core::AgendaItems(l, m, o.cases, kLang)) out.push_back(std::move(item));
      }
    } else if (list == "files" || list == "locations") {
      for (const ops::Record& m : o.meetings) {
        json f = list == "files" ? core::MinutesFile(l, o.place, m, kLang) : core::Location(l, m);
        if (!f.is_null()) out.push_back(std::move(f));
      }
    } else if (list == "papers") {
      for (const ops::Record& c : o.cases) out.push_back(core::Paper(l, b.code, o.place, c, o.meetings, kLang));
    } else if (list == "consultations") {
      for (const ops::Record& c : o.cases) out.push_back(core::Consultation(l, o.place, c, o.meetings, kLang));
    }
  }
  if (list == "people") {
    for (const app::OparlPerson& p : b.people) {
      json memberships = json::array();
      for (const ops::Record& m : p.memberships) memberships.push_back(core::Membership(l, b.code, m, kLang));
      out.push_back(core::Person(l, b.code, p.id, p.name, p.created_at, p.updated_at, memberships, kLang));
    }
    AddWithdrawn(l, b, "Person", out);
  }
  if (list == "organizations") AddWithdrawn(l, b, "Organization", out);
  if (list == "memberships") AddWithdrawn(l, b, "Membership", out);
  if (list == "meetings") AddWithdrawn(l, b, "Meeting", out);
  if (list == "papers") AddWithdrawn(l, b, "Paper", out);
  return out;
}

constexpr std::array<std::string_view, 10> kBodyLists = {
    "organizations", "people",        "memberships", "meetings",  "agenda-items",
    "papers",        "consultations", "files",       "locations", "legislative-terms"};

// The filters and paging of an external list.
struct ListQuery {
  std::string created_since, created_until, modified_since, modified_until;
  int limit = kDefaultLimit;
  int page = 1;
};

Result<ListQuery> ParseListQuery(const Request& req) {
  static constexpr std::string_view kKnown[] = {"created_since",  "created_until", "modified_since",
                                                "modified_until", "limit",         "page"};
  RETURN_IF_ERROR(RefuseUnknownParams(req, kKnown));
  ListQuery q;
  for (auto [name, field] :
       {std::pair{"created_since", &q.created_since}, std::pair{"created_until", &q.created_until},
        std::pair{"modified_since", &q.modified_since}, std::pair{"modified_until", &q.modified_until}}) {
    if (auto v = req.Query(name)) {
      ASSIGN_OR_RETURN(*field, core::ParseFilterTime(*v, name));
    }
  }
  auto number = [&](const char* name, int max, int* out) -> Status {
    auto v = req.Query(name);
    if (!v) return {};
    if (v->empty() || v->size() > 7 || v->find_first_not_of("0123456789") != std::string::npos || std::stoi(*v) < 1 ||
        std::stoi(*v) > max) {
      return Error::Invalid("expected a whole number from 1 to " + std::to_string(max) + ", got " + json(*v).dump(),
                            std::string("/") + name);
    }
    *out = std::stoi(*v);
    return {};
  };
  RETURN_IF_ERROR(number("limit", kMaxLimit, &q.limit));
  RETURN_IF_ERROR(number("page", 1000000, &q.page));
  return q;
}

bool Keep(const json& o, const ListQuery& q) {
  const std::string created = o.value("created", std::string());
  const std::string modified = o.value("modified", std::string());
  if (!q.created_since.empty() && created < q.created_since) return false;
  if (!q.created_until.empty() && (created.empty() || created > q.created_until)) return false;
  if (!q.modified_since.empty() && modified < q.modified_since) return false;
  if (!q.modified_until.empty() && (modified.empty() || modified > q.modified_until)) return false;
  return true;
}

// An external list: the page asked for, with links that keep the filters.
Response ExternalList(const Request& req, const std::string& self, std::vector<json> all) {
  auto q = ParseListQuery(req);
  if (!q.ok()) return Fail(q.error());
  std::erase_if(all, [&](const json& o) { return !Keep(o, *q); });
  const std::int64_t total = static_cast<std::int64_t>(all.size());
  const std::int64_t pages = std::max<std::int64_t>(1, (total + q->limit - 1) / q->limit);
  auto link = [&](std::int64_t page) {
    std::string query;
    for (const auto& [name, value] : req.query) {
      if (name == "page") continue;
      query += (query.empty() ? "?" : "&") + PercentEncode(name) + "=" + PercentEncode(value);
    }
    if (page > 1) query += (query.empty() ? "?" : "&") + std::string("page=") + std::to_string(page);
    return self + query;
  };
  json data = json::array();
  const std::int64_t from = (q->page - 1) * static_cast<std::int64_t>(q->limit);
  for (std::int64_t i = from; i < total && i < from + q->limit; ++i) data.push_back(std::move(all[i]));
  json links{{"first", link(1)}, {"last", link(pages)}};
  if (q->page > 1) links["prev"] = link(std::min<std::int64_t>(q->page - 1, pages));
  if (q->page < pages) links["next"] = link(q->page + 1);
  return Object(
      json{{"data", data},
           {"pagination",
            {{"totalElements", total}, {"elementsPerPage", q->limit}, {"currentPage", q->page}, {"totalPages", pages}}},
           {"links", links}});
}

// The object of `list` in a body whose id is `id`; kNotFound when none.
Result<json> Find(AppContext& app, const std::string& body, std::string_view list, const std::string& id) {
  if (body.empty()) return Error::NotFound("no such object in the OParl view");
  ASSIGN_OR_RETURN(app::OparlBody b, app::GetOparlBody(app.services, body));
  for (json& o : ListOf(app, b, list)) {
    if (o["id"] == id) return std::move(o);
  }
  return Error::NotFound("no such object in the OParl view");
}

Result<std::int64_t> Id(const Request& req, const char* name) {
  auto id = ParseId(req.params.at(name));
  if (!id) return Error::NotFound("no such object in the OParl view");
  return *id;
}

}  // namespace

void AddApiRoutes(ModuleContext& m) {
  Router& router = m.router;
  AppContext& app = m.app;
  const std::string base = "/oparl/v1";

  router.Add("GET", base + "/system",
             [&app](Request&) -> Response { return Object(core::System(LinksOf(app), Msg("app.name", kLang))); });

  router.Add("GET", base + "/bodies", [&app](Request& req) -> Response {
    auto codes = app::OparlBodies(app.services);
    if (!codes.ok()) return Fail(codes.error());
    std::vector<json> bodies;
    for (const std::string& code : *codes) {
      auto b = app::GetOparlBody(app.services, code);
      if (!b.ok()) return Fail(b.error());
      if (b->organizations.empty()) {
        bodies.push_back(core::Deleted("Body", LinksOf(app).Body(code), "", ""));
      } else {
        bodies.push_back(BodyObject(app, *b));
      }
    }
    return ExternalList(req, LinksOf(app).Bodies(), std::move(bodies));
  });

  router.Add("GET", base + "/body/{body}", [&app](Request& req) -> Response {
    auto b = app::GetOparlBody(app.services, req.params.at("body"));
    if (!b.ok()) return Fail(b.error());
    if (b->organizations.empty()) return Object(core::Deleted("Body", LinksOf(app).Body(b->code), "", ""));
    return Object(BodyObject(app, *b));
  });

  for (std::string_view list : kBodyLists) {
    router.Add("GET", base + "/body/{body}/" + std::string(list), [&app, list](Request& req) -> Response {
      auto b = app::GetOparlBody(app.services, req.params.at("body"));
      if (!b.ok()) return Fail(b.error());
      return ExternalList(req, LinksOf(app).BodyList(b->code, list), ListOf(app, *b, list));
    });
  }

  // One object: found in the list of its body.
  auto one = [&router, &app, base](const std::string& path, std::string_view list,
                                   std::function<Result<std::pair<std::string, std::string>>(Request&)> locate) {
    router.Add("GET", base + path, [&app, list, locate](Request& req) -> Response {
      auto found = [&]() -> Result<json> {
        ASSIGN_OR_RETURN(auto where, locate(req));
        return Find(app, where.first, list, where.second);
      }();
      return found.ok() ? Object(*found) : Fail(found.error());
    });
  };
  using Where = Result<std::pair<std::string, std::string>>;
  one("/organization/{id}", "organizations", [&app](Request& req) -> Where {
    ASSIGN_OR_RETURN(std::int64_t id, Id(req, "id"));
    return std::pair{app::OparlBodyOfPlace(app.services, id), LinksOf(app).Organization(id)};
  });
  one("/body/{body}/person/{id}", "people", [&app](Request& req) -> Where {
    ASSIGN_OR_RETURN(std::int64_t id, Id(req, "id"));
    return std::pair{req.params.at("body"), LinksOf(app).Person(req.params.at("body"), id)};
  });
  one("/body/{body}/legislative-term/{year}", "legislative-terms", [&app](Request& req) -> Where {
    const std::string& year = req.params.at("year");
    if (year.size() != 4 || year.find_first_not_of("0123456789") != std::string::npos) {
      return Error::NotFound("no such object in the OParl view");
    }
    return std::pair{req.params.at("body"), LinksOf(app).LegislativeTerm(req.params.at("body"), std::stoi(year))};
  });
  one("/membership/{id}", "memberships", [&app](Request& req) -> Where {
    ASSIGN_OR_RETURN(std::int64_t id, Id(req, "id"));
    return std::pair{app::OparlBodyOfRecord(app.services, Kind::kMembership, id), LinksOf(app).Membership(id)};
  });
  one("/meeting/{id}", "meetings", [&app](Request& req) -> Where {
    ASSIGN_OR_RETURN(std::int64_t id, Id(req, "id"));
    return std::pair{app::OparlBodyOfRecord(app.services, Kind::kMeeting, id), LinksOf(app).Meeting(id)};
  });
  one("/meeting/{id}/agenda-item/{n}", "agenda-items", [&app](Request& req) -> Where {
    ASSIGN_OR_RETURN(std::int64_t id, Id(req, "id"));
    ASSIGN_OR_RETURN(std::int64_t n, Id(req, "n"));
    return std::pair{app::OparlBodyOfRecord(app.services, Kind::kMeeting, id),
                     LinksOf(app).AgendaItem(id, static_cast<std::size_t>(n))};
  });
  one("/paper/{id}", "papers", [&app](Request& req) -> Where {
    ASSIGN_OR_RETURN(std::int64_t id, Id(req, "id"));
    return std::pair{app::OparlBodyOfRecord(app.services, Kind::kCase, id), LinksOf(app).Paper(id)};
  });
  one("/consultation/{id}", "consultations", [&app](Request& req) -> Where {
    ASSIGN_OR_RETURN(std::int64_t id, Id(req, "id"));
    return std::pair{app::OparlBodyOfRecord(app.services, Kind::kCase, id), LinksOf(app).Consultation(id)};
  });
  one("/file/{id}", "files", [&app](Request& req) -> Where {
    ASSIGN_OR_RETURN(std::int64_t id, Id(req, "id"));
    return std::pair{app::OparlBodyOfRecord(app.services, Kind::kMeeting, id), LinksOf(app).File(id)};
  });
  one("/location/{id}", "locations", [&app](Request& req) -> Where {
    ASSIGN_OR_RETURN(std::int64_t id, Id(req, "id"));
    return std::pair{app::OparlBodyOfRecord(app.services, Kind::kMeeting, id), LinksOf(app).Location(id)};
  });

  // The minutes themselves, the File's accessUrl.
  router.Add("GET", base + "/file/{id}/minutes.md", [&app](Request& req) -> Response {
    auto file = [&]() -> Result<json> {
      ASSIGN_OR_RETURN(std::int64_t id, Id(req, "id"));
      return Find(app, app::OparlBodyOfRecord(app.services, Kind::kMeeting, id), "files", LinksOf(app).File(id));
    }();
    if (!file.ok()) return Fail(file.error());
    Response r;
    r.body = (*file)["text"].get<std::string>();
    r.Set("Content-Type", "text/markdown; charset=utf-8");
    return Answer(std::move(r));
  });

  // The meetings of one organization, an external list.
  router.Add("GET", base + "/organization/{id}/meetings", [&app](Request& req) -> Response {
    auto meetings = [&]() -> Result<std::vector<json>> {
      ASSIGN_OR_RETURN(std::int64_t id, Id(req, "id"));
      const std::string body = app::OparlBodyOfPlace(app.services, id);
      if (body.empty()) return Error::NotFound("no such object in the OParl view");
      ASSIGN_OR_RETURN(app::OparlBody b, app::GetOparlBody(app.services, body));
      std::vector<json> out;
      for (const app::OparlOrganization& o : b.organizations) {
        if (o.place.id != id) continue;
        for (const ops::Record& m : o.meetings) out.push_back(core::Meeting(LinksOf(app), o.place, m, o.cases, kLang));
      }
      return out;
    }();
    if (!meetings.ok()) return Fail(meetings.error());
    auto id = ParseId(req.params.at("id"));
    return ExternalList(req, LinksOf(app).OrganizationMeetings(*id), std::move(*meetings));
  });
}

void AddPageRoutes(ModuleContext&) {}

}  // namespace moteplass::http::oparl
