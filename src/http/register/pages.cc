// The register's pages: the front page, the directory with its filters and search, and one
// meeting place with its kind and the reasons for it. The forms that change a meeting place are
// in edit_pages.cc. Lists are cached under the tag "meeting_places", a meeting place's page under
// "meeting_place:{id}".
#include <algorithm>
#include <map>
#include <set>

#include "app/register/meeting_places.h"
#include "core/norwegian.h"
#include "core/typology/typology.h"
#include "http/open_data/paths.h"
#include "http/operations/module.h"
#include "http/places/paths.h"
#include "http/register/module.h"
#include "http/register/paths.h"
#include "http/register/query.h"
#include "http/register/views.h"
#include "http/suggestions/paths.h"

namespace moteplass::http::registry {

using nlohmann::json;

namespace {

Response Front(Pages& pages, PageContext& c) {
  const Lang lang = c.lang;
  // Every count on the page from one grouped query of the published records.
  std::map<std::string, std::int64_t> by_county, by_kind;
  if (auto tally = pages.app().store.meeting_places().Tally(); tally.ok()) {
    for (const TallyRow& row : *tally) {
      by_county[row.county] += row.count;
      by_kind[row.kind] += row.count;
    }
  }
  json counties = json::array();
  for (const auto& county : pages.app().places.counties) {
    counties.push_back({{"name", county.name},
                        {"count", std::to_string(by_county[county.number])},
                        {"href", places::CountyPath(county.number)}});
  }
  json kinds = json::array();
  for (auto kind : kKinds) {
    kinds.push_back({{"label", KindLabel(kind, lang)},
                     {"count", std::to_string(by_kind[std::string(kind)])},
                     {"href", DirectoryPath("kind", std::string(kind))}});
  }
  MeetingPlaceQuery latest_query;
  latest_query.sort = MeetingPlaceQuery::Sort::kUpdatedDesc;
  latest_query.per_page = 5;
  latest_query.with_classification = false;
  json latest = json::array();
  std::int64_t total = 0;
  if (auto page = app::ListMeetingPlaces(pages.app().services, Principal{}, latest_query); page.ok()) {
    total = page->total;
    for (const auto& p : page->items) {
      json item = ListItem(pages.app().places, p, lang);
      item["updated"] = DateOnly(p.updated_at, lang);
      latest.push_back(item);
    }
  }
  json view = {{"counties", counties},
               {"kinds", kinds},
               {"latest", latest},
               {"total_text", Msg("front.total", lang, {{"n", std::to_string(total)}})}};
  return pages.Render(c, 200, "register/front", view, Msg("front.title", lang));
}

Response Directory(Pages& pages, PageContext& c) {
  const Lang lang = c.lang;
  Request& req = c.request;
  json view = json::object();
  auto query = ParseMeetingPlaceQuery(req, pages.app().places);
  int status = 200;
  MeetingPlaceQuery q;
  if (!query.ok()) {
    status = 400;
    std::string param = query.error().pointer.empty() ? "" : query.error().pointer.substr(1);
    view["error"] = Msg(
        query.error().slug == "contradicting_filters" ? "directory.filters_contradict" : "directory.bad_filter", lang,
        {{"param", Msg("directory." + param, lang)}});
  } else {
    q = *query;
    // A search from the search box (no sort chosen) shows the best matches first; browsing
    // without search text stays in Norwegian alphabetical order.
    if (!q.text.empty() && req.Query("sort").value_or("").empty()) q.sort = MeetingPlaceQuery::Sort::kRelevance;
    q.with_classification = false;  // the items show the kind, not the reasons for it
  }
  view["q"] = req.Query("q").value_or("");
  view["changed_since"] = {{"label", Msg("directory.changed_since", lang)},
                           {"value", req.Query("changed_since").value_or("")}};
  auto selected = [&](const char* name) { return req.Query(name).value_or(""); };
  json counties = json::array();
  for (const auto& county : pages.app().places.counties) {
    counties.push_back(
        {{"value", county.number}, {"label", county.name}, {"selected", county.number == selected("county")}});
  }
  // With a county or region chosen, the municipality list offers only the municipalities there
  // (357 options are a long list to scroll through on a phone), and always the chosen one.
  const std::string chosen_county = selected("county");
  const std::string chosen_region = selected("region");
  const std::string chosen_municipality = selected("municipality");
  // Every municipality in Norwegian order with its county's region, sorted once, not per render.
  struct Option {
    const Municipality* municipality;
    std::string region;
  };
  static const std::vector<Option> in_order = [&] {
    std::vector<std::pair<std::string, Option>> keyed;
    for (const auto& m : pages.app().places.municipalities) {
      const County* county = FindCounty(pages.app().places, m.county);
      keyed.push_back({NorwegianSortKey(m.name), Option{&m, county ? county->region : ""}});
    }
    std::sort(keyed.begin(), keyed.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<Option> options;
    for (auto& [key, option] : keyed) options.push_back(std::move(option));
    return options;
  }();
  // The municipality options as HTML, made with strings: as JSON objects, then template data, then
  // rendered one by one, the 357 options were the largest part of an uncached directory
  // (docs/PERFORMANCE.md). A municipality's name is the same in every language, so without a
  // county, region or municipality chosen the list is the same for every page: made once.
  auto options = [&](bool all) {
    std::string html;
    for (const Option& o : in_order) {
      const Municipality& m = *o.municipality;
      const bool in_county = all || chosen_county.empty() || m.county == chosen_county;
      const bool in_region = all || chosen_region.empty() || o.region == chosen_region;
      const bool chosen = !all && m.number == chosen_municipality;
      if (!(in_county && in_region) && !chosen) continue;
      html += "<option value=\"" + HtmlEscape(m.number) + "\"" + (chosen ? " selected>" : ">") + HtmlEscape(m.name) +
              "</option>\n";
    }
    return html;
  };
  static const std::string every_option = options(true);
  const bool unfiltered = chosen_county.empty() && chosen_region.empty() && chosen_municipality.empty();
  json regions = json::array();
  for (const auto& r : pages.app().places.regions) {
    regions.push_back({{"value", r.id}, {"label", r.name}, {"selected", r.id == selected("region")}});
  }
  json kinds = json::array();
  for (auto k : kKinds) {
    kinds.push_back(
        {{"value", std::string(k)}, {"label", KindLabel(k, lang)}, {"selected", std::string(k) == selected("kind")}});
  }
  json sorts = json::array();
  for (const auto& [sort, key] : {std::pair{MeetingPlaceQuery::Sort::kRelevance, "directory.sort_relevance"},
                                  std::pair{MeetingPlaceQuery::Sort::kName, "directory.sort_name"},
                                  std::pair{MeetingPlaceQuery::Sort::kUpdatedDesc, "directory.sort_updated"}}) {
    sorts.push_back({{"value", SortParam(sort)}, {"label", Msg(key, lang)}, {"selected", q.sort == sort}});
  }
  view["counties"] = counties;
  view["municipality_options_html"] = unfiltered ? every_option : options(false);
  view["regions"] = regions;
  view["kinds"] = kinds;
  view["sorts"] = sorts;
  view["can_create"] = MayAnywhere(req.principal, Action::kMeetingPlaceCreate);
  json items = json::array();
  std::int64_t total = 0;
  if (status == 200) {
    auto page = app::ListMeetingPlaces(pages.app().services, req.principal, q);
    if (!page.ok()) return pages.ErrorPage(c, 500, "error.internal");
    total = page->total;
    for (const auto& p : page->items) items.push_back(ListItem(pages.app().places, p, lang));
    const std::int64_t pages = std::max<std::int64_t>(1, (total + q.per_page - 1) / q.per_page);
    if (pages > 1) {
      json nav = json::object();
      if (q.page > 1) nav["prev"] = WithParam(req, "page", std::to_string(q.page - 1));
      if (q.page < pages) nav["next"] = WithParam(req, "page", std::to_string(q.page + 1));
      json numbers = json::array();
      for (std::int64_t n = 1; n <= pages; ++n) {
        if (n != 1 && n != pages && std::abs(n - q.page) > 2) continue;
        numbers.push_back({{"number", std::to_string(n)},
                           {"href", WithParam(req, "page", std::to_string(n))},
                           {"label", Msg("directory.page_n", lang, {{"n", std::to_string(n)}})},
                           {"current", n == q.page}});
      }
      nav["pages"] = numbers;
      view["pagination"] = nav;
    }
  }
  view["items"] = items;
  // The same meeting places to download, with the filters and order as chosen (http/open_data).
  if (status == 200) {
    std::string filters, feed;
    for (const char* name : {"county", "municipality", "region", "kind", "q", "changed_since", "sort"}) {
      const std::string value = selected(name);
      if (value.empty()) continue;
      filters += (filters.empty() ? "?" : "&") + std::string(name) + "=" + PercentEncode(value);
      // The feed is always newest first.
      if (std::string(name) != "sort")
        feed += (feed.empty() ? "?" : "&") + std::string(name) + "=" + PercentEncode(value);
    }
    view["csv_href"] = open_data::CsvPath() + filters;
    view["xlsx_href"] = open_data::XlsxPath() + filters;
    view["feed_href"] = open_data::FeedPath() + feed;
    view["data_href"] = open_data::DataPagePath();
    view["downloads"] = {{"label", Msg("data.download_label", lang)},
                         {"csv", Msg("data.download_csv", lang)},
                         {"xlsx", Msg("data.download_xlsx", lang)},
                         {"page", Msg("data.page_link", lang)},
                         {"feed", Msg("data.feed_link", lang)}};
  }
  view["result_text"] = Msg(total == 1 ? "directory.result_one" : "directory.results", lang,
                            {{"n", std::to_string(total)}});
  view["suggest_href"] = selected("municipality").empty()
                             ? suggestions::SuggestPath()
                             : suggestions::SuggestMissingPath(PercentEncode(selected("municipality")));
  return pages.Render(c, status, "register/directory", view, Msg("directory.title", lang));
}

Response MeetingPlacePage(Pages& pages, PageContext& c) {
  const Lang lang = c.lang;
  Request& req = c.request;
  auto place = LoadVisible(pages.app(), req);
  if (!place.ok()) return pages.PlaceError(c, place.error());
  const MeetingPlace& p = *place;
  json resource = ToJson(p);
  const json& profile = p.input.profile;
  const std::string lang_key = "text_" + std::string(LangCode(lang));
  json view = {{"id", std::to_string(p.id)}, {"name", p.name}, {"unpublished", !p.input.is_public}};
  view["place_name"] = PlaceName(pages.app().places, p);
  view["place_href"] = p.municipality.empty() ? places::CountyPath(p.county) : places::MunicipalityPath(p.municipality);
  if (!p.municipality.empty()) {
    if (const auto* county = FindCounty(pages.app().places, p.county)) view["county_name"] = county->name;
  }
  view["kind_sentence"] = Msg("mp.kind_is", lang, {{"kind", KindText(resource, lang)}});
  view["level_label"] = Msg("enum.level." + p.level, lang);
  if (!p.input.established.empty()) {
    view["established"] = DateOnly(p.input.established, lang);
  } else if (profile.contains("established_year")) {
    view["established"] = profile["established_year"].dump();
  }
  if (!p.input.ceased.empty()) view["ceased"] = Msg("mp.ceased", lang, {{"date", DateOnly(p.input.ceased, lang)}});
  const json functions = profile.value("functions", json::object());
  const bool hearing = functions.value("hearing_body", false);
  const bool advisory = functions.value("advisory_body", false);
  view["function_text"] = Msg(hearing && advisory ? "mp.function.both"
                              : hearing           ? "mp.function.hearing"
                              : advisory          ? "mp.function.advisory"
                                                  : "mp.function.none",
                              lang);
  if (profile.contains("meetings_per_year")) {
    view["meetings"] = Msg("mp.meetings_value", lang, {{"n", profile["meetings_per_year"].dump()}});
  }
  const std::string target = profile.value("target_group", "everyone");
  if (target != "everyone") view["target_group"] = Msg("enum.target_group." + target, lang);
  json seats = json::array();
  const json s = profile.value("seats", json::object());
  int total = 0;
  for (const char* k : {"immigrant_population", "politicians", "administration", "police", "other"}) {
    const int n = s.value(k, 0);
    total += n;
    if (n > 0) seats.push_back(Msg(std::string("mp.seats.") + k, lang, {{"n", std::to_string(n)}}));
  }
  if (total == 0) seats.push_back(Msg("mp.seats.none", lang));
  const json people = profile.value("people", json::object());
  for (const char* k : {"immigrant_background", "women", "youth"}) {
    if (people.contains(k)) seats.push_back(Msg(std::string("mp.people.") + k, lang, {{"n", people[k].dump()}}));
  }
  view["seats"] = seats;
  view["selection_text"] = Msg("mp.selection", lang,
                               {{"how", Msg("enum.immigrant_members_selected_by." +
                                                profile.value("immigrant_members_selected_by", "not_applicable"),
                                            lang)}});
  const std::string chair = profile.value("chair", "unknown");
  if (chair != "unknown") view["chair_text"] = Msg("mp.chair", lang, {{"who", Msg("enum.chair." + chair, lang)}});
  // Each text in the reader's language when it has been written in it, else the main text marked
  // with its own language, so that a screen reader reads it with the right voice, and a sentence
  // saying which language it exists in (core/register/texts.h).
  const std::string reader(LangCode(lang));
  auto show = [&](const ShownText& shown, const char* html, const char* text_lang, const char* note) {
    if (shown.text->empty()) return;
    view[html] = MarkdownToHtml(*shown.text);
    if (shown.language == reader) return;
    view[text_lang] = shown.language;
    view[note] = Msg("mp.text_only_in." + shown.language, lang);
  };
  const ShownText description = DescriptionFor(p.input.description, p.input.language, p.input.translations, reader);
  show(description, "description_html", "description_lang", "description_note");
  show(HowToTakePartFor(p.input.how_to_take_part, p.input.language, p.input.translations, reader), "how_html",
       "how_lang", "how_note");
  // The profile's own notes are written in Norwegian.
  if (lang != Lang::kNb) view["text_lang"] = "nb";
  // What a search engine shows under the link: the kind and the place, then the description.
  {
    std::string meta = KindText(resource, lang) + " · " + PlaceName(pages.app().places, p);
    if (const std::string summary = Summary(*description.text); !summary.empty()) meta += ". " + summary;
    view["meta_description"] = meta;
  }
  // The languages at meetings and what the venue offers, from the profile, in the reader's words.
  auto names = [&](const char* field) {
    std::string text;
    for (const auto& v : profile.value(field, json::array())) {
      text += (text.empty() ? "" : ", ") + Msg(std::string("enum.") + field + "." + v.get<std::string>(), lang);
    }
    return text;
  };
  if (const std::string languages = names("meeting_languages"); !languages.empty())
    view["take_part_languages"] = languages;
  if (const std::string access = names("venue_accessibility"); !access.empty()) view["take_part_access"] = access;
  if (const std::string note = profile.value("venue_accessibility_note", ""); !note.empty()) {
    view["take_part_access_note"] = note;
  }
  // Its work: members, meetings and influence (the operations module renders it).
  view["operations_html"] = operations::SectionHtml(pages.app(), c, p);
  if (!p.input.contact.email.empty()) view["email"] = p.input.contact.email;
  if (!p.input.contact.phone.empty()) {
    view["phone"] = p.input.contact.phone;
    std::string href;
    for (char ch : p.input.contact.phone) {
      if ((ch >= '0' && ch <= '9') || ch == '+') href += ch;
    }
    view["phone_href"] = href;
  }
  if (!p.input.website.empty()) view["website"] = p.input.website;
  // The kind and why.
  const json& cls = p.classification;
  const Principal& who = req.principal;
  const bool can_edit = app::May(who, Action::kMeetingPlaceUpdate, p);
  if (p.recorded_kind) {
    view["recorded"] = true;
    view["recorded_text"] = Msg(
        "mp.recorded", lang,
        {{"kind", KindLabel(p.recorded_kind->kind, lang)}, {"date", DateOnly(p.recorded_kind->at, lang)}});
    view["justification"] = p.recorded_kind->justification;
  }
  json reasons_for = json::array();
  json reasons_against = json::array();
  if (cls.is_object()) {
    const std::string computed = cls["kind"].is_string() ? cls["kind"].get<std::string>() : "";
    view["computed_text"] = computed.empty() ? Msg("mp.computed_not", lang)
                                             : Msg(p.recorded_kind ? "mp.computed_differs" : "mp.computed", lang,
                                                   {{"kind", KindLabel(computed, lang)}});
    std::string fit;
    for (auto model : kModels) {
      const double f = cls["fit"].value(std::string(model), 0.0);
      fit += (fit.empty() ? "" : ", ") + Msg("typology.model." + std::string(model), lang) + " " +
             std::to_string(static_cast<int>(f * 100 + 0.5)) + " %";
    }
    view["fit_text"] = Msg("mp.fit", lang, {{"fit", fit}});
    const std::string certainty = cls.value("certainty", json()).is_string() ? cls["certainty"].get<std::string>() : "";
    if (certainty == "borderline") {
      std::string models;
      for (const auto& m : cls["also_fits"]) {
        models += (models.empty() ? "" : ", ") + Msg("typology.model." + m.get<std::string>(), lang);
      }
      view["certainty_text"] = Msg("mp.certainty.borderline", lang, {{"models", models}});
    } else if (certainty == "no_single_model") {
      view["certainty_text"] = Msg("mp.certainty.no_single_model", lang);
    }
    for (const auto& r : cls["reasons"]) {
      const bool relevant = r["kind"].is_null() || (r["kind"].is_string() && r["kind"].get<std::string>() == computed);
      if (!relevant) continue;
      (r["supports"].get<bool>() ? reasons_for : reasons_against).push_back(r.value(lang_key, ""));
    }
  }
  view["reasons_for"] = reasons_for;
  view["reasons_against"] = reasons_against;
  view["has_against"] = !reasons_against.empty();
  view["can_edit"] = can_edit;
  view["can_delete"] = app::May(who, Action::kMeetingPlaceDelete, p);
  view["can_record"] = app::May(who, Action::kMeetingPlaceRecordKind, p);
  view["version"] = std::to_string(p.version);
  if (can_edit || view["can_delete"].get<bool>() || view["can_record"].get<bool>()) {
    view["csrf_token"] = req.csrf_token;
    json options = json::array();
    for (auto k : kKinds) {
      const bool selected = p.recorded_kind && p.recorded_kind->kind == k;
      options.push_back({{"value", std::string(k)}, {"label", KindLabel(k, lang)}, {"selected", selected}});
    }
    view["kind_options"] = options;
  }
  view["can_history"] = app::May(who, Action::kMeetingPlaceHistory, p);
  view["updated_text"] = Msg("mp.updated", lang, {{"date", DateOnly(p.updated_at, lang)}});
  if (req.Query("lagret")) view["saved"] = Msg("mp.saved", lang);
  if (req.Query("opprettet")) view["saved"] = Msg("mp.created", lang);
  view["suggest_href"] = suggestions::SuggestOutdatedPath(p.id);
  return pages.Render(c, 200, "register/meeting_place", view, p.name);
}

// Every published meeting place, with the date it last changed, for the sitemap.
std::vector<SitemapEntry> PublishedMeetingPlaces(AppContext& app) {
  std::vector<SitemapEntry> entries;
  auto all = app.store.meeting_places().All();
  if (!all.ok()) return entries;
  for (const MeetingPlace& p : *all) {
    if (app::CanSee(Principal{}, p)) entries.push_back({MeetingPlacePath(p.id), p.updated_at});
  }
  return entries;
}

}  // namespace

void AddPageRoutes(ModuleContext& m) {
  Router& router = m.router;
  Pages& pages = m.pages;
  auto page = [&pages](Response (*build)(Pages&, PageContext&)) {
    return pages.Page([&pages, build](PageContext& c) { return build(pages, c); });
  };
  RouteInfo listing;
  listing.cacheable = true;
  listing.indexable = true;
  listing.cache_tag = app::kMeetingPlacesTag;
  RouteInfo one_place = listing;
  one_place.cache_tag = app::MeetingPlaceTag("{id}");  // filled from the route
  one_place.sitemap = [&app = m.app] { return PublishedMeetingPlaces(app); };

  router.Add("GET", "/", page(Front), listing);
  router.Add("GET", DirectoryPath(), pages.Page([&pages](PageContext& c) {
    c.view["nav_directory"] = true;
    return Directory(pages, c);
  }),
             listing);
  AddEditRoutes(m);
  router.Add("GET", MeetingPlacePath("{id}"), page(MeetingPlacePage), one_place);
}

}  // namespace moteplass::http::registry
