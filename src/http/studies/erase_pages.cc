// The two erasures of a mapping study in the browser (issue 9), each behind a page that says what
// will be gone and asks for a tick before it happens (a button alone is too easy to press):
//  - /studier/{id}/informanter/{informant}/trekk-samtykke: the informant withdraws consent; the
//    identity, answers and codings are erased at once and a tombstone keeps a later import from
//    bringing them back (app::WithdrawInformant);
//  - /studier/{id}/intervjuer/{iv}/slett: an interview is deleted, with the version it was read
//    at, so that answers saved in between are not deleted unseen (app::DeleteInterview).
// Both for the study's leads; the use cases decide and audit, as for the API.
#include "app/register/meeting_places.h"
#include "app/studies/interviews.h"
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

// What an erasure page shows: its messages are "study_pages.<kind>.*".
struct Erasure {
  std::int64_t id = 0;  // the informant or the interview
  std::string kind;     // "withdraw" or "delete_interview"
  std::string action;
  std::string back_href;
  std::string what;  // the pseudonym, or the interview's date and informant
  std::int64_t version = 0;
  bool with_date = false;
};

Response ErasePage(Pages& pages, PageContext& c, int status, const app::StudyAccess& access, const Erasure& e,
                   const std::vector<FieldError>& errors) {
  const Lang lang = c.lang;
  const std::string k = "study_pages." + e.kind + ".";
  json view = {{"study_name", access.study.data["name"]},
               {"study_href", StudyPath(access.study.id)},
               {"back_href", e.back_href},
               {"action", e.action},
               {"csrf_token", c.request.csrf_token},
               {"version", e.version},
               {"has_version", e.version > 0},
               {"heading", Msg(k + "title", lang, {{"what", e.what}})},
               {"text", Msg(k + "text", lang)},
               {"confirm", Msg(k + "confirm", lang, {{"what", e.what}})},
               {"submit", Msg(k + "submit", lang)},
               {"with_date", e.with_date},
               {"date", FormValue(c.form, "date")}};
  AddFieldErrors(view, errors);
  Response r = pages.Render(c, status, "studies/erase", view, view["heading"].get<std::string>());
  r.Set("Cache-Control", "no-store");
  return r;
}

// ---- Withdrawing consent ---------------------------------------------------------------------

Result<Erasure> WithdrawalOf(Pages& pages, PageContext& c, const app::StudyAccess& access) {
  auto id = ParseId(c.request.params.at("informant"));
  if (!id) return Error::NotFound("no such informant");
  ASSIGN_OR_RETURN(StudyRecord i, app::GetInformant(pages.app().services, c.request.principal, access.study.id, *id));
  if (i.withdrawn) return Error::NotFound("the informant has withdrawn");
  return Erasure{i.id,
                 "withdraw",
                 WithdrawInformantPath(access.study.id, i.id),
                 InformantPath(access.study.id, i.id),
                 i.data.value("pseudonym", std::string()),
                 0,
                 true};
}

// The confirmed withdrawal (a POST whose CSRF token has been checked).
Response WithdrawPost(Pages& pages, PageContext& c, const app::StudyAccess& access, Erasure& erasure) {
  std::vector<FieldError> errors;
  json body = json::object();
  const std::string typed = FormValue(c.form, "date");
  if (!typed.empty()) {
    if (auto date = ParseTypedDate(typed)) {
      body["date"] = *date;
    } else {
      errors.push_back({"e-date", Msg("study_pages.error.date", c.lang)});
    }
  }
  if (FormValue(c.form, "confirm") != "on") errors.push_back({"e-confirm", Msg("study_pages.error.confirm", c.lang)});
  if (!errors.empty()) return ErasePage(pages, c, 400, access, erasure, errors);
  Status done = app::WithdrawInformant(pages.app().services, c.request.principal, access.study.id, erasure.id, body);
  if (!done.ok()) {
    if (done.error().code == ErrorCode::kInvalid) {
      return ErasePage(pages, c, 400, access, erasure, {{"e-date", Msg("study_pages.error.date", c.lang)}});
    }
    return RefusedPage(pages, c, std::nullopt, done.error());
  }
  return Redirect(StudyPath(access.study.id) + "?trukket=" + PercentEncode(erasure.what));
}

// ---- Deleting an interview -------------------------------------------------------------------

Result<Erasure> DeletionOf(Pages& pages, PageContext& c, const app::StudyAccess& access) {
  auto id = ParseId(c.request.params.at("iv"));
  if (!id) return Error::NotFound("no such interview");
  app::Services& s = pages.app().services;
  ASSIGN_OR_RETURN(StudyRecord v, app::GetInterview(s, c.request.principal, access.study.id, *id));
  std::string who;
  auto informant = app::GetInformant(s, c.request.principal, access.study.id,
                                     v.data.value("informant", std::int64_t{0}));
  if (informant.ok()) who = informant->data.value("pseudonym", std::string());
  const std::string what = who + ", " + DateOnly(v.created_at, c.lang);
  return Erasure{v.id,
                 "delete_interview",
                 DeleteInterviewPath(access.study.id, v.id),
                 InterviewPath(access.study.id, v.id),
                 what,
                 v.version,
                 false};
}

// The confirmed deletion (a POST whose CSRF token has been checked).
Response DeletePost(Pages& pages, PageContext& c, const app::StudyAccess& access, Erasure& erasure) {
  const std::int64_t read_at = FormVersion(c.form);
  if (FormValue(c.form, "confirm") != "on") {
    erasure.version = read_at;
    return ErasePage(pages, c, 400, access, erasure, {{"e-confirm", Msg("study_pages.error.confirm", c.lang)}});
  }
  Status done = app::DeleteInterview(pages.app().services, c.request.principal, access.study.id, erasure.id,
                                     read_at > 0 ? read_at : app::kNoPrecondition);
  if (!done.ok()) {
    if (done.error().code == ErrorCode::kConflict) {
      // Saved in between: ask again over the newer version.
      return ErasePage(pages, c, 409, access, erasure,
                       {{"e-confirm", Msg("study_pages.delete_interview.changed", c.lang)}});
    }
    return RefusedPage(pages, c, std::nullopt, done.error());
  }
  return Redirect(StudyPath(access.study.id) + "?slettet=1");
}

// ---- Both ----------------------------------------------------------------------------------------

using LoadErasure = Result<Erasure> (*)(Pages&, PageContext&, const app::StudyAccess&);
using Erase = Response (*)(Pages&, PageContext&, const app::StudyAccess&, Erasure&);

// An erasure's route: the study and the record for one the study names (refused as the API
// refuses), the page that asks to a lead on GET, and `erase` on a POST with its CSRF token.
Response ErasureRoute(Pages& pages, PageContext& c, LoadErasure load, Erase erase) {
  const bool post = c.request.method == "POST";
  if (post) {
    if (auto bad = CheckCsrf(pages, c)) return *bad;
  }
  std::optional<Response> refused;
  auto access = LoadStudy(pages, c, refused);
  if (!access.ok()) return RefusedPage(pages, c, refused, access.error());
  auto erasure = load(pages, c, *access);
  if (!erasure.ok()) return RefusedPage(pages, c, std::nullopt, erasure.error());
  if (post) return erase(pages, c, *access, *erasure);
  if (!Decide(c.request.principal, Action::kStudyManage, access->where).allowed) {
    return pages.ErrorPage(c, 403, "study_pages.error.forbidden");
  }
  return ErasePage(pages, c, 200, *access, *erasure, {});
}

}  // namespace

void AddErasePageRoutes(ModuleContext& m) {
  Pages& pages = m.pages;
  const RouteInfo page;  // not cached, not indexed
  for (const char* method : {"GET", "POST"}) {
    m.router.Add(method, WithdrawInformantPath("{id}", "{informant}"),
                 pages.Page([&pages](PageContext& c) { return ErasureRoute(pages, c, WithdrawalOf, WithdrawPost); }),
                 page);
    m.router.Add(method, DeleteInterviewPath("{id}", "{iv}"),
                 pages.Page([&pages](PageContext& c) { return ErasureRoute(pages, c, DeletionOf, DeletePost); }), page);
  }
}

}  // namespace moteplass::http::studies
