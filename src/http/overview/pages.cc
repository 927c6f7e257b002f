// IMDi's overview, /imdi (core/overview, app/overview): for the reader's scope, new meeting places
// per region and year against the target, those that ceased, and municipalities with many
// inhabitants of immigrant background and no meeting place; national users set the target here.
// Not cached: what it shows depends on who reads it. templates/overview/overview.mustache.
//
// Room is left for two things other branches build: open alerts and studies in progress. Each
// has its section in the template and a function here (AlertsView, StudiesView) that returns
// nothing yet; fill the function from the alerts' or studies' use case, for the same scope
// (app::GetOverview's regions), and the section shows it.
#include "app/overview/overview.h"
#include "core/clock.h"
#include "core/local_time.h"
#include "http/overview/module.h"
#include "http/places/paths.h"
#include "http/register/paths.h"

namespace moteplass::http::overview {
namespace {

using nlohmann::json;
namespace core = moteplass::overview;

std::string Thousands(std::int64_t n) {
  std::string digits = std::to_string(n), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += "\u00a0";
    out += digits[i];
  }
  return out;
}

// Open alerts in the reader's scope: the alerts branch fills this (see the file comment).
json AlertsView(Pages&, PageContext&, const core::Overview&) { return json::array(); }
// Studies in progress in the reader's scope: the studies branch fills this (see the file comment).
json StudiesView(Pages&, PageContext&, const core::Overview&) { return json::array(); }

Response OverviewPage(Pages& pages, PageContext& c, int status, const json& extra) {
  Request& req = c.request;
  const Lang lang = c.lang;
  if (req.principal.anonymous()) return LoginRedirect(req.path);
  const int year = std::stoi(NowIso().substr(0, 4));
  auto o = app::GetOverview(pages.app().services, req.principal, year);
  if (!o.ok()) {
    if (o.error().code == ErrorCode::kForbidden) return pages.ErrorPage(c, 403, "overview.forbidden");
    return pages.ErrorPage(c, StatusOf(o.error()), "error.internal");
  }
  json years = json::array();
  for (int y = year - core::kYears + 1; y <= year; ++y) {
    years.push_back({{"year", std::to_string(y)}, {"current", y == year}});
  }
  json regions = json::array();
  json behind_now = json::array();
  for (const auto& r : o->regions) {
    json cells = json::array();
    for (const auto& y : r.years) {
      cells.push_back({{"started", std::to_string(y.started)},
                       {"ceased", std::to_string(y.ceased)},
                       {"has_ceased", y.ceased > 0},
                       {"behind", y.behind},
                       {"text", Msg("overview.cell", lang,
                                    {{"n", std::to_string(y.started)}, {"target", std::to_string(o->target)}})}});
    }
    if (!r.years.empty() && r.years.back().behind) behind_now.push_back(r.name);
    regions.push_back({{"name", r.name},
                       {"href", places::RegionPath(r.id)},
                       {"cells", cells},
                       {"active", std::to_string(r.active)},
                       {"undated", r.undated > 0 ? Msg("overview.undated", lang, {{"n", std::to_string(r.undated)}})
                                                 : std::string()}});
  }
  std::string behind_text;
  for (const auto& name : behind_now) behind_text += (behind_text.empty() ? "" : ", ") + name.get<std::string>();
  json ceased = json::array();
  for (const auto& p : o->ceased) {
    ceased.push_back({{"name", p.name},
                      {"href", registry::MeetingPlacePath(p.id)},
                      {"place", p.municipality},
                      {"date", DateOnly(p.ceased, lang)}});
  }
  json uncovered = json::array();
  for (const auto& u : o->uncovered) {
    uncovered.push_back({{"name", u.name},
                         {"href", places::MunicipalityPath(u.municipality)},
                         {"immigrants", Thousands(u.immigrants)}});
  }
  const bool national = Decide(req.principal, Action::kImdiSetTarget, RecordLocation{}).allowed;
  json alerts = AlertsView(pages, c, *o);
  json studies = StudiesView(pages, c, *o);
  json view = {
      {"years", years},
      {"regions", regions},
      {"target", std::to_string(o->target)},
      {"target_text", Msg("overview.target_text", lang, {{"n", std::to_string(o->target)}})},
      {"behind_text", behind_text.empty()
                          ? Msg("overview.none_behind", lang, {{"year", std::to_string(year)}})
                          : Msg("overview.behind", lang, {{"year", std::to_string(year)}, {"regions", behind_text}})},
      {"ceased", ceased},
      {"has_ceased", !ceased.empty()},
      {"uncovered", uncovered},
      {"has_uncovered", !uncovered.empty()},
      {"has_ssb", o->has_ssb},
      {"uncovered_intro", Msg("overview.uncovered_intro", lang,
                              {{"n", Thousands(core::kManyImmigrants)}, {"year", std::to_string(o->ssb_year)}})},
      {"national", national},
      {"csrf_token", req.csrf_token},
      {"target_action", OverviewTargetPath()},
      {"alerts", alerts},
      {"has_alerts", !alerts.empty()},
      {"studies", studies},
      {"has_studies", !studies.empty()},
      {"scope", o->regions.size() == 1 ? o->regions.front().name : Msg("overview.everywhere", lang)}};
  for (auto& [key, value] : extra.items()) view[key] = value;
  c.view["nav_overview"] = true;
  Response r = pages.Render(c, status, "overview/overview", view, Msg("overview.title", lang));
  r.Set("Cache-Control", "no-store");
  return r;
}

Response TargetPost(Pages& pages, PageContext& c) {
  Request& req = c.request;
  if (req.principal.anonymous()) return LoginRedirect(OverviewPath());
  if (auto st = pages.app().auth.RequireLogin(req, FormValue(c.form, "csrf_token")); !st.ok()) {
    return pages.ErrorPage(c, 403, "error.csrf");
  }
  const std::string typed = FormValue(c.form, "target");
  Status st = app::SetOverviewTarget(pages.app().services, req.principal, typed);
  if (!st.ok()) {
    if (st.error().code == ErrorCode::kInvalid) {
      return OverviewPage(pages, c, 400,
                          {{"target_error", Msg("overview.target_error", c.lang)}, {"target_typed", typed}});
    }
    if (st.error().code == ErrorCode::kForbidden) return pages.ErrorPage(c, 403, "overview.target_forbidden");
    return pages.ErrorPage(c, StatusOf(st.error()), "error.internal");
  }
  return Redirect(OverviewPath() + "?lagret=1");
}

}  // namespace

void AddPageRoutes(ModuleContext& m) {
  Pages& pages = m.pages;
  const RouteInfo personal;  // not cached, not indexed
  m.router.Add("GET", OverviewPath(), pages.Page([&pages](PageContext& c) {
    json extra = json::object();
    if (c.request.Query("lagret")) extra["saved"] = true;
    return OverviewPage(pages, c, 200, extra);
  }),
               personal);
  m.router.Add("POST", OverviewTargetPath(), pages.Page([&pages](PageContext& c) { return TargetPost(pages, c); }),
               personal);
}

}  // namespace moteplass::http::overview
