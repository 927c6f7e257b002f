// The alerts of a caller's scope (contracts/operations.md, "Alerts"): the JSON API
// (GET /api/v1/alerts, POST /api/v1/alerts/{id}/acknowledge, the feed token), the Atom feed read
// with a feed token, and the page /varsler with its forms (acknowledge until a day, make or
// revoke the feed address). Each calls one use case (app/operations/alerts.h).
#include "app/operations/alerts.h"

#include <algorithm>

#include "core/local_time.h"
#include "core/status_macros.h"
#include "http/api_kit.h"
#include "http/operations/module.h"
#include "http/operations/paths.h"
#include "http/page_kit.h"

namespace moteplass::http::operations {
namespace {

using nlohmann::json;

std::string Xml(std::string_view text) {
  std::string out;
  for (char ch : text) {
    switch (ch) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += ch;
    }
  }
  return out;
}

// kInvalid naming the first query parameter that is not one of `known`.
Status OnlyParams(const Request& req, std::initializer_list<std::string_view> known) {
  for (const auto& [name, value] : req.query) {
    if (std::find(known.begin(), known.end(), name) == known.end()) {
      return Error::Invalid("unknown query parameter " + name, "/" + name);
    }
  }
  return {};
}

// The Atom feed (RFC 4287) of a user's open alerts: one entry per occurrence (id and since), so
// that a reader shows an alert again when it comes back; no person is named.
Response Feed(AppContext& app, const Request& req) {
  auto feed = [&]() -> Result<std::string> {
    RETURN_IF_ERROR(OnlyParams(req, {"feed_token", "lang"}));
    Lang lang = Lang::kNb;
    if (auto code = req.Query("lang"); code && !ParseLang(*code, &lang)) {
      return Error::Invalid("expected nb, nn or en", "/lang");
    }
    auto token = req.Query("feed_token");
    if (!token || token->empty()) {
      return Error::Unauthenticated("the feed needs its feed_token (make one on /varsler)");
    }
    ASSIGN_OR_RETURN(Principal who, app::FeedTokenPrincipal(app.services, *token));
    ASSIGN_OR_RETURN(std::vector<app::AlertView> alerts, app::ListAlerts(app.services, who));
    const std::string& base = app.public_url;
    std::string updated = "2000-01-01T00:00:00Z";
    for (const app::AlertView& a : alerts) {
      if (a.status == "open" && a.since + "T00:00:00Z" > updated) updated = a.since + "T00:00:00Z";
    }
    std::string xml =
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"" +
        std::string(LangCode(lang)) + "\">\n";
    xml += "<title>" + Xml(Msg("ops.alerts.feed_name", lang)) + "</title>\n";
    xml += "<id>" + Xml(base + AlertsPath()) + "</id>\n";
    xml += "<link rel=\"alternate\" type=\"text/html\" href=\"" + Xml(base + AlertsPath()) + "\"/>\n";
    xml += "<updated>" + updated + "</updated>\n";
    xml += "<author><name>" + Xml(Msg("ops.alerts.feed_name", lang)) + "</name></author>\n";
    for (const app::AlertView& a : alerts) {
      if (a.status != "open") continue;
      const std::string href = base + "/moteplasser/" + std::to_string(a.meeting_place);
      xml += "<entry>\n<title>" + Xml(Msg("ops.alert.label." + a.code, lang) + ": " + a.place_name) + "</title>\n";
      xml += "<id>" + Xml(base + AlertsPath() + "#" + a.id + ":" + a.since) + "</id>\n";
      xml += "<link href=\"" + Xml(href) + "\"/>\n";
      xml += "<updated>" + Xml(a.since) + "T00:00:00Z</updated>\n";
      xml += "<summary>" + Xml(a.Text(lang)) + "</summary>\n</entry>\n";
    }
    xml += "</feed>\n";
    return xml;
  }();
  if (!feed.ok()) return Response::FromError(feed.error());
  Response r;
  r.body = std::move(*feed);
  r.Set("Content-Type", "application/atom+xml; charset=utf-8");
  r.Set("Cache-Control", "no-store");
  r.Set("Referrer-Policy", "no-referrer");
  return r;
}

std::string FeedUrl(AppContext& app, const std::string& secret) {
  return app.public_url + kAlertFeedApiPath + "?feed_token=" + secret;
}

void AddApi(Router& router, AppContext& app) {
  const std::string base = std::string(kApiBase) + "/alerts";
  router.Add("GET", base, [&app](Request& req) -> Response {
    auto alerts = app::ListAlerts(app.services, req.principal);
    if (!alerts.ok()) return Response::FromError(alerts.error());
    return PagedList(req, *alerts, app::AlertJson, 100, 1000);
  });
  router.Add("POST", base + "/{id}/acknowledge", [&app](Request& req) -> Response {
    auto done = [&]() -> Result<app::AlertView> {
      RETURN_IF_ERROR(app.auth.RequireLogin(req));
      json body = json::object();
      if (!req.body.empty()) {
        ASSIGN_OR_RETURN(body, ParseJsonBody(req));
      }
      return app::AcknowledgeAlert(app.services, req.principal, req.params.at("id"), body);
    }();
    if (!done.ok()) return Response::FromError(done.error());
    return Response::Json(200, app::AlertJson(*done));
  });
  router.Add("GET", kAlertFeedApiPath, [&app](Request& req) -> Response { return Feed(app, req); });
  const std::string token = base + "/feed-token";
  router.Add("GET", token, [&app](Request& req) -> Response {
    auto created = app::FeedTokenCreated(app.services, req.principal);
    if (!created.ok()) return Response::FromError(created.error());
    return Response::Json(200,
                          {{"active", !created->empty()}, {"created_at", created->empty() ? json() : json(*created)}});
  });
  router.Add("POST", token, [&app](Request& req) -> Response {
    auto secret = [&]() -> Result<std::string> {
      RETURN_IF_ERROR(app.auth.RequireLogin(req));
      return app::CreateFeedToken(app.services, req.principal);
    }();
    if (!secret.ok()) return Response::FromError(secret.error());
    return Response::Json(201, {{"feed_token", *secret}, {"feed_url", FeedUrl(app, *secret)}});
  });
  router.Add("DELETE", token, [&app](Request& req) -> Response {
    Status st = [&]() -> Status {
      RETURN_IF_ERROR(app.auth.RequireLogin(req));
      return app::RevokeFeedToken(app.services, req.principal);
    }();
    return st.ok() ? Response::NoContent() : Response::FromError(st.error());
  });
}

// ---- The page --------------------------------------------------------------------------------

Response AlertsPage(Pages& pages, PageContext& c, int status, const json& extra) {
  Request& req = c.request;
  const Lang lang = c.lang;
  AppContext& app = pages.app();
  auto alerts = app::ListAlerts(app.services, req.principal);
  if (!alerts.ok()) return pages.ErrorPage(c, StatusOf(alerts.error()), RefusalKey(alerts.error()));
  json list = json::array();
  const std::string failed = extra.value("failed_id", std::string());
  for (const app::AlertView& a : *alerts) {
    const bool may_ack = a.status != "resolved" &&
                         Decide(req.principal, Action::kAlertsAcknowledge, a.location).allowed;
    json item = {{"id", a.id},
                 {"field_id", "until-" + std::to_string(list.size())},
                 {"label", Msg("ops.alert.label." + a.code, lang)},
                 {"text", a.Text(lang)},
                 {"place", a.place_name},
                 {"place_path", "/moteplasser/" + std::to_string(a.meeting_place)},
                 {"since", Msg("ops.alerts.since", lang, {{"date", ShowDate(a.since, lang)}})},
                 {"status", Msg("ops.alerts.status." + a.status, lang)},
                 {"open", a.status == "open"},
                 {"action", AcknowledgeAlertPath(a.id)},
                 {"csrf_token", req.csrf_token},
                 {"may_ack", may_ack}};
    if (a.has_ack) {
      item["acknowledged"] = Msg("ops.alerts.acknowledged_by", lang,
                                 {{"who", a.ack.by}, {"at", ShowDateTime(a.ack.at, lang)}});
      if (!a.ack.until.empty()) {
        item["snoozed"] = Msg("ops.alerts.snoozed_until", lang, {{"date", ShowDate(a.ack.until, lang)}});
      }
    }
    if (a.id == failed) {
      item["error"] = Msg("ops.alerts.until_invalid", lang);
      item["until"] = extra.value("until", std::string());
    }
    list.push_back(item);
  }
  json errors = json::array();
  for (const json& item : list) {
    if (item.contains("error")) errors.push_back({{"field_id", item["field_id"]}, {"message", item["error"]}});
  }
  auto created = app::FeedTokenCreated(app.services, req.principal);
  json view = {{"alerts", list},
               {"has_alerts", !list.empty()},
               {"errors", errors},
               {"has_errors", !errors.empty()},
               {"csrf_token", req.csrf_token},
               {"feed_action", AlertFeedTokenPath()},
               {"revoke_action", RevokeAlertFeedTokenPath()},
               {"feed_active", created.ok() && !created->empty()},
               {"nav_alerts", true}};
  for (auto& [key, value] : extra.items()) {
    if (key != "failed_id" && key != "until") view[key] = value;
  }
  Response r = pages.Render(c, status, "operations/alerts", view, Msg("ops.alerts.title", lang));
  r.Set("Cache-Control", "no-store");
  return r;
}

// The posted form's CSRF check and log-in; a response when refused.
std::optional<Response> RefuseForm(Pages& pages, PageContext& c) {
  if (c.request.principal.anonymous()) return LoginRedirect(AlertsPath());
  if (auto st = pages.app().auth.RequireLogin(c.request, FormValue(c.form, "csrf_token")); !st.ok()) {
    return pages.ErrorPage(c, 403, "error.csrf");
  }
  return std::nullopt;
}

Response AcknowledgePost(Pages& pages, PageContext& c) {
  if (auto refused = RefuseForm(pages, c)) return *refused;
  const std::string id = c.request.params["id"];
  const std::string typed = FormValue(c.form, "until");
  json body = {{"until", nullptr}};
  if (!typed.empty()) {
    auto date = ParseTypedDate(typed);
    if (!date) return AlertsPage(pages, c, 400, {{"failed_id", id}, {"until", typed}});
    body["until"] = *date;
  }
  auto done = app::AcknowledgeAlert(pages.app().services, c.request.principal, id, body);
  if (!done.ok()) {
    if (done.error().code == ErrorCode::kInvalid)
      return AlertsPage(pages, c, 400, {{"failed_id", id}, {"until", typed}});
    return pages.ErrorPage(c, StatusOf(done.error()), RefusalKey(done.error()));
  }
  return Redirect(AlertsPath());
}

Response FeedTokenPost(Pages& pages, PageContext& c, bool revoke) {
  if (auto refused = RefuseForm(pages, c)) return *refused;
  AppContext& app = pages.app();
  if (revoke) {
    if (Status st = app::RevokeFeedToken(app.services, c.request.principal); !st.ok()) {
      return pages.ErrorPage(c, StatusOf(st.error()), RefusalKey(st.error()));
    }
    return Redirect(AlertsPath());
  }
  auto secret = app::CreateFeedToken(app.services, c.request.principal);
  if (!secret.ok()) return pages.ErrorPage(c, StatusOf(secret.error()), RefusalKey(secret.error()));
  return AlertsPage(pages, c, 200, {{"feed_url", FeedUrl(app, *secret)}});
}

}  // namespace

void AddAlertRoutes(ModuleContext& m) {
  AddApi(m.router, m.app);
  Pages& pages = m.pages;
  const RouteInfo form;  // not cached, not indexed
  m.router.Add("GET", AlertsPath(), pages.Page([&pages](PageContext& c) {
    if (c.request.principal.anonymous()) return LoginRedirect(AlertsPath());
    return AlertsPage(pages, c, 200, json::object());
  }),
               form);
  m.router.Add("POST", AcknowledgeAlertPath("{id}"),
               pages.Page([&pages](PageContext& c) { return AcknowledgePost(pages, c); }), form);
  m.router.Add("POST", AlertFeedTokenPath(),
               pages.Page([&pages](PageContext& c) { return FeedTokenPost(pages, c, false); }), form);
  m.router.Add("POST", RevokeAlertFeedTokenPath(),
               pages.Page([&pages](PageContext& c) { return FeedTokenPost(pages, c, true); }), form);
}

}  // namespace moteplass::http::operations
