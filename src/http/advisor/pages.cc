// The advisor's page, /veileder: a form sent with GET (the answers stay in the address, so a
// result can be shared and printed), and the advice below it: the ranking with the report's
// reasons and their sources, the risks, examples linked to their pages, what to add beside it,
// and the checklist. Works without JavaScript; templates/advisor/advisor.mustache.
#include <algorithm>
#include <cmath>
#include <map>
#include <regex>

#include "app/advisor/advice.h"
#include "app/register/meeting_places.h"
#include "core/norwegian.h"
#include "core/typology/typology.h"
#include "http/advisor/module.h"
#include "http/advisor/paths.h"
#include "http/register/paths.h"

namespace moteplass::http::advisor {
namespace {

using nlohmann::json;
namespace core = moteplass::advisor;

// The fields of the form, in the order of the form: their names are the situation's.
constexpr const char* kFieldOrder[] = {"municipality",
                                       "immigrant_population",
                                       "immigrant_organisations",
                                       "immigration",
                                       "political_will",
                                       "need",
                                       "themes",
                                       "youth",
                                       "existing"};

std::vector<std::string> QueryAll(const Request& req, const std::string& name) {
  std::vector<std::string> out;
  for (const auto& [k, v] : req.query) {
    if (k == name && !v.empty()) out.push_back(v);
  }
  return out;
}

// A whole number as JSON when it is written as one, else the text (which the advisor refuses,
// naming the field).
json NumberOrText(const std::string& text) {
  static const std::regex digits("^[0-9]{1,12}$");
  if (std::regex_match(text, digits)) return json(std::stoll(text));
  return json(text);
}

// The ids of `existing`: the boxes ticked and what was typed (separated by commas or spaces),
// each once, in order.
std::vector<std::string> ExistingTokens(const Request& req) {
  std::vector<std::string> out;
  for (const auto& value : QueryAll(req, "existing")) {
    std::string token;
    for (char ch : value + ",") {
      if (ch == ',' || ch == ' ') {
        if (!token.empty() && std::find(out.begin(), out.end(), token) == out.end()) out.push_back(token);
        token.clear();
      } else {
        token += ch;
      }
    }
  }
  return out;
}

// The situation the answers in the address describe (names as in advisor.md).
json SituationOf(const Request& req) {
  json s = json::object();
  auto one = [&](const char* name) { return req.Query(name).value_or(""); };
  s["municipality"] = one("municipality");
  if (!one("immigrant_population").empty()) s["immigrant_population"] = NumberOrText(one("immigrant_population"));
  if (!one("immigrant_organisations").empty()) {
    s["immigrant_organisations"] = NumberOrText(one("immigrant_organisations"));
  }
  if (auto v = QueryAll(req, "immigration"); !v.empty()) s["immigration"] = v;
  if (!one("political_will").empty()) s["political_will"] = one("political_will");
  if (!one("need").empty()) s["need"] = one("need");
  if (auto v = QueryAll(req, "themes"); !v.empty()) s["themes"] = v;
  if (!one("youth").empty()) s["youth"] = one("youth") == "true";
  if (auto ids = ExistingTokens(req); !ids.empty()) {
    json list = json::array();
    for (const auto& id : ids) list.push_back(NumberOrText(id));
    s["existing"] = list;
  }
  return s;
}

json Options(std::initializer_list<std::string_view> values, const std::string& prefix,
             const std::vector<std::string>& chosen, Lang lang, const std::string& name) {
  json out = json::array();
  for (auto v : values) {
    const std::string value(v);
    // The themes' texts are written to sit inside a sentence; as a choice they start with a capital.
    std::string label = Msg(prefix + (value.empty() ? "none" : value), lang);
    if (!label.empty() && label[0] >= 'a' && label[0] <= 'z') label[0] = static_cast<char>(label[0] - 'a' + 'A');
    out.push_back({{"value", value},
                   {"id", "a-" + name + "-" + (value.empty() ? "none" : value)},
                   {"label", label},
                   {"checked", std::find(chosen.begin(), chosen.end(), value) != chosen.end()}});
  }
  return out;
}

json FormView(const Request& req, AppContext& app, Lang lang) {
  const Places& places = app.places;
  json v;
  const std::string chosen = req.Query("municipality").value_or("");
  static const auto sorted = [&places] {
    std::vector<std::pair<std::string, const Municipality*>> out;
    for (const auto& m : places.municipalities) out.emplace_back(NorwegianSortKey(m.name), &m);
    std::sort(out.begin(), out.end());
    return out;
  }();
  json municipalities = json::array();
  for (const auto& [key, m] : sorted) {
    municipalities.push_back({{"value", m->number}, {"label", m->name}, {"selected", m->number == chosen}});
  }
  v["municipalities"] = municipalities;
  v["immigrant_population"] = req.Query("immigrant_population").value_or("");
  v["immigrant_organisations"] = req.Query("immigrant_organisations").value_or("");
  // The published meeting places of the chosen municipality, to tick; other ids can be typed.
  std::vector<std::string> typed = ExistingTokens(req);
  json here = json::array();
  if (FindMunicipality(places, chosen) != nullptr) {
    MeetingPlaceQuery q;
    q.municipality = chosen;
    q.per_page = 100;
    if (auto page = app.store.meeting_places().List(q); page.ok()) {
      for (const auto& p : page->items) {
        const std::string id = std::to_string(p.id);
        const auto at = std::find(typed.begin(), typed.end(), id);
        here.push_back({{"id", "a-existing-" + id},
                        {"value", id},
                        {"label", p.name + " (" + KindLabel(p.kind, lang) + ")"},
                        {"checked", at != typed.end()}});
        if (at != typed.end()) typed.erase(at);
      }
    }
  }
  v["places_here"] = here;
  v["has_places_here"] = !here.empty();
  std::string rest;
  for (const auto& t : typed) rest += (rest.empty() ? "" : ", ") + t;
  v["existing"] = rest;
  v["youth"] = req.Query("youth").value_or("") == "true";
  const std::string will = req.Query("political_will").value_or("unknown");
  const std::string need = req.Query("need").value_or("");
  v["immigration"] = Options({"labour", "refugees", "family", "asylum_centre", "students"}, "advisor.page.immigration.",
                             QueryAll(req, "immigration"), lang, "immigration");
  v["political_will"] = Options({"strong", "some", "weak", "unknown"}, "advisor.page.will.",
                                {will.empty() ? "unknown" : will}, lang, "political_will");
  v["need"] = Options({"influence", "dialogue", "both", ""}, "advisor.page.need.", {need}, lang, "need");
  v["themes"] = Options({"racism", "interfaith", "youth", "family", "work", "police", "health", "schools"},
                        "advisor.theme.", QueryAll(req, "themes"), lang, "themes");
  return v;
}

// The field a pointer names ("/existing/2" -> "existing") and the form control to link to.
std::string FieldOf(const std::string& pointer) {
  const std::string first = pointer.substr(
      1, pointer.find('/', 1) == std::string::npos ? std::string::npos : pointer.find('/', 1) - 1);
  for (const char* f : kFieldOrder) {
    if (first == f) return f;
  }
  return "municipality";
}

// Every field of the answers that is wrong, in the form's order, each checked on its own (the
// advisor stops at the first), so that the page can list them all at once.
std::vector<std::string> WrongFields(const json& body, const Places& places) {
  std::vector<std::string> out;
  for (const char* field : kFieldOrder) {
    if (!body.contains(field)) continue;
    json one = {{"municipality", std::string(field) == "municipality" ? body[field] : json("0301")}};
    one[field] = body[field];
    if (!core::ParseSituation(one, places).ok()) out.emplace_back(field);
  }
  return out;
}

// The control an error links to: the field's input, or the first choice of a group.
std::string ControlId(const std::string& field) {
  if (field == "immigration") return "a-immigration-labour";
  if (field == "themes") return "a-themes-racism";
  if (field == "political_will") return "a-political_will-strong";
  if (field == "need") return "a-need-influence";
  if (field == "youth") return "a-youth";
  return "a-" + field;
}

// `origin` is the site's public address, for the printed links.
json ResultView(const core::Advice& advice, const Places& places, Lang lang, const std::string& origin) {
  const std::string code(LangCode(lang));
  json ranking = json::array();
  int position = 0;
  for (const auto& r : advice.ranking) {
    json reasons = json::array();
    for (const auto& reason : r.reasons) {
      reasons.push_back({{"supports", reason.supports},
                         {"text", reason.text.Render(lang)},
                         {"source", core::SourceLabel(reason.text.source, lang)}});
    }
    json risks = json::array();
    for (const auto& risk : r.risks) {
      risks.push_back({{"text", risk.Render(lang)}, {"source", core::SourceLabel(risk.source, lang)}});
    }
    json examples = json::array();
    for (const auto& e : r.examples) {
      // Where it is: its municipality, else its county (a county-level meeting place).
      json where = nullptr;
      if (const Municipality* m = FindMunicipality(places, e.municipality)) {
        where = m->name;
      } else if (const County* county = FindCounty(places, e.county)) {
        where = county->name;
      }
      json example = {{"href", registry::MeetingPlacePath(e.id)},
                      {"url", origin + registry::MeetingPlacePath(e.id)},
                      {"name", e.name},
                      {"place", where}};
      // Whom to call: the contact the meeting place publishes on its page.
      if (!e.phone.empty()) {
        std::string tel;
        for (char ch : e.phone) {
          if ((ch >= '0' && ch <= '9') || ch == '+') tel += ch;
        }
        example["phone"] = e.phone;
        example["phone_href"] = tel;
      }
      if (!e.email.empty()) example["email"] = e.email;
      examples.push_back(std::move(example));
    }
    ranking.push_back({{"position", ++position},
                       {"first", position == 1},
                       {"label", core::AdviceKindLabel(r.kind, r.subtype, lang)},
                       {"kind", r.kind},
                       {"score", Msg("advisor.text.score", lang, {{"n", std::to_string(std::lround(r.score * 100))}})},
                       {"reasons", reasons},
                       {"risks", risks},
                       {"has_risks", !risks.empty()},
                       {"examples", examples},
                       {"has_examples", !examples.empty()}});
  }
  json complements = json::array();
  for (const auto& c : advice.complements) {
    complements.push_back({{"label", core::AdviceKindLabel(c.kind, c.subtype, lang)},
                           {"text", c.text.Render(lang)},
                           {"source", core::SourceLabel(c.text.source, lang)}});
  }
  json checklist = json::array();
  for (const auto& s : advice.checklist) {
    checklist.push_back(
        {{"step", s.step}, {"text", s.text.Render(lang)}, {"source", core::SourceLabel(s.text.source, lang)}});
  }
  return {{"ranking", ranking},
          {"complements", complements},
          {"has_complements", !complements.empty()},
          {"checklist", checklist}};
}

Response AdvisorPage(Pages& pages, PageContext& c) {
  Request& req = c.request;
  const Lang lang = c.lang;
  const Places& places = pages.app().places;
  c.view["nav_advisor"] = true;
  c.view["meta_description"] = Msg("advisor.page.meta_description", lang);
  json view = FormView(req, pages.app(), lang);
  view["action"] = AdvisorPath();
  const std::string title = Msg("advisor.page.title", lang);
  if (!req.Query("municipality")) return pages.Render(c, 200, "advisor/advisor", view, title);

  if (const long wait = AdviceLimiter().Take(req.remote); wait > 0) {
    const std::string heading = Msg("advisor.page.too_many_title", lang);
    Response r = pages.Render(c, 429, "error", {{"heading", heading}, {"message", Msg("advisor.page.too_many", lang)}},
                              heading);
    r.Set("Retry-After", std::to_string(wait));
    return r;
  }
  const json body = SituationOf(req);
  std::vector<std::string> wrong = WrongFields(body, places);
  auto situation = core::ParseSituation(body, places);
  Result<core::Advice> advice = situation.ok() ? app::Advise(pages.app().services, *situation)
                                               : Result<core::Advice>(situation.error());
  if (!advice.ok()) {
    if (advice.error().code != ErrorCode::kInvalid) return pages.ErrorPage(c, 500, "error.internal");
    if (wrong.empty()) wrong.push_back(FieldOf(advice.error().pointer));  // an id in `existing`
    json errors = json::array();
    for (const auto& field : wrong) {
      const std::string message = Msg("advisor.page.error." + field, lang);
      errors.push_back({{"field_id", ControlId(field)}, {"message", message}});
      view["error_" + field] = message;
    }
    view["has_errors"] = true;
    view["errors"] = errors;
    return pages.Render(c, 400, "advisor/advisor", view, Msg("advisor.page.error_title", lang) + title);
  }
  const Municipality* m = FindMunicipality(places, situation->municipality);
  view["result"] = ResultView(*advice, places, lang, pages.app().public_url);
  view["result_heading"] = Msg("advisor.page.result_heading", lang, {{"municipality", m ? m->name : ""}});
  view["share_url"] = pages.app().public_url + Target(req);
  return pages.Render(c, 200, "advisor/advisor", view,
                      Msg("advisor.page.result_title", lang, {{"municipality", m ? m->name : ""}}));
}

}  // namespace

void AddPageRoutes(ModuleContext& m) {
  Pages& pages = m.pages;
  RouteInfo info;
  info.cacheable = true;  // the answers are in the address; the examples change with the register
  info.indexable = true;
  info.cache_tag = app::kMeetingPlacesTag;
  m.router.Add("GET", AdvisorPath(), pages.Page([&pages](PageContext& c) { return AdvisorPage(pages, c); }), info);
}

}  // namespace moteplass::http::advisor
