// The pages of mapping studies a regional adviser uses in the browser (issue 9): the list of the
// studies the reader may see (/studier), a study's overview (/studier/{id}: its meeting places
// with informants per side and interviews done and missing, its informants with their consent),
// the form that sets a study up or changes it (leads), and the form that adds an informant
// (leads; the pseudonym is the server's, the identity is sealed through the use case and never
// shown on a page). Every write goes through the API's use cases, so the pages refuse and audit
// exactly as the API does; every form carries the session's CSRF token and works without
// JavaScript. The interview form is interview_page.cc, the matrix matrix_page.cc.
#include <algorithm>
#include <map>
#include <set>

#include "app/studies/guides.h"
#include "app/studies/interviews.h"
#include "core/access/access.h"
#include "core/local_time.h"
#include "core/places/places.h"
#include "core/studies/study.h"
#include "http/api_kit.h"
#include "http/studies/module.h"
#include "http/studies/page_common.h"
#include "http/studies/paths.h"

namespace moteplass::http::studies {
namespace {

using nlohmann::json;

std::string Join(const json& list, const std::string& sep = ", ") {
  std::string out;
  for (const json& v : list) {
    if (!out.empty()) out += sep;
    out += v.is_string() ? v.get<std::string>() : v.dump();
  }
  return out;
}

std::vector<std::string> Split(const std::string& text) {
  std::vector<std::string> out;
  std::string cur;
  for (char ch : text) {
    if (ch == ',' || ch == ';' || ch == ' ' || ch == '\n' || ch == '\r' || ch == '\t') {
      if (!cur.empty()) out.push_back(cur);
      cur.clear();
    } else {
      cur += ch;
    }
  }
  if (!cur.empty()) out.push_back(cur);
  return out;
}

std::string ShownDate(const json& date, Lang lang) {
  return date.is_string() ? DateOnly(date.get<std::string>(), lang) : Msg("study_pages.none", lang);
}

// ---- The list -----------------------------------------------------------------------------------

Response ListPage(Pages& pages, PageContext& c) {
  if (c.request.principal.anonymous()) return LoginRedirect(StudiesPath());
  auto list = app::ListStudies(pages.app().services, c.request.principal);
  if (!list.ok()) return RefusedPage(pages, c, std::nullopt, list.error());
  json rows = json::array();
  for (const StudyRecord& s : *list) {
    rows.push_back({{"name", s.data["name"]},
                    {"href", StudyPath(s.id)},
                    {"starts", ShownDate(s.data["starts"], c.lang)},
                    {"ends", ShownDate(s.data["ends"], c.lang)},
                    {"places", s.data["meeting_places"].size()}});
  }
  const RecordLocation nowhere;
  json view = {{"studies", rows},
               {"has_studies", !rows.empty()},
               {"may_create", Decide(c.request.principal, Action::kStudyCreate, nowhere).allowed},
               {"new_href", NewStudyPath()},
               {"nav_studies", true}};
  return pages.Render(c, 200, "studies/list", view, Msg("study_pages.list.title", c.lang));
}

// ---- The overview -------------------------------------------------------------------------------

std::string ConsentText(const json& informant, Lang lang) {
  const json& consent = informant["consent"];
  if (!consent.is_object()) return Msg("study_pages.none", lang);
  std::string text = Label("consent", consent.value("form", ""), lang) + ", " +
                     ShownDate(consent.value("date", json()), lang);
  if (informant.value("minor", false)) {
    text += ". " + Msg(consent.value("guardian_informed", json()) == json(true) ? "study_pages.consent.guardian_yes"
                                                                                : "study_pages.consent.guardian_no",
                       lang);
  }
  return text;
}

Response OverviewPage(Pages& pages, PageContext& c) {
  std::optional<Response> refused;
  auto access = LoadStudy(pages, c, refused);
  if (!access.ok()) return RefusedPage(pages, c, refused, access.error());
  app::Services& s = pages.app().services;
  const StudyRecord& study = access->study;
  const Principal& who = c.request.principal;
  auto informants = app::ListInformants(s, who, study.id);
  auto interviews = app::ListInterviews(s, who, study.id);
  if (!informants.ok()) return RefusedPage(pages, c, std::nullopt, informants.error());
  if (!interviews.ok()) return RefusedPage(pages, c, std::nullopt, interviews.error());
  const bool may_interview = Decide(who, Action::kStudyInterview, access->where).allowed;
  const bool may_manage = Decide(who, Action::kStudyManage, access->where).allowed;
  const bool may_identities = Decide(who, Action::kStudyIdentity, access->where).allowed;

  // Interviews per informant, and the informants interviewed per meeting place.
  std::map<std::int64_t, std::vector<const StudyRecord*>> by_informant;
  std::map<std::int64_t, std::set<std::int64_t>> done_at;
  for (const StudyRecord& v : *interviews) {
    const std::int64_t i = v.data.value("informant", std::int64_t{0});
    by_informant[i].push_back(&v);
    if (v.data["meeting_place"].is_number_integer()) done_at[v.data["meeting_place"].get<std::int64_t>()].insert(i);
  }
  std::map<std::int64_t, std::string> names;
  for (const json& mid : study.data["meeting_places"])
    names[mid.get<std::int64_t>()] = PlaceName(pages, mid.get<std::int64_t>());

  json places = json::array();
  for (const json& mid_json : study.data["meeting_places"]) {
    const std::int64_t mid = mid_json.get<std::int64_t>();
    std::map<std::string, int> sides;
    std::map<std::string, int> sides_done;
    int missing = 0;
    int total = 0;
    for (const StudyRecord& i : *informants) {
      if (i.withdrawn || i.data["meeting_place"] != mid_json) continue;
      ++total;
      const std::string side = i.data.value("side", "other");
      ++sides[side];
      if (done_at[mid].count(i.id)) {
        ++sides_done[side];
      } else {
        ++missing;
      }
    }
    // Per side: how many informants, and how many of them are interviewed.
    auto side_cell = [&](const std::string& side) {
      return Msg("study_pages.overview.side_cell", c.lang,
                 {{"n", std::to_string(sides[side])}, {"done", std::to_string(sides_done[side])}});
    };
    places.push_back({{"name", names[mid]},
                      {"matrix_href", StudyMatrixPath(study.id, mid)},
                      {"immigrant_population", side_cell("immigrant_population")},
                      {"authority", side_cell("authority")},
                      {"other", side_cell("other")},
                      {"informants", total},
                      {"done", done_at[mid].size()},
                      {"missing", missing},
                      {"has_missing", missing > 0}});
  }

  json rows = json::array();
  int withdrawn = 0;
  for (const StudyRecord& i : *informants) {
    if (i.withdrawn) {
      ++withdrawn;
      rows.push_back({{"pseudonym", i.data["pseudonym"]},
                      {"withdrawn", Msg("study_pages.informant.withdrawn", c.lang,
                                        {{"date", ShownDate(i.data["withdrawn"], c.lang)}})}});
      continue;
    }
    json ivs = json::array();
    for (const StudyRecord* v : by_informant[i.id]) {
      ivs.push_back({{"href", InterviewPath(study.id, v->id)},
                     {"label", Msg("study_pages.overview.interview_link", c.lang,
                                   {{"date", DateOnly(v->created_at, c.lang)},
                                    {"answers", std::to_string(v->data["answers"].size())}})}});
    }
    const json& mp = i.data["meeting_place"];
    rows.push_back({{"pseudonym", i.data["pseudonym"]},
                    {"side", Label("side", i.data.value("side", ""), c.lang)},
                    {"role", Label("role", i.data.value("role", ""), c.lang)},
                    {"place", mp.is_number_integer() ? names[mp.get<std::int64_t>()] : Msg("study_pages.none", c.lang)},
                    {"consent", ConsentText(i.data, c.lang)},
                    {"interviews", ivs},
                    {"no_interview", ivs.empty()},
                    {"may_interview", may_interview},
                    {"informant_href", may_manage ? json(InformantPath(study.id, i.id)) : json()},
                    {"new_interview_href", NewInterviewPath(study.id) + "?informant=" + std::to_string(i.id)}});
  }

  json guides = json::array();
  for (const json& g : study.data["guides"]) {
    auto guide = app::GetGuide(s, g.get<std::string>(), 0);
    guides.push_back(guide.ok() ? InLang(guide->document["title"], c.lang) : g.get<std::string>());
  }
  json municipalities = json::array();
  for (const json& m : study.data["municipalities"]) {
    const Municipality* found = FindMunicipality(pages.app().places, m.get<std::string>());
    municipalities.push_back(found ? found->name + " (" + found->number + ")" : m.get<std::string>());
  }
  std::string region = Msg("study_pages.none", c.lang);
  if (study.data["region"].is_string()) {
    const Region* r = FindRegion(pages.app().places, study.data["region"].get<std::string>());
    region = r ? r->name : study.data["region"].get<std::string>();
  }
  json view = {{"study",
                {{"name", study.data["name"]},
                 {"description", study.data["description"]},
                 {"region", region},
                 {"municipalities", Join(municipalities)},
                 {"guides", Join(guides)},
                 {"starts", ShownDate(study.data["starts"], c.lang)},
                 {"ends", ShownDate(study.data["ends"], c.lang)},
                 {"leads", Join(study.data["leads"])},
                 {"interviewers", Join(study.data["interviewers"])},
                 {"analysts", Join(study.data["analysts"])},
                 {"identities_delete_after", ShownDate(study.data["identities_delete_after"], c.lang)}}},
               {"places", places},
               {"has_places", !places.empty()},
               {"informants", rows},
               {"has_informants", !rows.empty()},
               {"withdrawn_count", withdrawn},
               {"may_manage", may_manage},
               {"may_interview", may_interview},
               {"may_identities", may_identities},
               {"edit_href", EditStudyPath(study.id)},
               {"new_informant_href", NewInformantPath(study.id)},
               {"found_place_href", FoundPlacePath(study.id)},
               {"new_interview_href", NewInterviewPath(study.id)},
               {"list_href", StudiesPath()}};
  // The exports: pseudonymous for everyone the study names, with names for its leads.
  for (const bool named : {false, true}) {
    if (named && !may_identities) continue;
    json links = json::array();
    for (const char* format : {"csv", "xlsx", "qdpx"}) {
      links.push_back({{"href", StudyExportPath(study.id, format, named)},
                       {"label", Msg(std::string("study_pages.export.") + format + (named ? "_named" : ""), c.lang)}});
    }
    view[named ? "named_exports" : "exports"] = links;
  }
  if (auto added = c.request.Query("lagt_til"); added && !added->empty() && added->size() < 16) {
    view["notice"] = Msg("study_pages.informant.added", c.lang, {{"pseudonym", *added}});
  }
  if (c.request.Query("lagret")) view["notice"] = Msg("study_pages.form.saved", c.lang);
  if (auto gone = c.request.Query("trukket"); gone && !gone->empty() && gone->size() < 16) {
    view["notice"] = Msg("study_pages.withdraw.done", c.lang, {{"pseudonym", *gone}});
  }
  if (c.request.Query("slettet")) view["notice"] = Msg("study_pages.delete_interview.done", c.lang);
  Response r = pages.Render(c, 200, "studies/overview", view, study.data["name"].get<std::string>());
  r.Set("Cache-Control", "private, no-store");
  return r;
}

// ---- The study's form (set up, change) ---------------------------------------------------------

constexpr const char* kStudyTexts[] = {"name",         "description", "municipalities", "leads",
                                       "interviewers", "analysts",    "region"};
constexpr const char* kStudyDates[] = {"starts", "ends", "identities_delete_after"};

// The values as typed (strings; meeting_places and guides as lists of strings).
json StudyValues(const PageContext& c) {
  json v = json::object();
  for (const char* f : kStudyTexts) v[f] = FormValue(c.form, f);
  for (const char* f : kStudyDates) v[f] = FormValue(c.form, f);
  v["meeting_places"] = json::array();
  v["guides"] = json::array();
  for (const auto& [k, value] : c.form) {
    if (k == "meeting_places" || k == "guides") v[k].push_back(value);
  }
  return v;
}

json StudyValuesOf(const json& data, Lang lang) {
  json v = json::object();
  v["name"] = data["name"];
  v["description"] = data["description"].is_string() ? data["description"] : json("");
  v["region"] = data["region"].is_string() ? data["region"] : json("");
  v["municipalities"] = Join(data["municipalities"], " ");
  for (const char* f : {"leads", "interviewers", "analysts"}) v[f] = Join(data[f], " ");
  for (const char* f : kStudyDates) v[f] = data[f].is_string() ? DateOnly(data[f].get<std::string>(), lang) : "";
  v["meeting_places"] = json::array();
  for (const json& m : data["meeting_places"]) v["meeting_places"].push_back(std::to_string(m.get<std::int64_t>()));
  v["guides"] = data["guides"];
  return v;
}

json StudyBody(const json& v, std::vector<FieldError>& errors, Lang lang) {
  json body = {{"name", v["name"]}};
  body["description"] = v["description"].get<std::string>().empty() ? json() : v["description"];
  body["region"] = v["region"].get<std::string>().empty() ? json() : v["region"];
  for (const char* f : {"municipalities", "leads", "interviewers", "analysts"}) {
    body[f] = json::array();
    for (const std::string& item : Split(v[f])) body[f].push_back(item);
  }
  body["meeting_places"] = json::array();
  for (const json& m : v["meeting_places"]) {
    if (auto id = ParseId(m.get<std::string>())) body["meeting_places"].push_back(*id);
  }
  body["guides"] = v["guides"];
  for (const char* f : kStudyDates) {
    const std::string typed = v[f];
    if (typed.empty()) {
      body[f] = nullptr;
      continue;
    }
    auto date = ParseTypedDate(typed);
    if (!date) {
      errors.push_back({std::string("s-") + f, Msg("study_pages.error.date", lang)});
      body[f] = nullptr;
    } else {
      body[f] = *date;
    }
  }
  return body;
}

// The meeting places offered: those of the study's municipalities, and those already chosen.
json PlaceChoices(Pages& pages, const json& v) {
  std::map<std::int64_t, std::string> offered;
  for (const std::string& m : Split(v["municipalities"])) {
    if (!FindMunicipality(pages.app().places, m)) continue;
    MeetingPlaceQuery q;
    q.municipality = m;
    q.with_classification = false;
    q.per_page = 1000;
    auto list = pages.app().services.store.meeting_places().List(q);
    if (!list.ok()) continue;
    for (const MeetingPlace& p : list->items) offered[p.id] = p.name;
  }
  std::set<std::string> chosen;
  for (const json& m : v["meeting_places"]) {
    chosen.insert(m.get<std::string>());
    if (auto id = ParseId(m.get<std::string>()); id && !offered.count(*id)) offered[*id] = PlaceName(pages, *id);
  }
  json out = json::array();
  for (const auto& [id, name] : offered) {
    out.push_back({{"value", std::to_string(id)}, {"label", name}, {"checked", chosen.count(std::to_string(id)) > 0}});
  }
  std::sort(out.begin(), out.end(), [](const json& a, const json& b) { return a["label"] < b["label"]; });
  return out;
}

Response StudyForm(Pages& pages, PageContext& c, int status, const std::optional<app::StudyAccess>& access, json values,
                   std::int64_t version, const std::vector<FieldError>& errors) {
  const Lang lang = c.lang;
  json view = {{"v", values}};
  view["csrf_token"] = c.request.csrf_token;
  view["version"] = version;
  view["action"] = access ? EditStudyPath(access->study.id) : NewStudyPath();
  view["back_href"] = access ? StudyPath(access->study.id) : StudiesPath();
  json regions = json::array({{{"value", ""}, {"label", Msg("study_pages.none", lang)}, {"selected", false}}});
  for (const Region& r : pages.app().places.regions) {
    regions.push_back({{"value", r.id}, {"label", r.name}, {"selected", values["region"] == r.id}});
  }
  view["regions"] = regions;
  json guides = json::array();
  auto all = app::ListGuides(pages.app().services);
  if (all.ok()) {
    for (const GuideVersion& g : *all) {
      const bool checked = std::find(values["guides"].begin(), values["guides"].end(), json(g.guide)) !=
                           values["guides"].end();
      guides.push_back({{"value", g.guide}, {"label", InLang(g.document["title"], lang)}, {"checked", checked}});
    }
  }
  view["guides"] = guides;
  view["places"] = PlaceChoices(pages, values);
  view["has_places"] = !view["places"].empty();
  AddFieldErrors(view, errors);
  const std::string title = access ? Msg("study_pages.form.edit_title", lang) : Msg("study_pages.form.new_title", lang);
  view["heading"] = title;
  Response r = pages.Render(c, status, "studies/study_form", view, title);
  r.Set("Cache-Control", "no-store");
  return r;
}

// The field of the form an error of the use case names ("/municipalities/2" -> s-municipalities).
FieldError ExplainStudyError(const Error& e, Lang lang) {
  std::string field = e.pointer.size() > 1 ? e.pointer.substr(1) : "name";
  field = field.substr(0, field.find('/'));
  static const std::set<std::string> kKnown = {"name",     "description",    "region", "municipalities",
                                               "starts",   "ends",           "leads",  "interviewers",
                                               "analysts", "meeting_places", "guides", "identities_delete_after"};
  if (!kKnown.count(field)) field = "name";
  return {"s-" + field, Msg("study_pages.error.study." + field, lang)};
}

Response NewStudyGet(Pages& pages, PageContext& c) {
  if (c.request.principal.anonymous()) return LoginRedirect(NewStudyPath());
  if (!Decide(c.request.principal, Action::kStudyCreate, RecordLocation{}).allowed) {
    return pages.ErrorPage(c, 403, "study_pages.error.forbidden");
  }
  json v = {{"name", ""},
            {"description", ""},
            {"region", ""},
            {"municipalities", ""},
            {"leads", ""},
            {"interviewers", ""},
            {"analysts", ""},
            {"starts", ""},
            {"ends", ""},
            {"identities_delete_after", ""},
            {"meeting_places", json::array()},
            {"guides", json::array({"participant-2007"})}};
  v["leads"] = c.request.principal.user->username;
  // A new study starts in the lead's own region, as the access table reads their scope (none for
  // national users and admins).
  v["region"] = ScopeLocation(*c.request.principal.user).region;
  return StudyForm(pages, c, 200, std::nullopt, v, 0, {});
}

Response SaveStudy(Pages& pages, PageContext& c, bool create) {
  if (auto bad = CheckCsrf(pages, c)) return *bad;
  std::optional<app::StudyAccess> access;
  if (!create) {
    std::optional<Response> refused;
    auto a = LoadStudy(pages, c, refused);
    if (!a.ok()) return RefusedPage(pages, c, refused, a.error());
    access = *a;
  } else if (c.request.principal.anonymous()) {
    return LoginRedirect(NewStudyPath());
  }
  const json values = StudyValues(c);
  std::vector<FieldError> errors;
  const json body = StudyBody(values, errors, c.lang);
  const std::int64_t version = FormVersion(c.form);
  if (!errors.empty()) return StudyForm(pages, c, 400, access, values, version, errors);
  app::Services& s = pages.app().services;
  auto saved = create ? app::CreateStudy(s, c.request.principal, body)
                      : app::UpdateStudy(s, c.request.principal, access->study.id, body, version);
  if (!saved.ok()) {
    const Error& e = saved.error();
    if (e.code == ErrorCode::kInvalid) {
      return StudyForm(pages, c, 400, access, values, version, {ExplainStudyError(e, c.lang)});
    }
    if (e.code == ErrorCode::kConflict && access) {
      // What was typed stays; the form is now based on the newer version.
      auto now = app::StudyFor(s, c.request.principal, access->study.id);
      const std::int64_t newer = now.ok() ? now->study.version : version;
      return StudyForm(pages, c, 409, access, values, newer, {{"s-name", Msg("study_pages.error.conflict", c.lang)}});
    }
    return RefusedPage(pages, c, std::nullopt, e);
  }
  return Redirect(StudyPath(saved->id) + "?lagret=1");
}

Response EditStudyGet(Pages& pages, PageContext& c) {
  std::optional<Response> refused;
  auto access = LoadStudy(pages, c, refused);
  if (!access.ok()) return RefusedPage(pages, c, refused, access.error());
  if (!Decide(c.request.principal, Action::kStudyManage, access->where).allowed) {
    return pages.ErrorPage(c, 403, "study_pages.error.forbidden");
  }
  return StudyForm(pages, c, 200, *access, StudyValuesOf(access->study.data, c.lang), access->study.version, {});
}

}  // namespace

void AddPageRoutes(ModuleContext& m) {
  Pages& pages = m.pages;
  const RouteInfo page;  // not cached, not indexed
  auto add = [&](const char* method, const std::string& path, Response (*f)(Pages&, PageContext&)) {
    m.router.Add(method, path, pages.Page([&pages, f](PageContext& c) { return f(pages, c); }), page);
  };
  add("GET", StudiesPath(), ListPage);
  add("GET", NewStudyPath(), NewStudyGet);
  add("POST", NewStudyPath(), [](Pages& p, PageContext& c) { return SaveStudy(p, c, true); });
  add("GET", StudyPath("{id}"), OverviewPage);
  add("GET", EditStudyPath("{id}"), EditStudyGet);
  add("POST", EditStudyPath("{id}"), [](Pages& p, PageContext& c) { return SaveStudy(p, c, false); });
  AddInterviewPageRoutes(m);
  AddMatrixPageRoutes(m);
  AddCodingPageRoutes(m);
  AddProposalPageRoutes(m);
  AddInformantPageRoutes(m);
  AddErasePageRoutes(m);
}

}  // namespace moteplass::http::studies
