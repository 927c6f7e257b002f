// The coding page of an interview (contracts/studies.md, "Coding"; issue 9 item 2): each answer's
// text as said, the codings of each answer with their memos (stale ones marked), and for the
// study's analysts and leads a form per answer to mark a passage with a code of the codebook, and
// per coding one to move or confirm it and one to delete it. Works without JavaScript and by
// keyboard alone: the passage is given as its words (typed or copied), and the server finds them
// in the answer (core/studies/coding.h, Locate); left empty, the code covers the whole answer.
// Everyone the study names reads the page; anyone else gets 404. templates/studies/coding.mustache.
#include <algorithm>
#include <map>
#include <set>

#include "app/register/meeting_places.h"
#include "app/studies/codings.h"
#include "app/studies/guides.h"
#include "app/studies/interviews.h"
#include "app/studies/studies.h"
#include "core/studies/coding.h"
#include "core/studies/guide.h"
#include "http/api_kit.h"
#include "http/studies/module.h"

namespace moteplass::http::studies {
namespace {

using nlohmann::json;

std::string StudyPagePath(std::int64_t study) { return "/studier/" + std::to_string(study); }
std::string CodingPagePath(std::int64_t study, std::int64_t interview) {
  return StudyPagePath(study) + "/intervjuer/" + std::to_string(interview) + "/koding";
}
std::string CodingPath(std::int64_t study, std::int64_t coding) {
  return StudyPagePath(study) + "/kodinger/" + std::to_string(coding);
}

std::string LabelIn(const json& labels, Lang lang) {
  if (labels.is_string()) return labels.get<std::string>();
  if (!labels.is_object()) return "";
  return labels.value(std::string(LangCode(lang)), labels.value("nb", std::string()));
}

// A closed answer as the reader reads it: its choices' labels.
std::string ValueText(const json& guide, const json& question, const json& value, Lang lang) {
  if (value.is_null()) return "";
  const json* list =
      question["list"].is_string() ? moteplass::studies::FindList(guide, question["list"].get<std::string>()) : nullptr;
  auto one = [&](const json& v) -> std::string {
    if (list != nullptr && v.is_string()) {
      for (const json& c : *list) {
        if (c["name"] == v) return LabelIn(c["label"], lang);
      }
    }
    return v.is_string() ? v.get<std::string>() : v.dump();
  };
  if (!value.is_array()) return one(value);
  std::string out;
  for (const json& v : value) out += (out.empty() ? "" : ", ") + one(v);
  return out;
}

// The answer's text in pieces, those that a coding that is not stale covers marked.
json Segments(const std::string& text, const std::vector<app::CodingView>& codings) {
  const std::int64_t length = moteplass::studies::CodePoints(text);
  std::set<std::int64_t> cuts = {0, length};
  std::vector<std::pair<std::int64_t, std::int64_t>> marked;
  for (const app::CodingView& c : codings) {
    if (c.stale) continue;
    const json& d = c.record.data;
    const std::int64_t start = d["start"].is_null() ? 0 : d["start"].get<std::int64_t>();
    const std::int64_t end = d["end"].is_null() ? length : std::min(d["end"].get<std::int64_t>(), length);
    cuts.insert(start);
    cuts.insert(end);
    marked.emplace_back(start, end);
  }
  json out = json::array();
  for (auto it = cuts.begin(); std::next(it) != cuts.end(); ++it) {
    const std::int64_t from = *it, to = *std::next(it);
    if (to <= from) continue;
    const bool mark = std::any_of(marked.begin(), marked.end(),
                                  [&](auto m) { return m.first <= from && to <= m.second; });
    out.push_back({{"text", moteplass::studies::Slice(text, from, to)}, {"marked", mark}});
  }
  return out;
}

json CodeOptions(const json& codes, const std::string& chosen, Lang lang) {
  json out = json::array();
  for (const json& c : codes) {
    const std::string id = c["id"];
    out.push_back({{"value", id}, {"label", LabelIn(c["name"], lang)}, {"selected", id == chosen}});
  }
  return out;
}

// What a failed coding is called on the page, by the field the use case named.
std::string ErrorText(const Error& e, Lang lang) {
  const std::string& p = e.pointer;
  if (p == "/start" || p == "/end") return Msg("codings.error.outside", lang);
  if (p == "/code") return Msg("codings.error.code", lang);
  if (p == "/memo") return Msg("codings.error.memo", lang);
  if (p == "/question") return Msg("codings.error.question", lang);
  return Msg("codings.error.other", lang);
}

// A form's error, shown beside the field it concerns: {"form": "q-NAME" or "c-ID", "field", "message"}.
struct FormError {
  std::string form;
  std::string field;  // "passage", "code", "memo"
  std::string message;
};

Response Refused(Pages& pages, PageContext& c, const Error& e) {
  if (e.code == ErrorCode::kUnauthenticated) return LoginRedirect(c.request.path);
  if (e.code == ErrorCode::kNotFound) return pages.ErrorPage(c, 404, "error.not_found");
  if (e.code == ErrorCode::kForbidden) return pages.ErrorPage(c, 403, "codings.page.forbidden");
  if (e.code == ErrorCode::kConflict) return pages.ErrorPage(c, 409, "codings.page.conflict");
  return pages.ErrorPage(c, StatusOf(e), "error.internal");
}

Response CodingPage(Pages& pages, PageContext& c, int status, std::int64_t study, std::int64_t interview_id,
                    const std::optional<FormError>& error, const FormFields& typed) {
  const Lang lang = c.lang;
  app::Services& s = pages.app().services;
  const Principal& who = c.request.principal;
  auto access = app::StudyFor(s, who, study);
  if (!access.ok()) return Refused(pages, c, access.error());
  auto interview = app::GetInterview(s, who, study, interview_id);
  if (!interview.ok()) return Refused(pages, c, interview.error());
  auto codings = app::ListCodings(s, who, study, interview_id);
  if (!codings.ok()) return Refused(pages, c, codings.error());
  auto book = app::GetCodebook(s, who, study);
  if (!book.ok()) return Refused(pages, c, book.error());
  const json& doc = interview->data;
  auto guide = app::GetGuide(s, doc.value("guide", std::string()), doc.value("guide_version", std::int64_t{1}));
  const json guide_doc = guide.ok() ? guide->document : json::object();
  auto informant = s.store.studies().GetInformant(doc.value("informant", std::int64_t{0}));
  const std::string pseudonym = informant.ok() ? informant->data.value("pseudonym", std::string()) : "";
  const bool may_code = Decide(who, Action::kStudyCode, access->where).allowed;
  const json& codes = (*book)["codes"];

  json answers = json::array();
  for (const json& a : doc["answers"]) {
    const std::string q = a["question"];
    const json* question = moteplass::studies::FindQuestion(guide_doc, q);
    std::vector<app::CodingView> mine;
    for (const app::CodingView& v : *codings) {
      if (v.record.data["question"] == q) mine.push_back(v);
    }
    const std::string text = a["text"].is_string() ? a["text"].get<std::string>() : "";
    json items = json::array();
    for (const app::CodingView& v : mine) {
      const json& d = v.record.data;
      const json* code = moteplass::studies::FindCode(codes, d["code"].get<std::string>());
      const bool whole = d["start"].is_null();
      const std::string passage =
          whole ? "" : moteplass::studies::Slice(text, d["start"].get<std::int64_t>(), d["end"].get<std::int64_t>());
      const std::string form = "c-" + std::to_string(v.record.id);
      const bool failed = error && error->form == form;
      json item = {{"id", std::to_string(v.record.id)},
                   {"code", code != nullptr ? LabelIn((*code)["name"], lang) : d["code"].get<std::string>()},
                   {"passage", passage},
                   {"whole", whole},
                   {"memo", d["memo"].is_string() ? d["memo"].get<std::string>() : ""},
                   {"coder", d["coder"].is_string() ? d["coder"].get<std::string>() : ""},
                   {"stale", v.stale},
                   {"version", std::to_string(v.record.version)},
                   {"action", CodingPath(study, v.record.id)},
                   {"field", "f-" + form},
                   {"may_code", may_code},
                   {"error_passage", false},
                   {"error_code", false},
                   {"error_memo", false}};
      item["passage_value"] = failed ? FormValue(typed, "passage") : passage;
      item["memo_value"] = failed ? FormValue(typed, "memo") : item["memo"].get<std::string>();
      item["options"] = CodeOptions(codes, failed ? FormValue(typed, "code") : d["code"].get<std::string>(), lang);
      if (failed) item["error_" + error->field] = error->message;
      items.push_back(std::move(item));
    }
    const std::string form = "q-" + q;
    const bool failed = error && error->form == form;
    json answer = {{"anchor", "svar-" + q},
                   {"question", q},
                   {"label", question != nullptr ? LabelIn((*question)["label"], lang) : q},
                   {"value", question != nullptr ? ValueText(guide_doc, *question, a["value"], lang) : ""},
                   {"has_text", !text.empty()},
                   {"segments", Segments(text, mine)},
                   {"status", Msg("codings.status." + a["status"].get<std::string>(), lang)},
                   {"codings", items},
                   {"has_codings", !items.empty()},
                   {"may_code", may_code},
                   {"field", "f-" + form},
                   {"action", CodingPagePath(study, interview_id)},
                   {"passage_value", failed ? FormValue(typed, "passage") : ""},
                   {"memo_value", failed ? FormValue(typed, "memo") : ""},
                   {"options", CodeOptions(codes, failed ? FormValue(typed, "code") : "", lang)},
                   {"error_passage", false},
                   {"error_code", false},
                   {"error_memo", false}};
    if (failed) answer["error_" + error->field] = error->message;
    answers.push_back(std::move(answer));
  }
  json view = {{"answers", answers},
               {"has_answers", !answers.empty()},
               {"csrf_token", c.request.csrf_token},
               {"may_code", may_code},
               {"study_name", access->study.data.value("name", std::string())},
               {"heading", Msg("codings.page.heading", lang, {{"pseudonym", pseudonym}})}};
  if (error) view["error"] = {{"message", error->message}, {"href", "#f-" + error->form + "-" + error->field}};
  if (auto saved = c.request.Query("lagret")) {
    view["saved"] = Msg(*saved == "slettet" ? "codings.page.deleted" : "codings.page.saved", lang);
  }
  Response r = pages.Render(c, status, "studies/coding", view,
                            Msg("codings.page.title", lang, {{"pseudonym", pseudonym}}));
  r.Set("Cache-Control", "no-store");
  return r;
}

// The coding a form asks for: the passage located in the answer's text (empty: the whole answer).
Result<json> FromForm(app::Services& s, const Principal& who, std::int64_t study, std::int64_t interview,
                      const std::string& question, const FormFields& form, Lang lang, const std::string& form_id,
                      std::optional<FormError>& error) {
  auto found = app::GetInterview(s, who, study, interview);
  if (!found.ok()) return found.error();
  std::string text;
  for (const json& a : found->data["answers"]) {
    if (a["question"] == question && a["text"].is_string()) text = a["text"];
  }
  std::string passage = FormValue(form, "passage");
  passage.erase(0, passage.find_first_not_of(" \t\r\n"));
  passage.erase(passage.find_last_not_of(" \t\r\n") + 1);
  json body = {{"interview", interview},
               {"question", question},
               {"start", nullptr},
               {"end", nullptr},
               {"code", FormValue(form, "code")}};
  const std::string memo = FormValue(form, "memo");
  body["memo"] = memo.find_first_not_of(" \t\r\n") == std::string::npos ? json() : json(memo);
  if (!passage.empty()) {
    int count = 0;
    auto at = moteplass::studies::Locate(text, passage, &count);
    if (!at) {
      error = FormError{form_id, "passage", Msg("codings.error.passage_not_found", lang)};
      return Error::Invalid("not in the answer", "/passage");
    }
    if (count > 1) {
      error = FormError{form_id, "passage",
                        Msg("codings.error.passage_ambiguous", lang, {{"n", std::to_string(count)}})};
      return Error::Invalid("more than once in the answer", "/passage");
    }
    body["start"] = at->first;
    body["end"] = at->second;
  }
  return body;
}

std::optional<FormError> ErrorOf(const Error& e, const std::string& form, Lang lang) {
  const std::string field = e.pointer == "/code" ? "code" : e.pointer == "/memo" ? "memo" : "passage";
  return FormError{form, field, ErrorText(e, lang)};
}

struct Ids {
  std::int64_t study = 0;
  std::int64_t second = 0;
};
std::optional<Ids> IdsOf(Request& req, const char* second) {
  auto study = ParseId(req.params["id"]);
  auto other = ParseId(req.params[second]);
  if (!study || !other) return std::nullopt;
  return Ids{*study, *other};
}

Response CreatePost(Pages& pages, PageContext& c) {
  Request& req = c.request;
  auto ids = IdsOf(req, "interview");
  if (!ids) return pages.ErrorPage(c, 404, "error.not_found");
  if (req.principal.anonymous()) return LoginRedirect(CodingPagePath(ids->study, ids->second));
  if (auto st = pages.app().auth.RequireLogin(req, FormValue(c.form, "csrf_token")); !st.ok()) {
    return pages.ErrorPage(c, 403, "error.csrf");
  }
  app::Services& s = pages.app().services;
  const std::string question = FormValue(c.form, "question");
  const std::string form = "q-" + question;
  std::optional<FormError> error;
  auto body = FromForm(s, req.principal, ids->study, ids->second, question, c.form, c.lang, form, error);
  if (!body.ok() && !error) return Refused(pages, c, body.error());
  if (body.ok()) {
    auto created = app::CreateCoding(s, req.principal, ids->study, *body);
    if (created.ok()) return Redirect(CodingPagePath(ids->study, ids->second) + "?lagret=ny#svar-" + question);
    if (created.error().code != ErrorCode::kInvalid) return Refused(pages, c, created.error());
    error = ErrorOf(created.error(), form, c.lang);
  }
  return CodingPage(pages, c, 400, ids->study, ids->second, error, c.form);
}

Response ChangePost(Pages& pages, PageContext& c) {
  Request& req = c.request;
  auto ids = IdsOf(req, "coding");
  if (!ids) return pages.ErrorPage(c, 404, "error.not_found");
  app::Services& s = pages.app().services;
  auto before = app::GetCoding(s, req.principal, ids->study, ids->second);
  if (!before.ok()) return Refused(pages, c, before.error());
  if (auto st = pages.app().auth.RequireLogin(req, FormValue(c.form, "csrf_token")); !st.ok()) {
    return pages.ErrorPage(c, 403, "error.csrf");
  }
  const std::int64_t interview = before->record.interview;
  const std::string question = before->record.data["question"];
  const std::string back = CodingPagePath(ids->study, interview);
  const std::int64_t version = FormVersion(c.form);
  if (FormValue(c.form, "handling") == "slett") {
    Status erased = app::DeleteCoding(s, req.principal, ids->study, ids->second, version);
    if (!erased.ok()) return Refused(pages, c, erased.error());
    return Redirect(back + "?lagret=slettet#svar-" + question);
  }
  const std::string form = "c-" + std::to_string(ids->second);
  std::optional<FormError> error;
  auto body = FromForm(s, req.principal, ids->study, interview, question, c.form, c.lang, form, error);
  if (!body.ok() && !error) return Refused(pages, c, body.error());
  if (body.ok()) {
    auto updated = app::UpdateCoding(s, req.principal, ids->study, ids->second, *body, version);
    if (updated.ok()) return Redirect(back + "?lagret=endret#svar-" + question);
    if (updated.error().code != ErrorCode::kInvalid) return Refused(pages, c, updated.error());
    error = ErrorOf(updated.error(), form, c.lang);
  }
  return CodingPage(pages, c, 400, ids->study, interview, error, c.form);
}

}  // namespace

void AddCodingPageRoutes(ModuleContext& m) {
  Pages& pages = m.pages;
  const RouteInfo form;  // not cached, not indexed
  const std::string page = "/studier/{id}/intervjuer/{interview}/koding";
  m.router.Add("GET", page, pages.Page([&pages](PageContext& c) {
    auto ids = IdsOf(c.request, "interview");
    if (!ids) return pages.ErrorPage(c, 404, "error.not_found");
    if (c.request.principal.anonymous()) return LoginRedirect(c.request.path);
    return CodingPage(pages, c, 200, ids->study, ids->second, std::nullopt, {});
  }),
               form);
  m.router.Add("POST", page, pages.Page([&pages](PageContext& c) { return CreatePost(pages, c); }), form);
  m.router.Add("POST", "/studier/{id}/kodinger/{coding}",
               pages.Page([&pages](PageContext& c) { return ChangePost(pages, c); }), form);
}

}  // namespace moteplass::http::studies
