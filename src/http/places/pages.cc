// The places' pages: a municipality, a county or an IMDi region with its meeting places (cached
// under "meeting_places", listed in the sitemap when it has a published one). A county's and a
// region's page is an adviser's overview: counts by kind, the municipalities with and without a
// meeting place, and the latest changes with their dates.
#include <map>
#include <set>

#include "app/register/meeting_places.h"
#include "core/norwegian.h"
#include "core/typology/typology.h"
#include "http/places/module.h"
#include "http/places/paths.h"
#include "http/register/paths.h"
#include "http/register/views.h"
#include "http/suggestions/paths.h"

namespace moteplass::http::places {

using nlohmann::json;
using registry::ListItem;

namespace {

constexpr int kLatest = 10;

// The overview of an area from every meeting place there the reader may see (`all`, the latest
// changed first) and the area's municipalities.
void AddOverview(json& view, const Places& places, const std::vector<MeetingPlace>& all,
                 const std::vector<const Municipality*>& municipalities, bool name_counties, Lang lang) {
  std::map<std::string, int> by_kind;
  std::map<std::string, int> by_municipality;
  for (const MeetingPlace& p : all) {
    ++by_kind[p.kind];
    if (!p.municipality.empty()) ++by_municipality[p.municipality];
  }
  json kinds = json::array();
  for (std::string_view k : kKinds) {
    if (auto it = by_kind.find(std::string(k)); it != by_kind.end()) {
      kinds.push_back({{"label", KindLabel(k, lang)}, {"n", it->second}});
    }
  }
  if (auto it = by_kind.find(""); it != by_kind.end()) {
    kinds.push_back({{"label", Msg("typology.not_meeting_place", lang)}, {"n", it->second}});
  }
  std::vector<std::pair<std::string, json>> with, without;
  for (const Municipality* m : municipalities) {
    std::string label = m->name;
    if (name_counties) {
      if (const County* county = FindCounty(places, m->county)) label += " (" + county->name + ")";
    }
    json item = {{"number", m->number}, {"name", label}};
    auto it = by_municipality.find(m->number);
    if (it != by_municipality.end()) {
      item["n"] = it->second;
      with.emplace_back(NorwegianSortKey(label), item);
    } else {
      without.emplace_back(NorwegianSortKey(label), item);
    }
  }
  auto sorted = [](std::vector<std::pair<std::string, json>>& v) {
    std::sort(v.begin(), v.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    json out = json::array();
    for (auto& [key, item] : v) out.push_back(std::move(item));
    return out;
  };
  json latest = json::array();
  for (const MeetingPlace& p : all) {
    if (static_cast<int>(latest.size()) == kLatest) break;
    latest.push_back({{"name", p.name},
                      {"href", registry::MeetingPlacePath(p.id)},
                      {"date", DateOnly(p.updated_at, lang)},
                      {"date_iso", p.updated_at.substr(0, 10)}});
  }
  view["overview"] = true;
  view["kinds"] = kinds;
  view["total_text"] = Msg(all.size() == 1 ? "directory.result_one" : "directory.results", lang,
                           {{"n", std::to_string(all.size())}});
  view["with_text"] = Msg("place.with", lang, {{"n", std::to_string(with.size())}});
  view["without_text"] = Msg("place.without", lang, {{"n", std::to_string(without.size())}});
  view["with"] = sorted(with);
  view["without"] = sorted(without);
  view["has_without"] = !without.empty();
  view["has_with"] = !with.empty();
  view["latest"] = latest;
  view["has_latest"] = !latest.empty();
}

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
    if (const Region* r = FindRegion(pages.app().places, found->region)) {
      region = r->name;
      view["region_href"] = RegionPath(r->id);
      view["region_link"] = Msg("place.region_link", lang, {{"region", r->name}});
    }
    view["subheading"] = Msg("place.county_sub", lang, {{"region", region}});
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
  view["suggest_href"] = county ? suggestions::SuggestPath() : suggestions::SuggestMissingPath(number);
  q.with_classification = false;  // a list shows the kind, not the reasons for it
  auto page = app::ListMeetingPlaces(pages.app().services, c.request.principal, q);
  if (!page.ok()) return pages.ErrorPage(c, 500, "error.internal");
  if (county) {
    MeetingPlaceQuery every = q;
    every.per_page = 1000;
    every.sort = MeetingPlaceQuery::Sort::kUpdatedDesc;
    auto all = app::ListMeetingPlaces(pages.app().services, c.request.principal, every);
    if (!all.ok()) return pages.ErrorPage(c, 500, "error.internal");
    std::vector<const Municipality*> municipalities;
    for (const auto& m : pages.app().places.municipalities) {
      if (m.county == number) municipalities.push_back(&m);
    }
    AddOverview(view, pages.app().places, all->items, municipalities, false, lang);
  }
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

Response RegionPage(Pages& pages, PageContext& c) {
  const Lang lang = c.lang;
  const std::string id = c.request.params["id"];
  const Places& places = pages.app().places;
  const Region* region = FindRegion(places, id);
  if (region == nullptr) return pages.ErrorPage(c, 404, "error.no_region");
  MeetingPlaceQuery q;
  q.region = id;
  q.per_page = 1000;
  q.sort = MeetingPlaceQuery::Sort::kUpdatedDesc;
  q.with_classification = false;
  auto all = app::ListMeetingPlaces(pages.app().services, c.request.principal, q);
  if (!all.ok()) return pages.ErrorPage(c, 500, "error.internal");
  json view = {{"heading", region->name}, {"region_page", true}};
  json counties = json::array();
  std::vector<const Municipality*> municipalities;
  for (const auto& county : places.counties) {
    if (county.region != id) continue;
    counties.push_back({{"href", CountyPath(county.number)}, {"name", county.name}});
    for (const auto& m : places.municipalities) {
      if (m.county == county.number) municipalities.push_back(&m);
    }
  }
  view["counties"] = counties;
  view["subheading"] = Msg("place.region_sub", lang);
  view["directory_href"] = registry::DirectoryPath("region", id);
  AddOverview(view, places, all->items, municipalities, true, lang);
  return pages.Render(c, 200, "places/region", view, region->name);
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
  RouteInfo region;
  region.cacheable = true;
  region.indexable = true;
  region.cache_tag = app::kMeetingPlacesTag;
  region.sitemap = [&app = m.app] {
    std::vector<SitemapEntry> entries;
    for (const Region& r : app.places.regions) entries.push_back({RegionPath(r.id), ""});
    return entries;
  };
  m.router.Add("GET", RegionPath("{id}"), pages.Page([&pages](PageContext& c) { return RegionPage(pages, c); }),
               region);
}

}  // namespace moteplass::http::places
