#include "http/pages.h"

#include <algorithm>
#include <charconv>
#include <set>

#include "app/register/meeting_places.h"
#include "core/accounts/credentials.h"
#include "core/norwegian.h"
#include "core/typology/typology.h"
#include "http/meeting_place_form.h"

namespace moteplass::http {

using nlohmann::json;

namespace {

constexpr const char* kLoginCsrfCookie = "moteplass_login";

std::optional<std::int64_t> ParsePositive(const std::string& text) {
  if (text.empty() || text.size() > 18 || text.front() == '0') return std::nullopt;
  std::int64_t v = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || ptr != text.data() + text.size()) return std::nullopt;
  return v;
}

Response Redirect(const std::string& location) {
  Response r;
  r.status = 303;
  r.Set("Location", location);
  r.Set("Content-Type", "text/plain; charset=utf-8");
  r.body = "See " + location + "\n";
  return r;
}

// A path on this site to return to after logging in; "/" for anything else.
std::string SafeNext(const std::string& next) {
  if (next.empty() || next.front() != '/' || next.starts_with("//") || next.find('\\') != std::string::npos) {
    return "/";
  }
  // Browsers drop tabs and newlines from a Location, so "/\t/evil.example" would become
  // "//evil.example", another site: refuse every control character.
  for (unsigned char ch : next) {
    if (ch < 0x20 || ch == 0x7f) return "/";
  }
  return next;
}

std::string Target(const Request& r) {
  std::string t = r.path;
  if (!r.query.empty()) {
    t += "?";
    for (const auto& [k, v] : r.query) t += PercentEncode(k) + "=" + PercentEncode(v) + "&";
    t.pop_back();
  }
  return t;
}

// The current address with one query parameter set (or removed when `value` is empty).
std::string WithParam(const Request& r, const std::string& name, const std::string& value) {
  std::string t = r.path;
  std::string q;
  for (const auto& [k, v] : r.query) {
    if (k == name) continue;
    q += (q.empty() ? "?" : "&") + PercentEncode(k) + "=" + PercentEncode(v);
  }
  if (!value.empty()) q += (q.empty() ? "?" : "&") + PercentEncode(name) + "=" + PercentEncode(value);
  return t + q;
}

std::string FormValue(const std::vector<std::pair<std::string, std::string>>& form, const std::string& name) {
  for (const auto& [k, v] : form) {
    if (k == name) return v;
  }
  return "";
}

std::string Summary(const std::string& markdown) {
  std::string plain;
  for (char c : markdown) {
    if (c == '*' || c == '#' || c == '_' || c == '`' || c == '>') continue;
    plain += (c == '\n' ? ' ' : c);
  }
  if (plain.size() <= 180) return plain;
  std::size_t cut = plain.rfind(' ', 180);
  if (cut == std::string::npos || cut < 100) cut = 180;
  // Do not cut inside a UTF-8 sequence.
  while (cut > 0 && (static_cast<unsigned char>(plain[cut]) & 0xC0) == 0x80) --cut;
  return plain.substr(0, cut) + " …";
}

std::string DateOnly(const std::string& iso) { return iso.substr(0, 10); }

std::string KindText(const json& resource, Lang lang) {
  if (!resource["kind"].is_string()) return Msg("typology.not_meeting_place", lang);
  std::string text = KindLabel(resource["kind"].get<std::string>(), lang);
  if (resource["subtype"].is_string()) text += ", " + Msg("typology.subtype." + resource["subtype"].get<std::string>(), lang);
  return text;
}

// The version a form was based on (its hidden field); 0 when missing or malformed, which the
// store treats as "do not check". Every form of the pages sends one.
std::int64_t FormVersion(const std::vector<std::pair<std::string, std::string>>& form) {
  return ParsePositive(FormValue(form, "version")).value_or(0);
}

// The page a refused write answers with: 404 for a record the caller may not see, 409 for a
// stale version, 403 for a role that does not cover it.
const char* RefusalKey(const Error& e) {
  switch (e.code) {
    case ErrorCode::kNotFound: return "error.no_meeting_place";
    case ErrorCode::kConflict: return "form.error.conflict";
    case ErrorCode::kForbidden:
    case ErrorCode::kUnauthenticated: return "error.forbidden";
    default: return "error.internal";
  }
}

}  // namespace

struct Pages::Context {
  explicit Context(Request& r) : request(r) {}
  Request& request;
  Lang lang = Lang::kNb;
  bool lang_from_query = false;
  json view;
  std::vector<std::pair<std::string, std::string>> form;  // posted fields
};

Pages::Pages(AppContext& app) : app_(app) {}

void Pages::Invalidate(const std::vector<std::string>& tags) { cache_.Invalidate(tags); }

void Pages::InvalidateAll() { cache_.Clear(); }

namespace {

// A route's cache tag with its placeholders filled from the request ("meeting_place:{id}").
std::string FilledTag(const Request& request) {
  if (request.route == nullptr) return "";
  std::string tag = request.route->cache_tag;
  for (const auto& [name, value] : request.params) {
    const std::string placeholder = "{" + name + "}";
    if (auto at = tag.find(placeholder); at != std::string::npos) tag.replace(at, placeholder.size(), value);
  }
  return tag;
}

}  // namespace

Pages::Context Pages::Begin(Request& request) {
  Context c(request);
  c.lang = ChooseLang(request, &c.lang_from_query);
  if (request.method == "POST" && request.Header("content-type").starts_with("application/x-www-form-urlencoded")) {
    if (auto form = ParseQuery(request.body)) c.form = std::move(*form);
  }
  json& v = c.view;
  v["t"] = TranslationTree(c.lang);
  v["lang"] = std::string(LangCode(c.lang));
  v["assets"] = assets_.Urls();
  json languages = json::array();
  json alternates = json::array();
  for (Lang l : {Lang::kNb, Lang::kNn, Lang::kEn}) {
    const std::string code(LangCode(l));
    const std::string href = WithParam(request, "lang", code);
    languages.push_back({{"code", code}, {"name", Msg("lang." + code, l)}, {"href", href}, {"current", l == c.lang}});
    alternates.push_back({{"hreflang", code}, {"href", href}});
  }
  v["languages"] = languages;
  if (request.method == "GET") v["alternates"] = alternates;
  if (request.principal.user) {
    v["user"] = {{"username", request.principal.user->username}, {"csrf_token", request.csrf_token}};
  }
  auto examples = app_.store.meeting_places().Count(/*example_only=*/true);
  v["example_data"] = examples.ok() && *examples > 0;
  return c;
}

Response Pages::Render(Context& c, int status, const std::string& name, json view, const std::string& title) {
  json& v = c.view;
  for (auto& [k, val] : view.items()) v[k] = val;
  v["title"] = title;
  if (!v.contains("meta_description")) v["meta_description"] = Msg("page.footer", c.lang);
  v["body"] = RenderTemplate(name, v);
  Response r;
  r.status = status;
  r.body = RenderTemplate("layout", v);
  r.Set("Content-Type", "text/html; charset=utf-8");
  r.Set("Content-Language", std::string(LangCode(c.lang)));
  r.Set("Cache-Control", c.request.principal.anonymous() ? "no-cache" : "private, no-store");
  if (c.lang_from_query) r.Set("Set-Cookie", LangCookieHeader(c.lang));
  return r;
}

Response Pages::ErrorPage(Context& c, int status, const std::string& message_key) {
  const std::string heading = Msg("error.title." + std::to_string(status), c.lang);
  return Render(c, status, "error", {{"heading", heading}, {"message", Msg(message_key, c.lang)}}, heading);
}

Response Pages::PlaceError(Context& c, const Error& error) {
  if (error.code == ErrorCode::kNotFound) return ErrorPage(c, 404, "error.no_meeting_place");
  return ErrorPage(c, 500, "error.internal");
}

Response Pages::NotFound(Request& request) {
  Context c = Begin(request);
  return ErrorPage(c, 404, "error.not_found");
}

Response Pages::Cached(Request& request, const std::function<Response(Context&)>& build) {
  bool from_query = false;
  const Lang lang = ChooseLang(request, &from_query);
  const bool cacheable = request.principal.anonymous() && request.method != "POST" && request.route != nullptr &&
                         request.route->cacheable;
  const std::string key = PageCache::Key(request, lang);
  if (cacheable) {
    if (auto hit = cache_.Find(key, request)) return *hit;
  }
  Context c = Begin(request);
  Response r = build(c);
  if (cacheable && r.status == 200) {
    cache_.Put(key, r, FilledTag(request));
    if (auto hit = cache_.Find(key, request)) return *hit;
  }
  return r;
}

std::optional<Response> Pages::Fast(const Request& request) const {
  if (request.method != "GET" && request.method != "HEAD") return std::nullopt;
  if (request.path.starts_with("/static/")) return assets_.Serve(request);
  if (!request.Header("authorization").empty() || !request.Cookie(kSessionCookie).empty()) return std::nullopt;
  if (request.path.starts_with("/api/")) return std::nullopt;
  bool from_query = false;
  const Lang lang = ChooseLang(request, &from_query);
  return cache_.Find(PageCache::Key(request, lang), request);
}

std::string Pages::PlaceName(const MeetingPlace& place) const {
  if (!place.municipality.empty()) {
    if (const auto* m = FindMunicipality(app_.places, place.municipality)) return m->name;
  }
  if (const auto* c = FindCounty(app_.places, place.county)) return c->name;
  return place.county;
}

json Pages::ListItem(const MeetingPlace& place, Lang lang) const {
  json resource = ToJson(place);
  json item = {{"name", place.name},
               {"href", "/moteplasser/" + std::to_string(place.id)},
               {"kind_label", KindText(resource, lang)},
               {"place_name", PlaceName(place)},
               {"unpublished", !place.input.is_public}};
  const std::string summary = Summary(place.input.description);
  if (!summary.empty()) item["summary"] = summary;
  return item;
}

Response Pages::Front(Context& c) {
  const Lang lang = c.lang;
  auto count = [&](MeetingPlaceQuery q) -> std::int64_t {
    q.per_page = 1;
    auto page = app::ListMeetingPlaces(app_.services, Principal{}, q);
    return page.ok() ? page->total : 0;
  };
  json counties = json::array();
  for (const auto& county : app_.places.counties) {
    MeetingPlaceQuery q;
    q.county = county.number;
    counties.push_back({{"name", county.name}, {"count", std::to_string(count(q))}, {"href", "/fylker/" + county.number}});
  }
  json kinds = json::array();
  for (auto kind : kKinds) {
    MeetingPlaceQuery q;
    q.kind = std::string(kind);
    kinds.push_back({{"label", KindLabel(kind, lang)},
                     {"count", std::to_string(count(q))},
                     {"href", "/moteplasser?kind=" + std::string(kind)}});
  }
  MeetingPlaceQuery latest_query;
  latest_query.sort = MeetingPlaceQuery::Sort::kUpdatedDesc;
  latest_query.per_page = 5;
  json latest = json::array();
  std::int64_t total = 0;
  if (auto page = app::ListMeetingPlaces(app_.services, Principal{}, latest_query); page.ok()) {
    total = page->total;
    for (const auto& p : page->items) {
      json item = ListItem(p, lang);
      item["updated"] = DateOnly(p.updated_at);
      latest.push_back(item);
    }
  }
  json view = {{"counties", counties},
               {"kinds", kinds},
               {"latest", latest},
               {"total_text", Msg("front.total", lang, {{"n", std::to_string(total)}})}};
  return Render(c, 200, "front", view, Msg("front.title", lang));
}

Response Pages::Directory(Context& c) {
  const Lang lang = c.lang;
  Request& req = c.request;
  json view = json::object();
  auto query = ParseMeetingPlaceQuery(req, app_.places);
  int status = 200;
  MeetingPlaceQuery q;
  if (!query.ok()) {
    status = 400;
    std::string param = query.error().pointer.empty() ? "" : query.error().pointer.substr(1);
    view["error"] = Msg("directory.bad_filter", lang, {{"param", Msg("directory." + param, lang)}});
  } else {
    q = *query;
    // A search from the search box (no sort chosen) shows the best matches first; browsing
    // without search text stays in Norwegian alphabetical order.
    if (!q.text.empty() && req.Query("sort").value_or("").empty()) q.sort = MeetingPlaceQuery::Sort::kRelevance;
  }
  view["q"] = req.Query("q").value_or("");
  auto selected = [&](const char* name) { return req.Query(name).value_or(""); };
  json counties = json::array();
  for (const auto& county : app_.places.counties) {
    counties.push_back({{"value", county.number}, {"label", county.name}, {"selected", county.number == selected("county")}});
  }
  // With a county or region chosen, the municipality list offers only the municipalities there
  // (357 options are a long list to scroll through on a phone), and always the chosen one.
  const std::string chosen_county = selected("county");
  const std::string chosen_region = selected("region");
  const std::string chosen_municipality = selected("municipality");
  std::vector<const Municipality*> municipalities;
  for (const auto& m : app_.places.municipalities) {
    const County* county = FindCounty(app_.places, m.county);
    const bool in_county = chosen_county.empty() || m.county == chosen_county;
    const bool in_region = chosen_region.empty() || (county && county->region == chosen_region);
    if ((in_county && in_region) || m.number == chosen_municipality) municipalities.push_back(&m);
  }
  static const auto sort_keys = [&] {
    std::map<std::string, std::string> keys;
    for (const auto& m : app_.places.municipalities) keys[m.number] = NorwegianSortKey(m.name);
    return keys;
  }();
  std::sort(municipalities.begin(), municipalities.end(),
            [](const Municipality* a, const Municipality* b) { return sort_keys.at(a->number) < sort_keys.at(b->number); });
  json mlist = json::array();
  for (const auto* m : municipalities) {
    mlist.push_back({{"value", m->number}, {"label", m->name}, {"selected", m->number == chosen_municipality}});
  }
  json regions = json::array();
  for (const auto& r : app_.places.regions) {
    regions.push_back({{"value", r.id}, {"label", r.name}, {"selected", r.id == selected("region")}});
  }
  json kinds = json::array();
  for (auto k : kKinds) {
    kinds.push_back({{"value", std::string(k)}, {"label", KindLabel(k, lang)}, {"selected", std::string(k) == selected("kind")}});
  }
  json sorts = json::array();
  for (const auto& [sort, key] : {std::pair{MeetingPlaceQuery::Sort::kRelevance, "directory.sort_relevance"},
                                  std::pair{MeetingPlaceQuery::Sort::kName, "directory.sort_name"},
                                  std::pair{MeetingPlaceQuery::Sort::kUpdatedDesc, "directory.sort_updated"}}) {
    sorts.push_back({{"value", SortParam(sort)}, {"label", Msg(key, lang)}, {"selected", q.sort == sort}});
  }
  view["counties"] = counties;
  view["municipalities"] = mlist;
  view["regions"] = regions;
  view["kinds"] = kinds;
  view["sorts"] = sorts;
  view["can_create"] = MayAnywhere(req.principal, Action::kMeetingPlaceCreate);
  json items = json::array();
  std::int64_t total = 0;
  if (status == 200) {
    auto page = app::ListMeetingPlaces(app_.services, req.principal, q);
    if (!page.ok()) return ErrorPage(c, 500, "error.internal");
    total = page->total;
    for (const auto& p : page->items) items.push_back(ListItem(p, lang));
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
  view["result_text"] = Msg(total == 1 ? "directory.result_one" : "directory.results", lang, {{"n", std::to_string(total)}});
  return Render(c, status, "directory", view, Msg("directory.title", lang));
}

Response Pages::MeetingPlacePage(Context& c) {
  const Lang lang = c.lang;
  Request& req = c.request;
  auto place = LoadVisible(app_, req);
  if (!place.ok()) return PlaceError(c, place.error());
  const MeetingPlace& p = *place;
  json resource = ToJson(p);
  const json& profile = p.input.profile;
  const std::string lang_key = "text_" + std::string(LangCode(lang));
  json view = {{"id", std::to_string(p.id)}, {"name", p.name}, {"unpublished", !p.input.is_public}};
  view["place_name"] = PlaceName(p);
  view["place_href"] = p.municipality.empty() ? "/fylker/" + p.county : "/kommuner/" + p.municipality;
  if (!p.municipality.empty()) {
    if (const auto* county = FindCounty(app_.places, p.county)) view["county_name"] = county->name;
  }
  view["kind_sentence"] = Msg("mp.kind_is", lang, {{"kind", KindText(resource, lang)}});
  view["level_label"] = Msg("enum.level." + p.level, lang);
  if (!p.input.established.empty()) {
    view["established"] = p.input.established;
  } else if (profile.contains("established_year")) {
    view["established"] = profile["established_year"].dump();
  }
  if (!p.input.ceased.empty()) view["ceased"] = Msg("mp.ceased", lang, {{"date", p.input.ceased}});
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
  view["selection_text"] = Msg("mp.selection", lang, {{"how", Msg("enum.immigrant_members_selected_by." +
                                                                       profile.value("immigrant_members_selected_by", "not_applicable"), lang)}});
  const std::string chair = profile.value("chair", "unknown");
  if (chair != "unknown") view["chair_text"] = Msg("mp.chair", lang, {{"who", Msg("enum.chair." + chair, lang)}});
  if (!p.input.description.empty()) view["description_html"] = MarkdownToHtml(p.input.description);
  // What a search engine shows under the link: the kind and the place, then the description.
  {
    std::string meta = KindText(resource, lang) + " · " + PlaceName(p);
    if (const std::string summary = Summary(p.input.description); !summary.empty()) meta += ". " + summary;
    view["meta_description"] = meta;
  }
  if (!p.input.how_to_take_part.empty()) view["how_html"] = MarkdownToHtml(p.input.how_to_take_part);
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
    view["recorded_text"] = Msg("mp.recorded", lang, {{"kind", KindLabel(p.recorded_kind->kind, lang)},
                                                      {"date", DateOnly(p.recorded_kind->at)}});
    view["justification"] = p.recorded_kind->justification;
  }
  json reasons_for = json::array();
  json reasons_against = json::array();
  if (cls.is_object()) {
    const std::string computed = cls["kind"].is_string() ? cls["kind"].get<std::string>() : "";
    view["computed_text"] = computed.empty()
                                ? Msg("mp.computed_not", lang)
                                : Msg(p.recorded_kind ? "mp.computed_differs" : "mp.computed", lang,
                                      {{"kind", KindLabel(computed, lang)}});
    std::string fit;
    for (auto model : kModels) {
      const double f = cls["fit"].value(std::string(model), 0.0);
      fit += (fit.empty() ? "" : ", ") + Msg("typology.model." + std::string(model), lang) + " " +
             std::to_string(static_cast<int>(f * 100 + 0.5)) + " %";
    }
    view["fit_text"] = Msg("mp.fit", lang, {{"fit", fit}});
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
  view["updated_text"] = Msg("mp.updated", lang, {{"date", DateOnly(p.updated_at)}});
  if (req.Query("lagret")) view["saved"] = Msg("mp.saved", lang);
  return Render(c, 200, "meeting_place", view, p.name);
}

Response Pages::PlacePage(Context& c, bool county) {
  const Lang lang = c.lang;
  const std::string number = c.request.params["number"];
  MeetingPlaceQuery q;
  q.per_page = 100;
  json view = json::object();
  std::string name;
  if (county) {
    const County* found = FindCounty(app_.places, number);
    if (!found) return ErrorPage(c, 404, "error.no_county");
    name = found->name;
    q.county = number;
    std::string region;
    if (const Region* r = FindRegion(app_.places, found->region)) region = r->name;
    view["subheading"] = Msg("place.county_sub", lang, {{"region", region}});
    json municipalities = json::array();
    for (const auto& m : app_.places.municipalities) {
      if (m.county == number) municipalities.push_back({{"number", m.number}, {"name", m.name}});
    }
    view["municipalities"] = municipalities;
    view["has_municipalities"] = !municipalities.empty();
    view["directory_href"] = "/moteplasser?county=" + number;
  } else {
    const Municipality* found = FindMunicipality(app_.places, number);
    if (!found) return ErrorPage(c, 404, "error.no_municipality");
    name = found->name;
    q.municipality = number;
    const County* in = FindCounty(app_.places, found->county);
    view["subheading"] = Msg("place.municipality_sub", lang, {{"number", number}, {"county", in ? in->name : ""}});
    view["directory_href"] = "/moteplasser?municipality=" + number;
  }
  auto page = app::ListMeetingPlaces(app_.services, c.request.principal, q);
  if (!page.ok()) return ErrorPage(c, 500, "error.internal");
  json items = json::array();
  for (const auto& p : page->items) items.push_back(ListItem(p, lang));
  view["heading"] = name;
  view["items"] = items;
  view["has_items"] = !items.empty();
  view["count_text"] = Msg(page->total == 1 ? "directory.result_one" : "directory.results", lang,
                           {{"n", std::to_string(page->total)}});
  view["none_text"] = Msg("place.none", lang, {{"name", name}});
  return Render(c, 200, "place", view, name);
}

Response Pages::LoginForm(Context& c, int status, const std::vector<std::pair<std::string, std::string>>& errors,
                          const std::string& username) {
  std::string token = c.request.Cookie(kLoginCsrfCookie);
  const bool fresh = token.empty();
  if (fresh) token = NewSecret();
  json view = {{"csrf_token", token},
               {"next", SafeNext(c.request.Query("next").value_or(FormValue(c.form, "next")))},
               {"username", username}};
  json list = json::array();
  for (const auto& [field, message] : errors) {
    list.push_back({{"field_id", field}, {"message", message}});
    view[field + "_error"] = message;
  }
  view["errors"] = list;
  view["has_errors"] = !list.empty();
  view["nav_login"] = true;
  Response r = Render(c, status, "login", view, Msg("login.title", c.lang));
  r.Set("Cache-Control", "no-store");
  if (fresh) {
    r.headers.emplace_back("Set-Cookie", std::string(kLoginCsrfCookie) + "=" + token +
                                             "; HttpOnly; SameSite=Strict; Path=/logg-inn");
  }
  return r;
}

Response Pages::LoginPost(Context& c) {
  const Lang lang = c.lang;
  const std::string username = FormValue(c.form, "username");
  const std::string password = FormValue(c.form, "password");
  const std::string cookie_token = c.request.Cookie(kLoginCsrfCookie);
  if (cookie_token.empty() || !ConstantTimeEquals(cookie_token, FormValue(c.form, "csrf_token"))) {
    return LoginForm(c, 403, {{"username", Msg("login.expired", lang)}}, username);
  }
  std::vector<std::pair<std::string, std::string>> errors;
  if (username.empty()) errors.emplace_back("username", Msg("login.username_missing", lang));
  if (password.empty()) errors.emplace_back("password", Msg("login.password_missing", lang));
  if (!errors.empty()) return LoginForm(c, 400, errors, username);
  auto login = app_.auth.LogIn(username, password, c.request.remote);
  if (!login.ok()) {
    if (login.error().code == ErrorCode::kTooManyRequests) {
      const long wait = app_.auth.RetryAfter(username, c.request.remote);
      Response r = LoginForm(c, 429, {{"username", Msg("login.too_many", lang, {{"minutes", std::to_string((wait + 59) / 60)}})}}, username);
      r.Set("Retry-After", std::to_string(wait));
      return r;
    }
    if (login.error().code != ErrorCode::kUnauthenticated) return ErrorPage(c, 500, "error.internal");
    return LoginForm(c, 401, {{"username", Msg("login.wrong", lang)}}, username);
  }
  Response r = Redirect(SafeNext(FormValue(c.form, "next")));
  r.headers.emplace_back("Set-Cookie", app_.auth.SessionCookieHeader(login->cookie_value));
  r.headers.emplace_back("Set-Cookie", std::string(kLoginCsrfCookie) + "=; HttpOnly; SameSite=Strict; Path=/logg-inn; Max-Age=0");
  return r;
}

Response Pages::LogoutPost(Context& c) {
  if (c.request.principal.anonymous()) return Redirect("/");
  if (auto st = app_.auth.RequireLogin(c.request, FormValue(c.form, "csrf_token")); !st.ok()) {
    return ErrorPage(c, 403, "error.csrf");
  }
  if (auto st = app_.auth.LogOut(c.request); !st.ok()) return ErrorPage(c, 500, "error.internal");
  Response r = Redirect("/");
  r.Set("Set-Cookie", app_.auth.ClearCookieHeader());
  return r;
}

Response Pages::EditForm(Context& c, bool create) {
  Request& req = c.request;
  const Lang lang = c.lang;
  if (req.principal.anonymous()) return Redirect("/logg-inn?next=" + PercentEncode(Target(req)));
  json body;
  std::string version = "0";
  std::string action = "/moteplasser/ny";
  std::string cancel = "/moteplasser";
  std::string heading;
  if (create) {
    if (!MayAnywhere(req.principal, Action::kMeetingPlaceCreate)) return ErrorPage(c, 403, "error.forbidden");
    body = {{"profile", {{"level", "municipal"}}}, {"public", true}};
    body["profile"].update(DefaultPlaceOf(*req.principal.user));
    heading = Msg("form.create_title", lang);
  } else {
    auto place = LoadVisible(app_, req);
    if (!place.ok()) return PlaceError(c, place.error());
    if (!app::May(req.principal, Action::kMeetingPlaceUpdate, *place)) return ErrorPage(c, 403, "error.forbidden");
    body = ToJson(*place);
    version = std::to_string(place->version);
    action = "/moteplasser/" + std::to_string(place->id) + "/endre";
    cancel = "/moteplasser/" + std::to_string(place->id);
    heading = Msg("form.edit_title", lang, {{"name", place->name}});
  }
  json view = {{"heading", heading}, {"action", action}, {"cancel_href", cancel}, {"version", version},
               {"csrf_token", req.csrf_token}, {"groups", FormView(body, {}, app_.places, lang)},
               {"submit", Msg(create ? "form.submit_create" : "form.submit_edit", lang)}, {"has_errors", false}};
  return Render(c, 200, "form", view, heading);
}

Response Pages::EditPost(Context& c, bool create) {
  Request& req = c.request;
  const Lang lang = c.lang;
  if (req.principal.anonymous()) return Redirect("/logg-inn?next=" + PercentEncode(req.path));
  if (auto st = app_.auth.RequireLogin(req, FormValue(c.form, "csrf_token")); !st.ok()) {
    return ErrorPage(c, 403, "error.csrf");
  }
  std::optional<MeetingPlace> existing;
  if (!create) {
    auto place = LoadVisible(app_, req);
    if (!place.ok()) return PlaceError(c, place.error());
    existing = *place;
  }
  json body = BodyFromForm(c.form);
  FormOutcome outcome = ValidateForm(body, app_.places, lang);
  const std::int64_t id = existing ? existing->id : 0;
  int status = 400;
  if (outcome.input) {
    Result<MeetingPlace> saved =
        create ? app::CreateMeetingPlace(app_.services, req.principal, *outcome.input)
               : app::UpdateMeetingPlace(app_.services, req.principal, id, *outcome.input, FormVersion(c.form));
    if (saved.ok()) return Redirect("/moteplasser/" + std::to_string(saved->id) + "?lagret=1");
    switch (saved.error().code) {
      case ErrorCode::kForbidden:
      case ErrorCode::kUnauthenticated:
        // Refused before anything was read: a role that may not create or change at all gets
        // the refusal page; one that may, but not there, gets the form back with the reason.
        if (!MayAnywhere(req.principal, create ? Action::kMeetingPlaceCreate : Action::kMeetingPlaceUpdate) ||
            (existing && !app::May(req.principal, Action::kMeetingPlaceUpdate, *existing))) {
          return ErrorPage(c, 403, "error.forbidden");
        }
        outcome.errors.push_back(
            {"/profile/municipality", FieldId("/profile/municipality"), Msg("form.error.not_your_place", lang)});
        status = 403;
        break;
      case ErrorCode::kConflict:
        outcome.errors.push_back({"", "f-profile-name", Msg("form.error.conflict", lang)});
        status = 409;
        break;
      case ErrorCode::kNotFound:
        return PlaceError(c, saved.error());
      default:
        return ErrorPage(c, 500, "error.internal");
    }
  }
  json errors = json::array();
  for (const auto& e : outcome.errors) {
    const std::string label = e.pointer.empty() ? "" : Msg("form.field" + [&] {
      std::string k = e.pointer;
      std::replace(k.begin(), k.end(), '/', '.');
      return k;
    }(), lang);
    std::string text = label.empty() || label.starts_with("[") ? e.message : label + ": " + e.message;
    errors.push_back({{"field_id", e.field_id}, {"message", text}});
  }
  const std::string heading = create ? Msg("form.create_title", lang)
                                     : Msg("form.edit_title", lang, {{"name", existing->name}});
  json view = {{"heading", heading},
               {"action", req.path},
               {"cancel_href", create ? "/moteplasser" : "/moteplasser/" + std::to_string(id)},
               {"version", FormValue(c.form, "version").empty() ? "0" : FormValue(c.form, "version")},
               {"csrf_token", req.csrf_token},
               {"groups", FormView(body, outcome.errors, app_.places, lang)},
               {"submit", Msg(create ? "form.submit_create" : "form.submit_edit", lang)},
               {"errors", errors},
               {"has_errors", true}};
  return Render(c, status, "form", view, Msg("form.error_title_prefix", lang) + " " + heading);
}

Response Pages::DeleteForm(Context& c) {
  Request& req = c.request;
  if (req.principal.anonymous()) return Redirect("/logg-inn?next=" + PercentEncode(req.path));
  auto place = LoadVisible(app_, req);
  if (!place.ok()) return PlaceError(c, place.error());
  if (req.method == "POST") {
    if (auto st = app_.auth.RequireLogin(req, FormValue(c.form, "csrf_token")); !st.ok()) {
      return ErrorPage(c, 403, "error.csrf");
    }
    Status deleted = app::DeleteMeetingPlace(app_.services, req.principal, place->id, FormVersion(c.form));
    if (!deleted.ok()) return ErrorPage(c, StatusOf(deleted.error()), RefusalKey(deleted.error()));
    return Redirect("/moteplasser");
  }
  if (!app::May(req.principal, Action::kMeetingPlaceDelete, *place)) return ErrorPage(c, 403, "error.forbidden");
  const std::string heading = Msg("delete.title", c.lang, {{"name", place->name}});
  return Render(c, 200, "delete",
                {{"heading", heading},
                 {"id", std::to_string(place->id)},
                 {"version", std::to_string(place->version)},
                 {"csrf_token", req.csrf_token}},
                heading);
}

Response Pages::DeletePost(Context& c) { return DeleteForm(c); }

Response Pages::RecordKindPost(Context& c) {
  Request& req = c.request;
  const Lang lang = c.lang;
  if (req.principal.anonymous()) return Redirect("/logg-inn?next=" + PercentEncode(req.path));
  if (auto st = app_.auth.RequireLogin(req, FormValue(c.form, "csrf_token")); !st.ok()) {
    return ErrorPage(c, 403, "error.csrf");
  }
  auto place = LoadVisible(app_, req);
  if (!place.ok()) return PlaceError(c, place.error());
  const std::string kind = FormValue(c.form, "kind");
  std::optional<RecordedKind> recorded;
  if (!kind.empty()) recorded = RecordedKind{kind, FormValue(c.form, "justification"), "", ""};
  auto saved = app::RecordKind(app_.services, req.principal, place->id, recorded, FormVersion(c.form));
  if (!saved.ok()) {
    if (saved.error().code == ErrorCode::kInvalid) {
      const std::string heading = Msg("error.title.400", lang);
      return Render(c, 400, "error", {{"heading", heading}, {"message", Msg("mp.record_invalid", lang)}}, heading);
    }
    return ErrorPage(c, StatusOf(saved.error()), RefusalKey(saved.error()));
  }
  return Redirect("/moteplasser/" + std::to_string(place->id) + "?lagret=1#kind");
}

Response Pages::HistoryPage(Context& c) {
  Request& req = c.request;
  const Lang lang = c.lang;
  if (req.principal.anonymous()) return Redirect("/logg-inn?next=" + PercentEncode(req.path));
  auto id = ParsePositive(req.params["id"]);
  if (!id) return ErrorPage(c, 404, "error.no_meeting_place");
  auto history = app::GetHistory(app_.services, req.principal, *id);
  if (!history.ok()) return ErrorPage(c, StatusOf(history.error()), RefusalKey(history.error()));
  auto show = [](const json& v) {
    if (v.is_null()) return std::string("–");
    std::string s = v.is_string() ? v.get<std::string>() : v.dump();
    if (s.size() > 200) s = s.substr(0, 200) + " …";
    return s;
  };
  json entries = json::array();
  for (const auto& h : history->entries) {
    json changes = json::array();
    for (const auto& ch : h.changes) {
      changes.push_back({{"pointer", ch.pointer}, {"before", show(ch.before)}, {"after", show(ch.after)}});
    }
    entries.push_back({{"at", h.at},
                       {"by", history->show_authors ? h.by : "–"},
                       {"action", Msg("history.action." + h.action, lang)},
                       {"changes", changes}});
  }
  const MeetingPlace& place = history->place;
  const std::string heading = Msg("history.title", lang, {{"name", place.name}});
  return Render(c, 200, "history",
                {{"heading", heading}, {"id", std::to_string(place.id)}, {"name", place.name}, {"entries", entries}},
                heading);
}

Response Pages::TextPage(Context& c, const std::string& which) {
  const Lang lang = c.lang;
  // Sections are catalogue keys: <which>.sN.title, <which>.sN.pM, <which>.sN.iM (list items).
  json sections = json::array();
  for (int s = 1; s <= 12; ++s) {
    const std::string base = which + ".s" + std::to_string(s);
    const std::string title = Msg(base + ".title", lang);
    if (title.starts_with("[")) break;
    json section = {{"title", title}};
    json paragraphs = json::array();
    for (int p = 1; p <= 12; ++p) {
      const std::string text = Msg(base + ".p" + std::to_string(p), lang);
      if (text.starts_with("[")) break;
      paragraphs.push_back(text);
    }
    json items = json::array();
    for (int i = 1; i <= 20; ++i) {
      const std::string text = Msg(base + ".i" + std::to_string(i), lang);
      if (text.starts_with("[")) break;
      items.push_back(text);
    }
    const std::string anchor = Msg(base + ".anchor", lang);
    if (!anchor.starts_with("[")) section["anchor"] = anchor;
    section["paragraphs"] = paragraphs;
    section["items"] = items;
    section["has_items"] = !items.empty();
    sections.push_back(section);
  }
  const std::string heading = Msg(which + ".title", lang);
  json view = {{"heading", heading}, {"sections", sections}};
  if (which == "about") view["nav_about"] = true;
  return Render(c, 200, "text", view, heading);
}

// Search engines may read the indexable pages (RouteInfo::indexable), not the forms or the API.
Response Pages::Robots(Request&) const {
  std::string body = "User-agent: *\n";
  std::set<std::string> disallowed;
  for (const Router::Route& route : router_->Routes()) {
    if (route.method != "GET" || route.info.indexable || route.pattern.starts_with("/api/")) continue;
    std::string path;
    for (const std::string& segment : route.segments) {
      path += "/" + (segment.starts_with("{") ? std::string("*") : segment);
    }
    if (disallowed.insert(path).second) body += "Disallow: " + path + "\n";
  }
  body += "Disallow: /api/\nSitemap: " + app_.public_url + "/sitemap.xml\n";
  Response r;
  r.body = std::move(body);
  r.Set("Content-Type", "text/plain; charset=utf-8");
  r.Set("Cache-Control", "public, max-age=3600");
  return r;
}

// Every public page worth finding: the front page, the directory, each published meeting place
// (with the date it last changed), and each municipality and county that has one, so that
// someone searching the web for "innvandrerråd" and her town finds it.
Response Pages::Sitemap(Request&) {
  json urls = json::array();
  for (const Router::Route& route : router_->Routes()) {
    if (route.method != "GET" || !route.info.indexable) continue;
    std::vector<SitemapEntry> entries;
    if (route.info.sitemap) {
      entries = route.info.sitemap();
    } else if (route.pattern.find('{') == std::string::npos) {
      entries.push_back({route.pattern, ""});
    }
    for (const SitemapEntry& e : entries) {
      json url = {{"loc", app_.public_url + e.path}};
      if (!e.lastmod.empty()) url["lastmod"] = e.lastmod.substr(0, 10);
      urls.push_back(url);
    }
  }
  Response r;
  r.body = RenderTemplate("sitemap", {{"urls", urls}});
  r.Set("Content-Type", "application/xml; charset=utf-8");
  r.Set("Cache-Control", "public, max-age=3600");
  return r;
}

std::vector<SitemapEntry> Pages::PublishedPlaces(const char* what) {
  std::vector<SitemapEntry> entries;
  auto all = app_.store.meeting_places().All();
  if (!all.ok()) return entries;
  std::set<std::string> seen;
  for (const MeetingPlace& p : *all) {
    if (!app::CanSee(Principal{}, p)) continue;  // what the public may see
    if (std::string_view(what) == "meeting_place") {
      entries.push_back({"/moteplasser/" + std::to_string(p.id), p.updated_at});
    } else if (std::string_view(what) == "municipality") {
      if (!p.municipality.empty() && seen.insert(p.municipality).second) entries.push_back({"/kommuner/" + p.municipality, ""});
    } else if (!p.county.empty() && seen.insert(p.county).second) {
      entries.push_back({"/fylker/" + p.county, ""});
    }
  }
  return entries;
}

void Pages::AddRoutes(Router& router) {
  router_ = &router;
  auto page = [this](std::function<Response(Context&)> build) {
    return [this, build](Request& r) {
      if (r.route != nullptr && r.route->cacheable) return Cached(r, build);
      Context c = Begin(r);
      return build(c);
    };
  };
  // Lists of meeting places change with every write to one; a meeting place's page with writes
  // to it; the text pages only with a new program.
  auto info = [](bool cacheable, bool indexable, std::string tag) {
    RouteInfo i;
    i.cacheable = cacheable;
    i.indexable = indexable;
    i.cache_tag = std::move(tag);
    return i;
  };
  const RouteInfo listing = info(true, true, app::kMeetingPlacesTag);
  const RouteInfo text = info(true, true, "site");
  const RouteInfo form;
  auto listed = [this, &info](const char* what, std::string tag) {
    RouteInfo i = info(true, true, std::move(tag));
    i.sitemap = [this, what] { return PublishedPlaces(what); };
    return i;
  };
  const RouteInfo one_place = listed("meeting_place", "meeting_place:{id}");
  // Indexable, but not pages to list in the sitemap.
  RouteInfo unlisted = info(false, true, "");
  unlisted.sitemap = [] { return std::vector<SitemapEntry>{}; };

  router.Add("GET", "/robots.txt", [this](Request& r) { return Robots(r); }, unlisted);
  router.Add("GET", "/sitemap.xml", [this](Request& r) { return Sitemap(r); }, unlisted);
  router.Add("GET", "/", page([this](Context& c) { return Front(c); }), listing);
  router.Add("GET", "/moteplasser", page([this](Context& c) {
               c.view["nav_directory"] = true;
               return Directory(c);
             }), listing);
  router.Add("GET", "/moteplasser/ny", page([this](Context& c) { return EditForm(c, true); }), form);
  router.Add("POST", "/moteplasser/ny", page([this](Context& c) { return EditPost(c, true); }), form);
  router.Add("GET", "/moteplasser/{id}", page([this](Context& c) { return MeetingPlacePage(c); }), one_place);
  router.Add("GET", "/moteplasser/{id}/endre", page([this](Context& c) { return EditForm(c, false); }), form);
  router.Add("POST", "/moteplasser/{id}/endre", page([this](Context& c) { return EditPost(c, false); }), form);
  router.Add("GET", "/moteplasser/{id}/slett", page([this](Context& c) { return DeleteForm(c); }), form);
  router.Add("POST", "/moteplasser/{id}/slett", page([this](Context& c) { return DeletePost(c); }), form);
  router.Add("POST", "/moteplasser/{id}/type", page([this](Context& c) { return RecordKindPost(c); }), form);
  router.Add("GET", "/moteplasser/{id}/historikk", page([this](Context& c) { return HistoryPage(c); }), form);
  router.Add("GET", "/kommuner/{number}", page([this](Context& c) { return PlacePage(c, false); }), listed("municipality", app::kMeetingPlacesTag));
  router.Add("GET", "/fylker/{number}", page([this](Context& c) { return PlacePage(c, true); }), listed("county", app::kMeetingPlacesTag));
  router.Add("GET", "/logg-inn", page([this](Context& c) { return LoginForm(c, 200, {}, ""); }), form);
  router.Add("POST", "/logg-inn", page([this](Context& c) { return LoginPost(c); }), form);
  router.Add("POST", "/logg-ut", page([this](Context& c) { return LogoutPost(c); }), form);
  router.Add("GET", "/om-dataene", page([this](Context& c) { return TextPage(c, "about"); }), text);
  router.Add("GET", "/tilgjengelighet", page([this](Context& c) { return TextPage(c, "accessibility"); }), text);
  router.Add("GET", "/static/{file}", [this](Request& r) {
    if (auto asset = assets_.Serve(r)) return *asset;
    return NotFound(r);
  }, unlisted);
}

}  // namespace moteplass::http
