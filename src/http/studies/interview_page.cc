// The interview form for a telephone interview typed while it runs (issue 9):
// /studier/{id}/intervjuer/ny and /studier/{id}/intervjuer/{iv}. The guide's questions in the
// reader's language and the guide's order, grouped by section; a closed answer as radios,
// checkboxes or a text field, the words said in a text area, and a status per answer. Follow-ups
// are shown when the answer they follow calls for it: the server evaluates `follows` on every
// round trip ("Lagre og fortsett" stores through the use case and comes back to the form), so it
// works without JavaScript. Nothing typed is lost:
//  - each "save and continue" is an ordinary write (a revision when a text changed);
//  - a version conflict (someone saved in between) keeps what was typed, shows the newer saved
//    answers beside it and bases the form on the newer version, so the next save is deliberate;
//  - a POST whose session has expired (or whose CSRF token is the old session's) is not thrown
//    away: the posted fields are kept in this server's memory for two hours under a random key
//    in an HttpOnly, SameSite=Strict cookie scoped to /studier (the draft, DraftStore below); the
//    page says so and links to the log-in, which returns to the form, where the draft is restored
//    (not saved: the interviewer checks it and saves). A draft is taken once and writes nothing.
//    The drafts are interview_drafts.cc.
#include <cstdlib>
#include <map>
#include <optional>
#include <set>

#include "app/studies/guides.h"
#include "app/studies/interviews.h"
#include "core/local_time.h"
#include "core/status_macros.h"
#include "core/studies/guide.h"
#include "http/api_kit.h"
#include "http/studies/interview_drafts.h"
#include "http/studies/module.h"
#include "http/studies/page_common.h"
#include "http/studies/paths.h"

namespace moteplass::http::studies {
namespace {

using nlohmann::json;

// What the form holds for one question: {"value": text or [texts], "text", "status"}.
using Typed = std::map<std::string, json>;

Typed TypedFromForm(const FormFields& form) {
  Typed out;
  for (const auto& [k, v] : form) {
    if (k.size() < 3 || k[1] != '.') continue;
    const std::string q = k.substr(2);
    json& t = out[q];
    if (!t.is_object()) t = {{"value", json::array()}, {"text", ""}, {"status", ""}};
    if (k[0] == 'v' && !v.empty()) t["value"].push_back(v);
    if (k[0] == 't') t["text"] = v;
    if (k[0] == 's') t["status"] = v;
  }
  return out;
}

Typed TypedFromInterview(const json& doc, Lang lang) {
  Typed out;
  for (const json& a : doc.value("answers", json::array())) {
    json t = {
        {"value", json::array()}, {"text", a["text"].is_string() ? a["text"] : json("")}, {"status", a["status"]}};
    const json& value = a["value"];
    if (value.is_array()) {
      t["value"] = value;
    } else if (value.is_number_integer()) {
      t["value"].push_back(std::to_string(value.get<std::int64_t>()));
    } else if (value.is_string()) {
      // A date is typed as people in Norway write it.
      const std::string s = value;
      t["value"].push_back(s.size() == 10 && s[4] == '-' ? DateOnly(s, lang) : s);
    }
    out[a["question"].get<std::string>()] = t;
  }
  return out;
}

bool Holds(const json& follows, const json& typed) {
  if (!typed.is_object()) return false;
  for (const json& v : typed["value"]) {
    for (const json& want : follows["values"]) {
      if (v == want) return true;
    }
  }
  return false;
}

bool HasContent(const json& t) {
  return t.is_object() &&
         (!t["value"].empty() || !t["text"].get<std::string>().empty() || !t["status"].get<std::string>().empty());
}

// The questions shown: all but follow-ups whose answer does not call for them (unless something
// is typed in one, which is then kept and named as an error rather than dropped).
std::set<std::string> Shown(const json& guide, const Typed& typed) {
  std::set<std::string> shown;
  for (const json& q : guide["questions"]) {
    const std::string name = q["name"];
    const json& follows = q["follows"];
    auto it = typed.find(name);
    const bool content = it != typed.end() && HasContent(it->second);
    if (follows.is_null() || content) {
      shown.insert(name);
      continue;
    }
    const std::string parent = follows["question"];
    auto p = typed.find(parent);
    if (shown.count(parent) && p != typed.end() && Holds(follows, p->second)) shown.insert(name);
  }
  return shown;
}

// The API body of what was typed; `order` gets the question of each answer sent.
json AnswersBody(const json& guide, const Typed& typed, std::vector<std::string>& order,
                 std::vector<FieldError>& errors, Lang lang) {
  json answers = json::array();
  for (const json& q : guide["questions"]) {
    const std::string name = q["name"];
    auto it = typed.find(name);
    if (it == typed.end() || !HasContent(it->second) || q["type"] == "note") continue;
    const json& t = it->second;
    json a = {{"question", name}};
    const std::string type = q["type"];
    if (!t["value"].empty()) {
      const std::string first = t["value"][0];
      if (type == "select_multiple") {
        a["value"] = t["value"];
      } else if (type == "integer") {
        try {
          std::size_t used = 0;
          const long long n = std::stoll(first, &used);
          if (used != first.size()) throw std::invalid_argument("rest");
          a["value"] = n;
        } catch (const std::exception&) {
          errors.push_back({"q-" + name + "-v", Msg("study_pages.error.integer", lang)});
        }
      } else if (type == "date") {
        if (auto d = ParseTypedDate(first)) {
          a["value"] = *d;
        } else {
          errors.push_back({"q-" + name + "-v", Msg("study_pages.error.date", lang)});
        }
      } else {
        a["value"] = first;
      }
    }
    if (!t["text"].get<std::string>().empty()) a["text"] = t["text"];
    if (!t["status"].get<std::string>().empty()) a["status"] = t["status"];
    answers.push_back(a);
    order.push_back(name);
  }
  return answers;
}

struct FormState {
  const app::StudyAccess* access = nullptr;
  std::int64_t interview = 0;  // 0 for a new one
  std::int64_t version = 0;
  std::string guide_id;
  std::int64_t guide_version = 0;
  std::string informant;
  std::string mode = "phone";
  bool reviewed = false;  // reviewed_for_identifiers
  Typed typed;
  Typed newer;  // after a conflict: the answers saved in between
  std::string notice;
  std::string notice_color = "success";
};

std::string FormPath(const FormState& f) {
  return f.interview ? InterviewPath(f.access->study.id, f.interview) : NewInterviewPath(f.access->study.id);
}

std::string ShowTyped(const json& t, const json& q, const json& guide, Lang lang) {
  std::string out;
  const json* list = q["list"].is_string() ? moteplass::studies::FindList(guide, q["list"].get<std::string>())
                                           : nullptr;
  for (const json& v : t["value"]) {
    std::string shown = v;
    if (list) {
      for (const json& c : *list) {
        if (c["name"] == v) shown = InLang(c["label"], lang);
      }
    }
    out += (out.empty() ? "" : ", ") + shown;
  }
  const std::string text = t["text"];
  if (!text.empty()) out += (out.empty() ? "" : ": ") + text;
  if (out.empty() && !t["status"].get<std::string>().empty()) out = Label("status", t["status"], lang);
  return out;
}

Response FormPage(Pages& pages, PageContext& c, int status, const FormState& f, const std::vector<FieldError>& errors) {
  const Lang lang = c.lang;
  app::Services& s = pages.app().services;
  const StudyRecord& study = f.access->study;
  auto guide = app::GetGuide(s, f.guide_id, f.guide_version);
  if (!guide.ok()) return pages.ErrorPage(c, 404, "study_pages.error.not_found");
  const json& g = guide->document;
  const std::set<std::string> shown = Shown(g, f.typed);
  std::map<std::string, std::string> error_of;
  for (const FieldError& e : errors) error_of[e.id] = e.message;

  json sections = json::array();
  std::map<std::string, std::size_t> section_at;
  for (const json& sec : g["sections"]) {
    section_at[sec["name"]] = sections.size();
    sections.push_back({{"label", InLang(sec["label"], lang)}, {"questions", json::array()}});
  }
  int hidden = 0;
  for (const json& q : g["questions"]) {
    const std::string name = q["name"];
    // A follow-up the answers do not call for is in the page but hidden (studies.js shows it as
    // soon as they do; without JavaScript the next save does).
    const bool hide = !shown.count(name);
    if (hide) ++hidden;
    const std::string type = q["type"];
    auto it = f.typed.find(name);
    const json t = it != f.typed.end() ? it->second : json{{"value", json::array()}, {"text", ""}, {"status", ""}};
    json view = {{"name", name},
                 {"id", "q-" + name},
                 {"label", InLang(q["label"], lang)},
                 {"ref", q["ref"].is_string() ? q["ref"] : json()},
                 {"hint", q["hint"].is_object() ? json(InLang(q["hint"], lang)) : json()},
                 {"is_note", type == "note"},
                 {"is_open", type == "text"},
                 {"text", t["text"]},
                 {"value", t["value"].empty() ? json("") : t["value"][0]}};
    view["hidden"] = hide;
    if (!q["follows"].is_null()) {
      std::string values;
      for (const json& v : q["follows"]["values"]) values += (values.empty() ? "" : " ") + v.get<std::string>();
      view["follows"] = q["follows"]["question"];
      view["follow_values"] = values;
      const json* parent = moteplass::studies::FindQuestion(g, q["follows"]["question"].get<std::string>());
      view["follow_up"] = Msg("study_pages.interview.follow_up", lang,
                              {{"question", parent ? InLang((*parent)["label"], lang) : ""}});
    }
    if (type == "select_one" || type == "select_multiple") {
      json choices = json::array();
      const json* list = moteplass::studies::FindList(g, q["list"].get<std::string>());
      for (const json& ch : list ? *list : json::array()) {
        const bool checked = std::find(t["value"].begin(), t["value"].end(), ch["name"]) != t["value"].end();
        choices.push_back({{"value", ch["name"]},
                           {"label", InLang(ch["label"], lang)},
                           {"checked", checked},
                           {"input_id", "q-" + name + "-v-" + ch["name"].get<std::string>()}});
      }
      view["choices"] = choices;
      view[type == "select_one" ? "is_one" : "is_many"] = true;
    } else if (type == "integer" || type == "date") {
      view["is_input"] = true;
      view["value_hint"] = Msg(
          type == "date" ? "study_pages.interview.date_hint" : "study_pages.interview.integer_hint", lang);
    }
    json statuses = json::array(
        {{{"value", ""}, {"label", Msg("study_pages.status.auto", lang)}, {"selected", t["status"] == ""}}});
    for (const char* st : {"answered", "not_asked", "no_answer", "dont_know"}) {
      statuses.push_back({{"value", st}, {"label", Label("status", st, lang)}, {"selected", t["status"] == st}});
    }
    view["statuses"] = statuses;
    if (auto e = error_of.find("q-" + name + "-v"); e != error_of.end()) view["error"] = e->second;
    if (auto e = error_of.find("q-" + name); e != error_of.end()) view["error"] = e->second;
    if (auto n = f.newer.find(name); n != f.newer.end() && (it == f.typed.end() || n->second != it->second)) {
      view["newer"] = ShowTyped(n->second, q, g, lang);
    } else if (!f.newer.empty() && it != f.typed.end() && HasContent(it->second) && !f.newer.count(name)) {
      view["newer"] = Msg("study_pages.interview.newer_none", lang);
    }
    const std::string section = q["section"].is_string() ? q["section"].get<std::string>() : "";
    if (!section_at.count(section)) {
      section_at[section] = sections.size();
      sections.push_back({{"label", nullptr}, {"questions", json::array()}});
    }
    sections[section_at[section]]["questions"].push_back(view);
  }

  json informants = json::array();
  auto list = app::ListInformants(s, c.request.principal, study.id);
  if (list.ok()) {
    for (const StudyRecord& i : *list) {
      if (i.withdrawn) continue;
      const std::string id = std::to_string(i.id);
      informants.push_back({{"value", id},
                            {"label", i.data["pseudonym"].get<std::string>() + " (" +
                                          Label("side", i.data.value("side", ""), lang) + ")"},
                            {"selected", f.informant == id}});
    }
  }
  json modes = json::array();
  for (const char* m : {"phone", "in_person", "email", "video"}) {
    modes.push_back(
        {{"value", m}, {"label", Label("mode", m, lang)}, {"checked", f.mode == m}, {"first", modes.empty()}});
  }
  json guides = json::array();
  if (!f.interview && study.data["guides"].size() > 1) {
    for (const json& id : study.data["guides"]) {
      auto other = app::GetGuide(s, id.get<std::string>(), 0);
      guides.push_back({{"href", NewInterviewPath(study.id) + "?guide=" + PercentEncode(id.get<std::string>()) +
                                     (f.informant.empty() ? "" : "&informant=" + f.informant)},
                        {"label", other.ok() ? InLang(other->document["title"], lang) : id.get<std::string>()},
                        {"current", id == f.guide_id}});
    }
  }
  json view = {{"sections", sections},
               {"informants", informants},
               {"new", f.interview == 0},
               {"modes", modes},
               {"guides", guides},
               {"has_guides", !guides.empty()},
               {"guide_title", InLang(g["title"], lang)},
               {"guide_id", f.guide_id},
               {"guide_version", f.guide_version},
               {"informant", f.informant},
               {"version", f.version},
               {"action", FormPath(f)},
               {"csrf_token", c.request.csrf_token},
               {"study_name", study.data["name"]},
               {"study_href", StudyPath(study.id)},
               {"hidden_count", hidden},
               {"has_hidden", hidden > 0},
               {"conflict", !f.newer.empty()},
               {"reviewed", f.reviewed},
               {"delete_href", f.interview && Decide(c.request.principal, Action::kStudyManage, f.access->where).allowed
                                   ? json(DeleteInterviewPath(study.id, f.interview))
                                   : json()}};
  view["saved"] = c.request.Query("lagret").has_value();
  if (!f.notice.empty()) {
    view["notice"] = f.notice;
    view["notice_color"] = f.notice_color;
  }
  AddFieldErrors(view, errors);
  const std::string title = Msg(f.interview ? "study_pages.interview.edit_title" : "study_pages.interview.new_title",
                                lang);
  view["heading"] = title;
  Response r = pages.Render(c, status, "studies/interview", view,
                            title + " – " + study.data["name"].get<std::string>());
  r.Set("Cache-Control", "no-store");
  return r;
}

struct Loaded {
  app::StudyAccess access;
  std::optional<StudyRecord> interview;
};

// The study and the interview of the route, for someone who may record interviews.
Result<Loaded> Load(Pages& pages, PageContext& c, std::optional<Response>& refused) {
  ASSIGN_OR_RETURN(app::StudyAccess access, LoadStudy(pages, c, refused));
  Loaded out{access, std::nullopt};
  if (auto iv = c.request.params.find("iv"); iv != c.request.params.end()) {
    auto id = ParseId(iv->second);
    if (!id) return Error::NotFound("no such interview");
    ASSIGN_OR_RETURN(StudyRecord r, app::GetInterview(pages.app().services, c.request.principal, access.study.id, *id));
    out.interview = r;
  }
  if (!Decide(c.request.principal, Action::kStudyInterview, access.where).allowed) {
    return Error::Forbidden("only the study's interviewers and leads record interviews");
  }
  return out;
}

FormState StateOf(const Loaded& l, PageContext& c) {
  FormState f;
  f.access = &l.access;
  const json& guides = l.access.study.data["guides"];
  f.guide_id = guides.empty() ? "" : guides[0].get<std::string>();
  if (l.interview) {
    f.interview = l.interview->id;
    f.version = l.interview->version;
    f.guide_id = l.interview->data["guide"].get<std::string>();
    f.guide_version = l.interview->data["guide_version"].get<std::int64_t>();
    f.informant = std::to_string(l.interview->data["informant"].get<std::int64_t>());
    f.mode = l.interview->data.value("mode", "phone");
    f.reviewed = l.interview->data.value("reviewed_for_identifiers", false);
    f.typed = TypedFromInterview(l.interview->data, c.lang);
  } else {
    const std::string asked = c.request.Query("guide").value_or(FormValue(c.form, "guide"));
    if (std::find(guides.begin(), guides.end(), json(asked)) != guides.end()) f.guide_id = asked;
    f.informant = c.request.Query("informant").value_or("");
  }
  return f;
}

// The typed values of a posted (or restored) form over the state.
void ApplyForm(FormState& f, const FormFields& form) {
  f.typed = TypedFromForm(form);
  if (!f.interview) {
    f.informant = FormValue(form, "informant");
    if (auto v = ParseId(FormValue(form, "guide_version"))) f.guide_version = *v;
  }
  if (!FormValue(form, "mode").empty()) f.mode = FormValue(form, "mode");
  f.reviewed = FormValue(form, "reviewed_for_identifiers") == "on";
  f.version = FormVersion(form);
}

Response InterviewGet(Pages& pages, PageContext& c) {
  std::optional<Response> refused;
  auto loaded = Load(pages, c, refused);
  if (!loaded.ok()) return RefusedPage(pages, c, refused, loaded.error());
  FormState f = StateOf(*loaded, c);
  if (c.request.Query("lagret")) f.notice = Msg("study_pages.interview.saved", c.lang);
  // A draft kept when the session expired: restored, not saved.
  const std::optional<FormFields> draft = TakeDraft(c, FormPath(f));
  if (draft) {
    ApplyForm(f, *draft);
    if (f.guide_version == 0 && loaded->interview) {
      f.guide_version = loaded->interview->data["guide_version"].get<std::int64_t>();
    }
    f.notice = Msg("study_pages.interview.restored", c.lang);
    f.notice_color = "warning";
  }
  Response r = FormPage(pages, c, 200, f, {});
  if (draft) ForgetDraft(r);
  return r;
}

Response InterviewPost(Pages& pages, PageContext& c) {
  if (c.request.principal.anonymous()) return KeepDraft(pages, c);
  if (!pages.app().auth.RequireLogin(c.request, FormValue(c.form, "csrf_token")).ok()) return KeepDraft(pages, c);
  std::optional<Response> refused;
  auto loaded = Load(pages, c, refused);
  if (!loaded.ok()) {
    if (loaded.error().code == ErrorCode::kForbidden) {
      // Refused again by the use case, so that the refusal is audited as the API's is.
      auto study_id = RouteId(c.request, "study");
      auto denied = app::CreateInterview(pages.app().services, c.request.principal, study_id.ok() ? *study_id : 0,
                                         json::object());
      if (!denied.ok()) return RefusedPage(pages, c, std::nullopt, denied.error());
    }
    return RefusedPage(pages, c, refused, loaded.error());
  }
  FormState f = StateOf(*loaded, c);
  ApplyForm(f, c.form);
  std::vector<FieldError> errors;
  std::vector<std::string> order;
  auto guide = app::GetGuide(pages.app().services, f.guide_id, f.guide_version);
  if (!guide.ok()) return pages.ErrorPage(c, 400, "study_pages.error.invalid");
  f.guide_version = guide->version;
  const json answers = AnswersBody(guide->document, f.typed, order, errors, c.lang);
  auto informant = ParseId(f.informant);
  if (!informant)
    errors.insert(errors.begin(), FieldError{"iv-informant", Msg("study_pages.error.interview.informant", c.lang)});
  if (!errors.empty()) return FormPage(pages, c, 400, f, errors);
  json body = {{"informant", *informant},
               {"guide", f.guide_id},
               {"guide_version", f.guide_version},
               {"mode", f.mode},
               {"answers", answers}};
  app::Services& s = pages.app().services;
  const std::int64_t study = f.access->study.id;
  if (f.interview) {
    body["meeting_place"] = loaded->interview->data["meeting_place"];
    body["started_at"] = loaded->interview->data["started_at"];
    body["ended_at"] = loaded->interview->data["ended_at"];
  } else {
    body["started_at"] = NowIso();
  }
  body["reviewed_for_identifiers"] = f.reviewed;
  if (FormValue(c.form, "finish") == "1") body["ended_at"] = NowIso();
  auto saved = f.interview ? app::UpdateInterview(s, c.request.principal, study, f.interview, body, f.version)
                           : app::CreateInterview(s, c.request.principal, study, body);
  if (!saved.ok()) {
    const Error& e = saved.error();
    if (e.code == ErrorCode::kConflict && f.interview) {
      auto now = app::GetInterview(s, c.request.principal, study, f.interview);
      if (now.ok()) {
        f.newer = TypedFromInterview(now->data, c.lang);
        f.version = now->version;
      }
      return FormPage(pages, c, 409, f, {{"iv-conflict", Msg("study_pages.error.conflict", c.lang)}});
    }
    if (e.code != ErrorCode::kInvalid) return RefusedPage(pages, c, std::nullopt, e);
    FieldError fe{"iv-informant", Msg("study_pages.error.interview.informant", c.lang)};
    if (e.pointer.rfind("/answers/", 0) == 0) {
      const std::size_t n = std::strtoul(e.pointer.c_str() + 9, nullptr, 10);
      const std::string q = n < order.size() ? order[n] : "";
      const std::string key = e.slug == "follow_up_not_called_for"             ? "study_pages.error.interview.follow_up"
                              : e.pointer.find("/status") != std::string::npos ? "study_pages.error.interview.status"
                                                                               : "study_pages.error.interview.value";
      fe = {"q-" + q, Msg(key, c.lang)};
    } else if (e.pointer == "/mode") {
      fe = {"iv-mode", Msg("study_pages.error.interview.mode", c.lang)};
    }
    return FormPage(pages, c, 400, f, {fe});
  }
  if (FormValue(c.form, "finish") == "1") return Redirect(StudyPath(study) + "?lagret=1");
  return Redirect(InterviewPath(study, saved->id) + "?lagret=1");
}

}  // namespace

void AddInterviewPageRoutes(ModuleContext& m) {
  Pages& pages = m.pages;
  const RouteInfo page;  // not cached, not indexed
  for (const std::string& path : {NewInterviewPath("{id}"), InterviewPath("{id}", "{iv}")}) {
    m.router.Add("GET", path, pages.Page([&pages](PageContext& c) { return InterviewGet(pages, c); }), page);
    m.router.Add("POST", path, pages.Page([&pages](PageContext& c) { return InterviewPost(pages, c); }), page);
  }
}

}  // namespace moteplass::http::studies
