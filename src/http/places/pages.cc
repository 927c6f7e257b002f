// The places' pages: a municipality or a county with its meeting places (cached under
// "meeting_places", listed in the sitemap when it has a published one).
#include <set>

#include "app/register/meeting_places.h"
#include "http/places/module.h"
#include "http/places/paths.h"
#include "http/register/paths.h"
#include "http/register/views.h"

namespace moteplass::http::places {

using nlohmann::json;
using registry::ListItem;

namespace {

Response PlacePage(Pages& pages, PageContext& c, bool county) {
  const Lang lang = c.lang;
  const std::string number = c.request.params["number"];
  MeetingPlaceQuery q;
  q.per_page = 100;
  json view = json::object();
  std::string name;
  if (county) {
    const County* found = FindCounty(pages.app().places, number);
    if (!found) return pages.ErrorPage(c, 404, "error.no_county");
    name = found->name;
    q.county = number;
    std::string region;
    if (const Region* r = FindRegion(pages.app().places, found->region)) region = r->name;
    view["subheading"] = Msg("place.county_sub", lang, {{"region", region}});
    json municipalities = json::array();
    for (const auto& m : pages.app().places.municipalities) {
      if (m.county == number) municipalities.push_back({{"number", m.number}, {"name", m.name}});
    }
    view["municipalities"] = municipalities;
    view["has_municipalities"] = !municipalities.empty();
    view["directory_href"] = registry::DirectoryPath("county", number);
  } else {
    const Municipality* found = FindMunicipality(pages.app().places, number);
    if (!found) return pages.ErrorPage(c, 404, "error.no_municipality");
    name = found->name;
    q.municipality = number;
    const County* in = FindCounty(pages.app().places, found->county);
    view["subheading"] = Msg("place.municipality_sub", lang, {{"number", number}, {"county", in ? in->name : ""}});
    view["directory_href"] = registry::DirectoryPath("municipality", number);
  }
  auto page = app::ListMeetingPlaces(pages.app().services, c.request.principal, q);
  if (!page.ok()) return pages.ErrorPage(c, 500, "error.internal");
  json items = json::array();
  for (const auto& p : page->items) items.push_back(ListItem(pages.app().places, p, lang));
  view["heading"] = name;
  view["items"] = items;
  view["has_items"] = !items.empty();
  view["count_text"] = Msg(page->total == 1 ? "directory.result_one" : "directory.results", lang,
                           {{"n", std::to_string(page->total)}});
  view["none_text"] = Msg("place.none", lang, {{"name", name}});
  return pages.Render(c, 200, "places/place", view, name);
}

// The municipalities (or counties) that have a published meeting place, for the sitemap.
std::vector<SitemapEntry> PlacesWithMeetingPlaces(AppContext& app, bool county) {
  std::vector<SitemapEntry> entries;
  auto all = app.store.meeting_places().All();
  if (!all.ok()) return entries;
  std::set<std::string> seen;
  for (const MeetingPlace& p : *all) {
    if (!app::CanSee(Principal{}, p)) continue;
    const std::string& number = county ? p.county : p.municipality;
    if (number.empty() || !seen.insert(number).second) continue;
    entries.push_back({county ? CountyPath(number) : MunicipalityPath(number), ""});
  }
  return entries;
}

}  // namespace

void AddPageRoutes(ModuleContext& m) {
  Pages& pages = m.pages;
  for (bool county : {false, true}) {
    RouteInfo info;
    info.cacheable = true;
    info.indexable = true;
    info.cache_tag = app::kMeetingPlacesTag;
    info.sitemap = [&app = m.app, county] { return PlacesWithMeetingPlaces(app, county); };
    m.router.Add("GET", county ? CountyPath("{number}") : MunicipalityPath("{number}"),
                 pages.Page([&pages, county](PageContext& c) { return PlacePage(pages, c, county); }), info);
  }
}

}  // namespace moteplass::http::places
