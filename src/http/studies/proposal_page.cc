// The proposal of a mapping study to the register, in the browser (issue 9, item 4):
// /studier/{id}/moteplasser/{mid}/forslag. The page shows, for everyone the study names, where the
// register and the informants disagree: each profile field the closed answers speak to, what the
// register holds, what each informant said (by pseudonym), and the kind of meeting place the
// typology finds in the register beside the kind it finds as the participants describe it. Those
// who may accept (the study's leads, through the use case) get a form: a checkbox per field the
// informants agree on, and per field they disagree on a choice between their values (the
// default leaves the register as it is), with the meeting place's version so that a change made
// in between is not overwritten. Accepting goes through app::AcceptProposal, the API's use case,
// so the history says the change came from the study and the refusals are audited there.
#include "app/register/meeting_places.h"
#include "app/studies/proposal.h"
#include "core/typology/typology.h"
#include "http/api_kit.h"
#include "http/studies/module.h"
#include "http/studies/page_common.h"
#include "http/studies/paths.h"

namespace moteplass::http::studies {
namespace {

using nlohmann::json;

// "form.field.profile.functions.hearing_body" for "/profile/functions/hearing_body".
std::string FieldLabel(const std::string& pointer, Lang lang) {
  std::string key = pointer.substr(pointer.empty() ? 0 : 1);
  for (char& ch : key) {
    if (ch == '/') ch = '.';
  }
  const std::string label = Msg("form.field." + key, lang);
  return label.rfind("form.field.", 0) == 0 ? pointer : label;
}

// A profile value as the register's forms show it.
std::string ValueText(const std::string& pointer, const json& value, Lang lang) {
  if (value.is_null()) return Msg("study_pages.proposal.not_given", lang);
  if (value.is_boolean()) return Msg(value.get<bool>() ? "form.yes" : "form.no", lang);
  if (value.is_number_integer()) return std::to_string(value.get<std::int64_t>());
  if (value.is_string()) {
    const std::string s = value;
    if (s.size() == 10 && s[4] == '-') return DateOnly(s, lang);
    const std::string field = pointer.substr(pointer.rfind('/') + 1);
    const std::string label = Msg("enum." + field + "." + s, lang);
    return label.rfind("enum.", 0) == 0 ? s : label;
  }
  return value.dump();
}

std::string Pseudonyms(const json& from) {
  std::string out;
  for (const json& who : from) out += (out.empty() ? "" : ", ") + who.value("pseudonym", std::string());
  return out;
}

std::string KindText(const json& kind, Lang lang) {
  if (!kind.is_string() || kind.get<std::string>().empty()) return Msg("study_pages.proposal.no_kind", lang);
  return KindLabel(kind.get<std::string>(), lang);
}

// The name of the form's control for a field; its value is the chosen value as JSON.
std::string ControlName(const std::string& pointer) { return "f" + pointer; }

struct TypedFields {
  std::map<std::string, std::string> chosen;  // control name -> value as JSON
};

TypedFields TypedFrom(const FormFields& form) {
  TypedFields t;
  for (const auto& [k, v] : form) {
    if (k.size() > 1 && k[0] == 'f' && k[1] == '/') t.chosen[k] = v;
  }
  return t;
}

Response ProposalPage(Pages& pages, PageContext& c, int status, const app::StudyAccess& access, std::int64_t mid,
                      const TypedFields& typed, std::int64_t version, const std::vector<FieldError>& errors) {
  const Lang lang = c.lang;
  app::Services& s = pages.app().services;
  auto proposal = app::GetProposal(s, c.request.principal, access.study.id, mid);
  if (!proposal.ok()) {
    if (proposal.error().code == ErrorCode::kNotFound) return pages.ErrorPage(c, 404, "study_pages.error.not_found");
    return RefusedPage(pages, c, std::nullopt, proposal.error());
  }
  const bool may_accept = Decide(c.request.principal, Action::kStudyManage, access.where).allowed;
  json rows = json::array();
  json choices = json::array();
  int disagree = 0;
  for (const json& f : (*proposal)["fields"]) {
    const std::string pointer = f["pointer"];
    const std::string label = FieldLabel(pointer, lang);
    const bool differs = f.value("differs", false);
    const bool conflict = f.value("conflict", false);
    if (differs) ++disagree;
    json said = json::array();
    for (const json& v : f["values"]) {
      said.push_back({{"value", ValueText(pointer, v["value"], lang)}, {"who", Pseudonyms(v["from"])}});
    }
    const std::string id = "p-" + std::to_string(rows.size());
    rows.push_back({{"label", label},
                    {"current", ValueText(pointer, f["current"], lang)},
                    {"said", said},
                    {"differs", differs},
                    {"conflict", conflict},
                    {"agrees", !differs}});
    if (!differs || !may_accept) continue;
    const std::string name = ControlName(pointer);
    auto it = typed.chosen.find(name);
    json options = json::array();
    if (conflict) {
      options.push_back({{"id", id + "-keep"},
                         {"value", ""},
                         {"label", Msg("study_pages.proposal.keep", lang)},
                         {"checked", it == typed.chosen.end() || it->second.empty()}});
    }
    for (std::size_t n = 0; n < f["values"].size(); ++n) {
      const json& v = f["values"][n];
      const std::string as_json = v["value"].dump();
      options.push_back(
          {{"id", id + "-" + std::to_string(n)},
           {"value", as_json},
           {"label", Msg("study_pages.proposal.take", lang,
                         {{"value", ValueText(pointer, v["value"], lang)}, {"who", Pseudonyms(v["from"])}})},
           {"checked", it != typed.chosen.end() && it->second == as_json}});
    }
    choices.push_back({{"id", id},
                       {"name", name},
                       {"label", label},
                       {"current", ValueText(pointer, f["current"], lang)},
                       {"conflict", conflict},
                       {"options", options}});
  }
  const json& current_kind = (*proposal)["current_kind"];
  const json& seen = (*proposal)["classification"];
  const json seen_kind = seen.is_object() ? seen["kind"] : json();
  const std::string place = PlaceName(pages, mid);
  json view = {
      {"study_name", access.study.data["name"]},
      {"study_href", StudyPath(access.study.id)},
      {"matrix_href", StudyMatrixPath(access.study.id, mid)},
      {"place", place},
      {"action", ProposalPath(access.study.id, mid)},
      {"csrf_token", c.request.csrf_token},
      {"version", version},
      {"rows", rows},
      {"has_rows", !rows.empty()},
      {"choices", choices},
      {"has_choices", !choices.empty()},
      {"register_kind", KindText(current_kind, lang)},
      {"seen_kind", KindText(seen_kind, lang)},
      {"kinds_differ", seen.is_object() && current_kind != seen_kind},
      {"disagree_count", Msg(disagree == 1 ? "study_pages.proposal.disagree_one" : "study_pages.proposal.disagree",
                             lang, {{"n", std::to_string(disagree)}})},
      {"has_disagreement", disagree > 0}};
  if (auto n = c.request.Query("godtatt"); n && ParseId(*n)) {
    view["notice"] = Msg("study_pages.proposal.accepted", lang, {{"n", *n}});
  }
  AddFieldErrors(view, errors);
  Response r = pages.Render(c, status, "studies/proposal", view,
                            Msg("study_pages.proposal.title", lang, {{"place", place}}));
  r.Set("Cache-Control", "private, no-store");
  return r;
}

// The meeting place's version, 0 when the reader may not see it.
std::int64_t PlaceVersion(Pages& pages, PageContext& c, std::int64_t mid) {
  auto place = app::GetMeetingPlace(pages.app().services, c.request.principal, mid);
  return place.ok() ? place->version : 0;
}

Response ProposalGet(Pages& pages, PageContext& c) {
  std::optional<Response> refused;
  auto access = LoadStudy(pages, c, refused);
  if (!access.ok()) return RefusedPage(pages, c, refused, access.error());
  auto mid = ParseId(c.request.params.at("mid"));
  if (!mid) return pages.ErrorPage(c, 404, "study_pages.error.not_found");
  return ProposalPage(pages, c, 200, *access, *mid, {}, PlaceVersion(pages, c, *mid), {});
}

Response ProposalPost(Pages& pages, PageContext& c) {
  if (auto bad = CheckCsrf(pages, c)) return *bad;
  std::optional<Response> refused;
  auto access = LoadStudy(pages, c, refused);
  if (!access.ok()) return RefusedPage(pages, c, refused, access.error());
  auto mid = ParseId(c.request.params.at("mid"));
  if (!mid) return pages.ErrorPage(c, 404, "study_pages.error.not_found");
  const TypedFields typed = TypedFrom(c.form);
  const std::int64_t version = FormVersion(c.form);
  json pointers = json::array();
  std::vector<FieldError> errors;
  for (const auto& [name, value] : typed.chosen) {
    if (value.empty()) continue;  // "leave the register as it is"
    json parsed = json::parse(value, nullptr, false);
    if (parsed.is_discarded()) {
      errors.push_back({"p-form", Msg("study_pages.proposal.error.value", c.lang)});
      continue;
    }
    pointers.push_back({{"pointer", name.substr(1)}, {"value", parsed}});
  }
  if (pointers.empty() && errors.empty()) errors.push_back({"p-form", Msg("study_pages.proposal.error.none", c.lang)});
  if (!errors.empty()) return ProposalPage(pages, c, 400, *access, *mid, typed, version, errors);
  app::Services& s = pages.app().services;
  auto accepted = app::AcceptProposal(s, c.request.principal, access->study.id, *mid, {{"pointers", pointers}},
                                      version > 0 ? version : app::kNoPrecondition);
  if (!accepted.ok()) {
    const Error& e = accepted.error();
    if (e.code == ErrorCode::kConflict) {
      // Someone changed the meeting place in between: the choices stay, the form is now based on
      // the newer version and the register's values beside them are the newer ones.
      return ProposalPage(pages, c, 409, *access, *mid, typed, PlaceVersion(pages, c, *mid),
                          {{"p-form", Msg("study_pages.proposal.error.conflict", c.lang)}});
    }
    if (e.code == ErrorCode::kInvalid) {
      return ProposalPage(pages, c, 400, *access, *mid, typed, version,
                          {{"p-form", Msg("study_pages.proposal.error.invalid", c.lang)}});
    }
    return RefusedPage(pages, c, std::nullopt, e);
  }
  return Redirect(ProposalPath(access->study.id, *mid) + "?godtatt=" + std::to_string(pointers.size()));
}

}  // namespace

void AddProposalPageRoutes(ModuleContext& m) {
  Pages& pages = m.pages;
  const RouteInfo page;  // not cached, not indexed
  m.router.Add("GET", ProposalPath("{id}", "{mid}"),
               pages.Page([&pages](PageContext& c) { return ProposalGet(pages, c); }), page);
  m.router.Add("POST", ProposalPath("{id}", "{mid}"),
               pages.Page([&pages](PageContext& c) { return ProposalPost(pages, c); }), page);
}

}  // namespace moteplass::http::studies
