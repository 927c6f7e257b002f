// IMDi's overview, /imdi (core/overview, app/overview): for the reader's scope, new meeting places
// per region and year against the target, those that ceased, and municipalities with many
// inhabitants of immigrant background and no meeting place; national users set the target here.
// Not cached: what it shows depends on who reads it. templates/overview/overview.mustache.
//
// Below them, the open alerts of the reader's scope counted per code and per region (the alerts'
// use case, app::ListAlerts, whose scope is the access table's alerts.read: the same regions as
// imdi.overview) with links to /varsler, and the studies the reader may see that run today
// (app::ListStudies) within the overview's regions.
#include <algorithm>
#include <map>

#include "app/operations/alerts.h"
#include "app/operations/operations.h"
#include "app/overview/overview.h"
#include "app/studies/studies.h"
#include "core/clock.h"
#include "core/local_time.h"
#include "http/api_kit.h"
#include "http/operations/paths.h"
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

// The open alerts in the reader's scope, counted per code (in the contract's order) and per region
// (in the register's order; "" for a meeting place outside every region), each count linking to
// /varsler. {} when the reader's role sees no alerts.
json AlertsView(Pages& pages, PageContext& c, const core::Overview&) {
  auto alerts = app::ListAlerts(pages.app().services, c.request.principal);
  if (!alerts.ok()) return json::object();
  std::map<std::string, int> by_code, by_region;
  int total = 0;
  for (const app::AlertView& a : *alerts) {
    if (a.status != "open") continue;
    ++total;
    ++by_code[a.code];
    ++by_region[a.location.region];
  }
  const std::string href = operations::AlertsPath();
  auto item = [&](const std::string& label, int n) {
    return json{{"label", label}, {"count", std::to_string(n)}, {"href", href}};
  };
  json codes = json::array();
  for (const std::string_view code : ops::kAlertCodes) {
    auto it = by_code.find(std::string(code));
    if (it != by_code.end()) codes.push_back(item(Msg("ops.alert.label." + it->first, c.lang), it->second));
  }
  json regions = json::array();
  for (const Region& r : pages.app().places.regions) {
    auto it = by_region.find(r.id);
    if (it != by_region.end()) regions.push_back(item(r.name, it->second));
  }
  if (auto none = by_region.find(""); none != by_region.end()) {
    regions.push_back(item(Msg("overview.no_region", c.lang), none->second));
  }
  return {{"total", std::to_string(total)},
          {"total_text", Msg("overview.alerts_total", c.lang, {{"n", std::to_string(total)}})},
          {"by_code", codes},
          {"by_region", regions},
          {"href", href}};
}

// The studies the reader may see that run today (starts <= today <= ends; a missing date bounds
// nothing) and belong to the overview's regions or to none. There are no study pages yet: each
// links its API answer.
json StudiesView(Pages& pages, PageContext& c, const core::Overview& o) {
  auto studies = app::ListStudies(pages.app().services, c.request.principal);
  if (!studies.ok()) return json::array();
  const std::string today = app::TodayInOslo();
  auto text = [](const json& data, const char* key) {
    return data.contains(key) && data[key].is_string() ? data[key].get<std::string>() : std::string();
  };
  json out = json::array();
  for (const StudyRecord& study : *studies) {
    const std::string starts = text(study.data, "starts"), ends = text(study.data, "ends");
    if ((!starts.empty() && starts > today) || (!ends.empty() && ends < today)) continue;
    const std::string region = text(study.data, "region");
    std::string region_name;
    if (!region.empty()) {
      auto in_scope = std::find_if(o.regions.begin(), o.regions.end(), [&](const auto& r) { return r.id == region; });
      if (in_scope == o.regions.end()) continue;
      region_name = in_scope->name;
    }
    out.push_back({{"name", text(study.data, "name")},
                   {"href", std::string(kApiBase) + "/studies/" + std::to_string(study.id)},
                   {"region", region_name.empty() ? Msg("overview.everywhere", c.lang) : region_name},
                   {"dates", Msg("overview.study_dates", c.lang,
                                 {{"from", starts.empty() ? "" : DateOnly(starts, c.lang)},
                                  {"to", ends.empty() ? "" : DateOnly(ends, c.lang)}})}});
  }
  return out;
}

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
      {"sees_alerts", !alerts.empty()},
      {"has_alerts", alerts.value("total", std::string("0")) != "0"},
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
