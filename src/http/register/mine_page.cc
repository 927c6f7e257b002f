// "Mine møteplasser": the meeting places an officer looks after, published or not, the latest
// changed first, each with its state and a link to change it. What "mine" is comes from the
// account's scope: a municipal officer's municipality or county, a regional adviser's region, a
// secretary's meeting place; national users and admins see the register's latest changes.
#include <cstdlib>

#include "app/register/meeting_places.h"
#include "core/access/access.h"
#include "http/api_kit.h"
#include "http/register/module.h"
#include "http/register/paths.h"
#include "http/register/views.h"

namespace moteplass::http::registry {

using nlohmann::json;

namespace {

constexpr int kShown = 100;

Response MinePage(Pages& pages, PageContext& c) {
  Request& req = c.request;
  const Lang lang = c.lang;
  if (req.principal.anonymous()) return LoginRedirect(req.path);
  const User& user = *req.principal.user;
  MeetingPlaceQuery q;
  q.sort = MeetingPlaceQuery::Sort::kUpdatedDesc;
  q.per_page = kShown;
  std::string scope_text;
  switch (user.role) {
    case Role::kMunicipal:
      if (user.scope.size() == 4) {
        q.municipality = user.scope;
        if (const auto* m = FindMunicipality(pages.app().places, user.scope)) scope_text = m->name;
      } else {
        q.county = user.scope;
        if (const auto* county = FindCounty(pages.app().places, user.scope)) scope_text = county->name;
      }
      break;
    case Role::kRegional:
      q.region = user.scope;
      if (const auto* r = FindRegion(pages.app().places, user.scope)) scope_text = r->name;
      break;
    case Role::kSecretary:
    case Role::kResearcher:
    case Role::kPublic:
    case Role::kAdmin:
    case Role::kNational: break;
  }
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
  if (user.role == Role::kSecretary) {
    auto place = app::GetMeetingPlace(pages.app().services, req.principal, std::atoll(user.scope.c_str()));
    if (place.ok()) add(*place);
    total = static_cast<int>(items.size());
  } else if (user.role != Role::kResearcher && user.role != Role::kPublic) {
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
  return pages.Render(c, 200, "register/mine", view, heading);
}

}  // namespace

void AddMineRoutes(ModuleContext& m) {
  Pages& pages = m.pages;
  const RouteInfo personal;  // not cached, not indexed
  m.router.Add("GET", MinePath(), pages.Page([&pages](PageContext& c) { return MinePage(pages, c); }), personal);
}

}  // namespace moteplass::http::registry
