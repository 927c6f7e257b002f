// The informant's form in the browser (issue 9): /studier/{id}/informanter/ny adds one (leads;
// the pseudonym is the server's, the identity typed with it is sealed through the use case and
// never shown on a page), /studier/{id}/informanter/{informant} changes one (side, role, gender,
// meeting place, consent) with its version, so that a change made in between is not overwritten
// and what was typed stays. Every write goes through the API's use cases, so the pages refuse and
// audit exactly as the API does. Withdrawing consent is erase_pages.cc.
#include <set>

#include "app/studies/studies.h"
#include "core/access/access.h"
#include "core/local_time.h"
#include "http/api_kit.h"
#include "http/studies/module.h"
#include "http/studies/page_common.h"
#include "http/studies/paths.h"

namespace moteplass::http::studies {
namespace {

using nlohmann::json;

constexpr const char* kIdentityFields[] = {"name", "phone", "email", "organisation"};

json Options(const std::string& group, std::initializer_list<std::string_view> values, const std::string& chosen,
             Lang lang) {
  json out = json::array();
  for (std::string_view v : values) {
    out.push_back({{"value", v},
                   {"label", Label(group, std::string(v), lang)},
                   {"checked", chosen == v},
                   {"first", out.empty()}});
  }
  return out;
}

// The form of an informant: a new one (`editing` empty) or one to change, with its version.
struct Editing {
  std::int64_t id = 0;
  std::int64_t version = 0;
  std::string pseudonym;
};

Response InformantForm(Pages& pages, PageContext& c, int status, const app::StudyAccess& access, const json& v,
                       const std::vector<FieldError>& errors, const Editing& editing = {}) {
  const Lang lang = c.lang;
  json view = {{"v", v}};
  view["csrf_token"] = c.request.csrf_token;
  view["action"] = editing.id ? InformantPath(access.study.id, editing.id) : NewInformantPath(access.study.id);
  view["editing"] = editing.id != 0;
  view["version"] = editing.version;
  view["withdraw_href"] = WithdrawInformantPath(access.study.id, editing.id);
  view["heading"] = editing.id ? Msg("study_pages.informant.edit_title", lang, {{"pseudonym", editing.pseudonym}})
                               : Msg("study_pages.informant.title", lang);
  view["back_href"] = StudyPath(access.study.id);
  view["study_name"] = access.study.data["name"];
  view["sides"] = Options("side", {"immigrant_population", "authority", "other"}, v["side"], lang);
  view["roles"] = Options("role", {"chair", "member", "secretary", "official", "other"}, v["role"], lang);
  view["genders"] = Options("gender", {"woman", "man", "other", "unknown"}, v["gender"], lang);
  view["forms"] = Options("consent", {"oral", "written"}, v["consent_form"], lang);
  json places = json::array({{{"value", ""}, {"label", Msg("study_pages.none", lang)}, {"checked", false}}});
  for (const json& m : access.study.data["meeting_places"]) {
    const std::string id = std::to_string(m.get<std::int64_t>());
    places.push_back(
        {{"value", id}, {"label", PlaceName(pages, m.get<std::int64_t>())}, {"checked", v["meeting_place"] == id}});
  }
  view["places"] = places;
  // A new informant's identity may be typed with it; a stored one is changed through the API
  // (each read of it is audited, so the form does not show it).
  view["may_identity"] = !editing.id && Decide(c.request.principal, Action::kStudyIdentity, access.where).allowed;
  AddFieldErrors(view, errors);
  Response r = pages.Render(c, status, "studies/informant_form", view, view["heading"].get<std::string>());
  r.Set("Cache-Control", "no-store");
  return r;
}

json InformantValues(const PageContext& c) {
  json v = json::object();
  for (const char* f : {"side", "role", "gender", "meeting_place", "consent_form", "consent_date"}) {
    v[f] = FormValue(c.form, f);
  }
  v["minor"] = FormValue(c.form, "minor") == "on";
  v["guardian_informed"] = FormValue(c.form, "guardian_informed") == "on";
  for (const char* f : kIdentityFields) v[std::string("id_") + f] = FormValue(c.form, std::string("id_") + f);
  return v;
}

Response NewInformantGet(Pages& pages, PageContext& c) {
  std::optional<Response> refused;
  auto access = LoadStudy(pages, c, refused);
  if (!access.ok()) return RefusedPage(pages, c, refused, access.error());
  if (!Decide(c.request.principal, Action::kStudyManage, access->where).allowed) {
    return pages.ErrorPage(c, 403, "study_pages.error.forbidden");
  }
  json v = {{"side", ""},         {"role", ""},         {"gender", ""},   {"meeting_place", ""},
            {"consent_form", ""}, {"consent_date", ""}, {"minor", false}, {"guardian_informed", false},
            {"id_name", ""},      {"id_phone", ""},     {"id_email", ""}, {"id_organisation", ""}};
  return InformantForm(pages, c, 200, *access, v, {});
}

// The API's body for the typed values; a malformed date goes to `errors`.
json InformantBody(const json& v, std::vector<FieldError>& errors, Lang lang) {
  json body = json::object();
  for (const char* f : {"side", "role", "gender"}) {
    if (!v[f].get<std::string>().empty()) body[f] = v[f];
  }
  body["meeting_place"] = nullptr;
  if (auto id = ParseId(v["meeting_place"])) body["meeting_place"] = *id;
  body["minor"] = v["minor"];
  body["consent"] = {{"guardian_informed", v["minor"].get<bool>() ? json(v["guardian_informed"]) : json()}};
  if (!v["consent_form"].get<std::string>().empty()) body["consent"]["form"] = v["consent_form"];
  if (auto date = ParseTypedDate(v["consent_date"].get<std::string>())) {
    body["consent"]["date"] = *date;
  } else if (!v["consent_date"].get<std::string>().empty()) {
    errors.push_back({"i-consent_date", Msg("study_pages.error.date", lang)});
  }
  return body;
}

// The form again with the use case's refusal of a field named beside it.
Response InformantRefused(Pages& pages, PageContext& c, const app::StudyAccess& access, const json& v, const Error& e,
                          const Editing& editing = {}) {
  if (e.code != ErrorCode::kInvalid) return RefusedPage(pages, c, std::nullopt, e);
  std::string field = e.pointer.size() > 1 ? e.pointer.substr(1) : "side";
  if (field == "consent/form" || field == "consent") field = "consent_form";
  if (field == "consent/date") field = "consent_date";
  if (field == "consent/guardian_informed") field = "guardian_informed";
  static const std::set<std::string> kKnown = {"side",         "role",         "gender",           "meeting_place",
                                               "consent_form", "consent_date", "guardian_informed"};
  if (!kKnown.count(field)) field = "side";
  return InformantForm(pages, c, 400, access, v, {{"i-" + field, Msg("study_pages.error.informant." + field, c.lang)}},
                       editing);
}

Response NewInformantPost(Pages& pages, PageContext& c) {
  if (auto bad = CheckCsrf(pages, c)) return *bad;
  std::optional<Response> refused;
  auto access = LoadStudy(pages, c, refused);
  if (!access.ok()) return RefusedPage(pages, c, refused, access.error());
  const json v = InformantValues(c);
  std::vector<FieldError> errors;
  json body = InformantBody(v, errors, c.lang);
  if (!errors.empty()) return InformantForm(pages, c, 400, *access, v, errors);
  app::Services& s = pages.app().services;
  auto created = app::CreateInformant(s, c.request.principal, access->study.id, body);
  if (!created.ok()) return InformantRefused(pages, c, *access, v, created.error());
  json identity = json::object();
  bool any = false;
  for (const char* f : kIdentityFields) {
    const std::string typed = v[std::string("id_") + f];
    identity[f] = typed.empty() ? json() : json(typed);
    any = any || !typed.empty();
  }
  if (any) {
    // Sealed through the use case; a refusal (not a lead) is audited there.
    auto put = app::PutIdentity(s, c.request.principal, access->study.id, created->id, identity);
    if (!put.ok()) return RefusedPage(pages, c, std::nullopt, put.error());
  }
  return Redirect(StudyPath(access->study.id) +
                  "?lagt_til=" + PercentEncode(created->data.value("pseudonym", std::string())));
}

// The typed values of a stored informant.
json InformantValuesOf(const json& data, Lang lang) {
  const json& consent = data["consent"].is_object() ? data["consent"] : json::object();
  json v = {{"side", data.value("side", "")},
            {"role", data.value("role", "")},
            {"gender", data["gender"].is_string() ? data["gender"] : json("")},
            {"meeting_place", data["meeting_place"].is_number_integer()
                                  ? json(std::to_string(data["meeting_place"].get<std::int64_t>()))
                                  : json("")},
            {"consent_form", consent["form"].is_string() ? consent["form"] : json("")},
            {"consent_date", consent["date"].is_string() ? json(DateOnly(consent["date"], lang)) : json("")},
            {"minor", data.value("minor", false)},
            {"guardian_informed", consent["guardian_informed"] == json(true)}};
  for (const char* f : kIdentityFields) v[std::string("id_") + f] = "";
  return v;
}

// The study and the route's informant, for one who may manage the study.
Result<StudyRecord> LoadInformant(Pages& pages, PageContext& c, const app::StudyAccess& access) {
  auto id = ParseId(c.request.params.at("informant"));
  if (!id) return Error::NotFound("no such informant");
  return app::GetInformant(pages.app().services, c.request.principal, access.study.id, *id);
}

Response EditInformantGet(Pages& pages, PageContext& c) {
  std::optional<Response> refused;
  auto access = LoadStudy(pages, c, refused);
  if (!access.ok()) return RefusedPage(pages, c, refused, access.error());
  auto informant = LoadInformant(pages, c, *access);
  if (!informant.ok()) return RefusedPage(pages, c, std::nullopt, informant.error());
  if (!Decide(c.request.principal, Action::kStudyManage, access->where).allowed) {
    return pages.ErrorPage(c, 403, "study_pages.error.forbidden");
  }
  const Editing editing{informant->id, informant->version, informant->data.value("pseudonym", std::string())};
  return InformantForm(pages, c, 200, *access, InformantValuesOf(informant->data, c.lang), {}, editing);
}

Response EditInformantPost(Pages& pages, PageContext& c) {
  if (auto bad = CheckCsrf(pages, c)) return *bad;
  std::optional<Response> refused;
  auto access = LoadStudy(pages, c, refused);
  if (!access.ok()) return RefusedPage(pages, c, refused, access.error());
  auto informant = LoadInformant(pages, c, *access);
  if (!informant.ok()) return RefusedPage(pages, c, std::nullopt, informant.error());
  Editing editing{informant->id, FormVersion(c.form), informant->data.value("pseudonym", std::string())};
  const json v = InformantValues(c);
  std::vector<FieldError> errors;
  const json body = InformantBody(v, errors, c.lang);
  if (!errors.empty()) return InformantForm(pages, c, 400, *access, v, errors, editing);
  app::Services& s = pages.app().services;
  auto saved = app::UpdateInformant(s, c.request.principal, access->study.id, informant->id, body, editing.version);
  if (!saved.ok()) {
    if (saved.error().code == ErrorCode::kConflict) {
      // What was typed stays; the form is now based on the newer version.
      editing.version = informant->version;
      return InformantForm(pages, c, 409, *access, v, {{"i-side", Msg("study_pages.error.conflict", c.lang)}}, editing);
    }
    return InformantRefused(pages, c, *access, v, saved.error(), editing);
  }
  return Redirect(StudyPath(access->study.id) + "?lagret=1");
}

}  // namespace

void AddInformantPageRoutes(ModuleContext& m) {
  Pages& pages = m.pages;
  const RouteInfo page;  // not cached, not indexed
  auto add = [&](const char* method, const std::string& path, Response (*f)(Pages&, PageContext&)) {
    m.router.Add(method, path, pages.Page([&pages, f](PageContext& c) { return f(pages, c); }), page);
  };
  add("GET", NewInformantPath("{id}"), NewInformantGet);
  add("POST", NewInformantPath("{id}"), NewInformantPost);
  add("GET", InformantPath("{id}", "{informant}"), EditInformantGet);
  add("POST", InformantPath("{id}", "{informant}"), EditInformantPost);
}

}  // namespace moteplass::http::studies
