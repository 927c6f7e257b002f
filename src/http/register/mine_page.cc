// "Mine møteplasser": the meeting places an officer looks after, published or not, the latest
// changed first, each with its state and a link to change it. What "mine" is comes from the
// account's scope: a municipal officer's municipality or county, a regional adviser's region, a
// secretary's meeting place; national users and admins see the register's latest changes.
#include "app/register/meeting_places.h"
#include "core/access/access.h"
#include "http/api_kit.h"
#include "http/register/module.h"
#include "http/register/paths.h"
#include "http/register/views.h"
#include "http/suggestions/paths.h"

namespace moteplass::http::registry {

using nlohmann::json;

namespace {

constexpr int kShown = 100;

Response MinePage(Pages& pages, PageContext& c) {
  Request& req = c.request;
  const Lang lang = c.lang;
  if (req.principal.anonymous()) return LoginRedirect(req.path);
  // "Mine" is the account's scope, read as the access table reads it.
  const RecordLocation where = ScopeLocation(*req.principal.user);
  const Places& places = pages.app().places;
  MeetingPlaceQuery q;
  q.sort = MeetingPlaceQuery::Sort::kUpdatedDesc;
  q.per_page = kShown;
  q.municipality = where.municipality;
  q.county = where.county;
  q.region = where.region;
  std::string scope_text;
  if (const auto* m = FindMunicipality(places, where.municipality)) scope_text = m->name;
  if (const auto* county = FindCounty(places, where.county)) scope_text = county->name;
  if (const auto* r = FindRegion(places, where.region)) scope_text = r->name;
  json items = json::array();
  int total = 0;
  auto add = [&](const MeetingPlace& p) {
    if (!app::May(req.principal, Action::kMeetingPlaceUpdate, p)) return;  // "mine": those I look after
    json item = ListItem(pages.app().places, p, lang);
    item["updated"] = DateOnly(p.updated_at, lang);
    item["published"] = p.input.is_public;
    item["edit_href"] = EditPath(p.id);
    items.push_back(item);
  };
  if (where.meeting_place_id != 0) {
    auto place = app::GetMeetingPlace(pages.app().services, req.principal, where.meeting_place_id);
    if (place.ok()) add(*place);
    total = static_cast<int>(items.size());
  } else {
    auto page = app::ListChangeableMeetingPlaces(pages.app().services, req.principal, q);
    if (!page.ok()) return pages.ErrorPage(c, 500, "error.internal");
    for (const MeetingPlace& p : page->items) add(p);
    total = page->total;
  }
  const std::string heading = Msg("mine.title", lang);
  json view = {{"heading", heading},
               {"items", items},
               {"none", items.empty()},
               {"nav_mine", true},
               {"create_href", NewMeetingPlacePath()},
               {"may_create", MayAnywhere(req.principal, Action::kMeetingPlaceCreate)}};
  view["intro"] = scope_text.empty() ? Msg("mine.intro_all", lang) : Msg("mine.intro", lang, {{"scope", scope_text}});
  if (total > kShown) view["more"] = Msg("mine.more", lang, {{"n", std::to_string(kShown)}});
  // Suggestions from the public about the places the officer reviews (http/suggestions).
  if (MayAnywhere(req.principal, Action::kSuggestionReview)) view["suggestions_href"] = suggestions::InboxPath();
  return pages.Render(c, 200, "register/mine", view, heading);
}

}  // namespace

void AddMineRoutes(ModuleContext& m) {
  Pages& pages = m.pages;
  const RouteInfo personal;  // not cached, not indexed
  m.router.Add("GET", MinePath(), pages.Page([&pages](PageContext& c) { return MinePage(pages, c); }), personal);
}

}  // namespace moteplass::http::registry
