// The register's forms: create and edit a meeting place (fields as a table in form.cc, validated
// by the same parser as the API), delete it, record a kind, and read its change history. Each
// calls one use case (app/register/meeting_places.h), so the pages refuse, audit and check
// versions exactly as the API does. None of them is cached or indexed.
#include "app/register/meeting_places.h"
#include "app/studies/proposal.h"
#include "app/studies/studies.h"
#include "app/suggestions/suggestions.h"
#include "core/local_time.h"
#include "core/typology/typology.h"
#include "http/api_kit.h"
#include "http/register/form.h"
#include "http/register/history_view.h"
#include "http/register/module.h"
#include "http/register/paths.h"

namespace moteplass::http::registry {

using nlohmann::json;

namespace {

// A suggestion from the public that a reviewer accepted (?forslag=ID, http/suggestions): the
// draft starts with its name and municipality, unpublished. Nothing else is taken from it.
void PrefillFromSuggestion(Pages& pages, Request& req, json& body) {
  auto from = req.Query("forslag");
  auto id = from ? ParseId(*from) : std::nullopt;
  if (!id) return;
  auto suggestion = app::GetSuggestion(pages.app().services, req.principal, *id);
  if (!suggestion.ok() || suggestion->input.kind != "missing") return;
  body["profile"]["level"] = "municipal";
  body["profile"].erase("county");
  body["profile"]["name"] = suggestion->input.name;
  body["profile"]["municipality"] = suggestion->input.municipality;
  body["public"] = false;
}

// A meeting place a mapping study found that the register lacks (?studie=ID, or the form's
// "studie" field, from the study's overview): for one who may manage the study, the new record is
// unpublished and, once saved, linked to the study (app::RegisterFoundMeetingPlace). 0 otherwise.
std::int64_t FoundForStudy(Pages& pages, PageContext& c, json* view) {
  auto from = c.request.method == "POST" ? std::optional<std::string>(FormValue(c.form, "studie"))
                                         : c.request.Query("studie");
  auto id = from ? ParseId(*from) : std::nullopt;
  if (!id) return 0;
  auto study = app::StudyFor(pages.app().services, c.request.principal, *id);
  if (!study.ok() || !Decide(c.request.principal, Action::kStudyManage, study->where).allowed) return 0;
  if (view) {
    (*view)["study"] = *id;
    (*view)["study_notice"] = Msg("study_pages.found.intro", c.lang,
                                  {{"study", study->study.data.value("name", std::string())}});
  }
  return *id;
}

Response EditForm(Pages& pages, PageContext& c, bool create) {
  Request& req = c.request;
  const Lang lang = c.lang;
  if (req.principal.anonymous()) return LoginRedirect(Target(req));
  json body;
  std::string version = "0";
  std::string action = NewMeetingPlacePath();
  std::string cancel = DirectoryPath();
  std::string heading;
  if (create) {
    if (!MayAnywhere(req.principal, Action::kMeetingPlaceCreate)) return pages.ErrorPage(c, 403, "error.forbidden");
    body = {{"profile", {{"level", "municipal"}}}, {"public", true}};
    body["profile"].update(DefaultPlaceOf(*req.principal.user));
    PrefillFromSuggestion(pages, req, body);
    heading = Msg("form.create_title", lang);
    if (FoundForStudy(pages, c, nullptr)) body["public"] = false;
  } else {
    auto place = LoadVisible(pages.app(), req);
    if (!place.ok()) return pages.PlaceError(c, place.error());
    if (!app::May(req.principal, Action::kMeetingPlaceUpdate, *place))
      return pages.ErrorPage(c, 403, "error.forbidden");
    body = ToJson(*place);
    version = std::to_string(place->version);
    action = EditPath(place->id);
    cancel = MeetingPlacePath(place->id);
    heading = Msg("form.edit_title", lang, {{"name", place->name}});
  }
  json view = {{"heading", heading},
               {"action", action},
               {"cancel_href", cancel},
               {"version", version},
               {"csrf_token", req.csrf_token},
               {"groups", FormView(body, {}, pages.app().places, lang)},
               {"submit", Msg(create ? "form.submit_create" : "form.submit_edit", lang)},
               {"has_errors", false}};
  if (create) FoundForStudy(pages, c, &view);
  return pages.Render(c, 200, "register/form", view, heading);
}

// The form again, as posted, with the reasons the typology gives for not counting it as a
// meeting place and a box to tick to save it so all the same.
Response ConfirmNotMeetingPlace(Pages& pages, PageContext& c, bool create, const std::optional<MeetingPlace>& existing,
                                const json& body, const json& classification) {
  const Lang lang = c.lang;
  const std::string lang_key = "text_" + std::string(LangCode(lang));
  json reasons = json::array();
  for (const auto& r : classification.value("reasons", json::array())) {
    if (r.value("supports", true) || !r.value("kind", json()).is_null()) continue;
    reasons.push_back(r.value(lang_key, ""));
  }
  const std::string heading = create ? Msg("form.create_title", lang)
                                     : Msg("form.edit_title", lang, {{"name", existing->name}});
  json view = {{"heading", heading},
               {"action", c.request.path},
               {"cancel_href", create ? DirectoryPath() : MeetingPlacePath(existing->id)},
               {"version", FormValue(c.form, "version").empty() ? "0" : FormValue(c.form, "version")},
               {"csrf_token", c.request.csrf_token},
               {"groups", FormView(body, {}, pages.app().places, lang)},
               {"submit", Msg(create ? "form.submit_create" : "form.submit_edit", lang)},
               {"has_errors", false},
               {"confirm", {{"reasons", reasons}}}};
  if (create) FoundForStudy(pages, c, &view);
  return pages.Render(c, 200, "register/form", view, heading);
}

// The form as this person posted it after someone else saved a newer version: the differences
// between the saved version and what was typed, and the newer version's number, so that saving
// again keeps what this person typed, knowingly.
Response ConflictForm(Pages& pages, PageContext& c, const MeetingPlace& current, const json& body,
                      const MeetingPlaceInput& typed) {
  const Lang lang = c.lang;
  MeetingPlace mine = current;
  mine.input = typed;
  json differences = json::array();
  for (const ChangeInWords& d :
       DescribeChanges(Diff(ToJson(current), ToJson(mine)), pages.app().places, lang, /*show_authors=*/false)) {
    differences.push_back({{"field", d.field}, {"theirs", d.before}, {"yours", d.after}});
  }
  const std::string heading = Msg("form.edit_title", lang, {{"name", current.name}});
  json view = {{"heading", heading},
               {"action", c.request.path},
               {"cancel_href", MeetingPlacePath(current.id)},
               {"version", std::to_string(current.version)},
               {"csrf_token", c.request.csrf_token},
               {"groups", FormView(body, {}, pages.app().places, lang)},
               {"submit", Msg("form.submit_edit", lang)},
               {"has_errors", false},
               {"conflict", {{"differences", differences}, {"same", differences.empty()}}}};
  return pages.Render(c, 409, "register/form", view, Msg("form.error_title_prefix", lang) + " " + heading);
}

Response EditPost(Pages& pages, PageContext& c, bool create) {
  Request& req = c.request;
  const Lang lang = c.lang;
  if (req.principal.anonymous()) return LoginRedirect(req.path);
  if (auto st = pages.app().auth.RequireLogin(req, FormValue(c.form, "csrf_token")); !st.ok()) {
    return pages.ErrorPage(c, 403, "error.csrf");
  }
  std::optional<MeetingPlace> existing;
  if (!create) {
    auto place = LoadVisible(pages.app(), req);
    if (!place.ok()) return pages.PlaceError(c, place.error());
    existing = *place;
  }
  json body = BodyFromForm(c.form);
  const std::int64_t study = create ? FoundForStudy(pages, c, nullptr) : 0;
  if (study) body["public"] = false;  // a study's find is published later, once checked
  FormOutcome outcome = ValidateForm(body, pages.app().places, lang);
  const std::int64_t id = existing ? existing->id : 0;
  int status = 400;
  // Published as "not a meeting place" only when the person saving has seen why and confirmed
  // it (a kind recorded by a person is what is published instead, and needs no confirmation).
  if (outcome.input && outcome.input->is_public && !(existing && existing->recorded_kind) &&
      FormValue(c.form, "confirm_not_meeting_place") != "yes") {
    const json classification = ClassifyInput(*outcome.input);
    if (!classification.value("kind", json()).is_string()) {
      return ConfirmNotMeetingPlace(pages, c, create, existing, body, classification);
    }
  }
  if (outcome.input) {
    app::Services& s = pages.app().services;
    Result<MeetingPlace> saved = study    ? app::RegisterFoundMeetingPlace(s, req.principal, study, *outcome.input)
                                 : create ? app::CreateMeetingPlace(s, req.principal, *outcome.input)
                                          : app::UpdateMeetingPlace(s, req.principal, id, *outcome.input,
                                                                    FormVersion(c.form));
    if (saved.ok()) return Redirect(MeetingPlacePath(saved->id) + (create ? "?opprettet=1" : "?lagret=1"));
    switch (saved.error().code) {
      case ErrorCode::kForbidden:
      case ErrorCode::kUnauthenticated:
        // Refused before anything was read: a role that may not create or change at all gets
        // the refusal page; one that may, but not there, gets the form back with the reason.
        if (!MayAnywhere(req.principal, create ? Action::kMeetingPlaceCreate : Action::kMeetingPlaceUpdate) ||
            (existing && !app::May(req.principal, Action::kMeetingPlaceUpdate, *existing))) {
          return pages.ErrorPage(c, 403, "error.forbidden");
        }
        outcome.errors.push_back(
            {"/profile/municipality", FieldId("/profile/municipality"), Msg("form.error.not_your_place", lang)});
        status = 403;
        break;
      case ErrorCode::kConflict: {
        // Someone saved a newer version meanwhile: what this person typed stays in the form,
        // beside what is saved now, field by field.
        auto current = create ? Result<MeetingPlace>(saved.error()) : LoadVisible(pages.app(), req);
        if (current.ok()) return ConflictForm(pages, c, *current, body, *outcome.input);
        outcome.errors.push_back({"", "f-profile-name", Msg("form.error.conflict", lang)});
        status = 409;
        break;
      }
      case ErrorCode::kInvalid:  // the study's rule: one of its municipalities
        outcome.errors.push_back(
            {saved.error().pointer, FieldId(saved.error().pointer), Msg("form.error.not_study_place", lang)});
        break;
      case ErrorCode::kNotFound: return pages.PlaceError(c, saved.error());
      default: return pages.ErrorPage(c, 500, "error.internal");
    }
  }
  json errors = json::array();
  for (const auto& e : outcome.errors) {
    const std::string label = e.pointer.empty() ? ""
                                                : Msg(
                                                      "form.field" +
                                                          [&] {
                                                            std::string k = e.pointer;
                                                            std::replace(k.begin(), k.end(), '/', '.');
                                                            return k;
                                                          }(),
                                                      lang);
    std::string text = label.empty() || label.starts_with("[") ? e.message : label + ": " + e.message;
    errors.push_back({{"field_id", e.field_id}, {"message", text}});
  }
  const std::string heading = create ? Msg("form.create_title", lang)
                                     : Msg("form.edit_title", lang, {{"name", existing->name}});
  json view = {{"heading", heading},
               {"action", req.path},
               {"cancel_href", create ? DirectoryPath() : MeetingPlacePath(id)},
               {"version", FormValue(c.form, "version").empty() ? "0" : FormValue(c.form, "version")},
               {"csrf_token", req.csrf_token},
               {"groups", FormView(body, outcome.errors, pages.app().places, lang)},
               {"submit", Msg(create ? "form.submit_create" : "form.submit_edit", lang)},
               {"errors", errors},
               {"has_errors", true}};
  if (create) FoundForStudy(pages, c, &view);
  return pages.Render(c, status, "register/form", view, Msg("form.error_title_prefix", lang) + " " + heading);
}

Response DeleteForm(Pages& pages, PageContext& c) {
  Request& req = c.request;
  if (req.principal.anonymous()) return LoginRedirect(req.path);
  auto place = LoadVisible(pages.app(), req);
  if (!place.ok()) return pages.PlaceError(c, place.error());
  if (req.method == "POST") {
    if (auto st = pages.app().auth.RequireLogin(req, FormValue(c.form, "csrf_token")); !st.ok()) {
      return pages.ErrorPage(c, 403, "error.csrf");
    }
    Status deleted = app::DeleteMeetingPlace(pages.app().services, req.principal, place->id, FormVersion(c.form));
    if (!deleted.ok()) return pages.ErrorPage(c, StatusOf(deleted.error()), RefusalKey(deleted.error()));
    return Redirect(DirectoryPath());
  }
  if (!app::May(req.principal, Action::kMeetingPlaceDelete, *place)) return pages.ErrorPage(c, 403, "error.forbidden");
  const std::string heading = Msg("delete.title", c.lang, {{"name", place->name}});
  return pages.Render(c, 200, "register/delete",
                      {{"heading", heading},
                       {"id", std::to_string(place->id)},
                       {"version", std::to_string(place->version)},
                       {"csrf_token", req.csrf_token}},
                      heading);
}

Response RecordKindPost(Pages& pages, PageContext& c) {
  Request& req = c.request;
  const Lang lang = c.lang;
  if (req.principal.anonymous()) return LoginRedirect(req.path);
  if (auto st = pages.app().auth.RequireLogin(req, FormValue(c.form, "csrf_token")); !st.ok()) {
    return pages.ErrorPage(c, 403, "error.csrf");
  }
  auto place = LoadVisible(pages.app(), req);
  if (!place.ok()) return pages.PlaceError(c, place.error());
  const std::string kind = FormValue(c.form, "kind");
  std::optional<RecordedKind> recorded;
  if (!kind.empty()) recorded = RecordedKind{kind, FormValue(c.form, "justification"), "", ""};
  auto saved = app::RecordKind(pages.app().services, req.principal, place->id, recorded, FormVersion(c.form));
  if (!saved.ok()) {
    if (saved.error().code == ErrorCode::kInvalid) {
      const std::string heading = Msg("error.title.400", lang);
      return pages.Render(c, 400, "error", {{"heading", heading}, {"message", Msg("mp.record_invalid", lang)}},
                          heading);
    }
    return pages.ErrorPage(c, StatusOf(saved.error()), RefusalKey(saved.error()));
  }
  return Redirect(MeetingPlacePath(place->id) + "?lagret=1#kind");
}

Response HistoryPage(Pages& pages, PageContext& c) {
  Request& req = c.request;
  const Lang lang = c.lang;
  if (req.principal.anonymous()) return LoginRedirect(req.path);
  auto id = ParseId(req.params["id"]);
  if (!id) return pages.ErrorPage(c, 404, "error.no_meeting_place");
  auto history = app::GetHistory(pages.app().services, req.principal, *id);
  if (!history.ok()) return pages.ErrorPage(c, StatusOf(history.error()), RefusalKey(history.error()));
  const Places& places = pages.app().places;
  json entries = json::array();
  for (const auto& h : history->entries) {
    json changes = json::array();
    for (const ChangeInWords& ch : DescribeChanges(h.changes, places, lang, history->show_authors)) {
      changes.push_back({{"field", ch.field}, {"before", ch.before}, {"after", ch.after}});
    }
    entries.push_back({{"at", ShowDateTime(h.at, lang)},
                       {"at_iso", h.at},
                       {"by", history->show_authors ? h.by : "–"},
                       {"action", Msg("history.action." + h.action, lang)},
                       {"changes", changes}});
  }
  const MeetingPlace& place = history->place;
  const std::string heading = Msg("history.title", lang, {{"name", place.name}});
  return pages.Render(
      c, 200, "register/history",
      {{"heading", heading}, {"id", std::to_string(place.id)}, {"name", place.name}, {"entries", entries}}, heading);
}

}  // namespace

void AddEditRoutes(ModuleContext& m) {
  Router& router = m.router;
  Pages& pages = m.pages;
  auto page = [&pages](std::function<Response(Pages&, PageContext&)> build) {
    return pages.Page([&pages, build](PageContext& c) { return build(pages, c); });
  };
  const RouteInfo form;  // not cached, not indexed
  router.Add("GET", NewMeetingPlacePath(), page([](Pages& p, PageContext& c) { return EditForm(p, c, true); }), form);
  router.Add("POST", NewMeetingPlacePath(), page([](Pages& p, PageContext& c) { return EditPost(p, c, true); }), form);
  router.Add("GET", EditPath("{id}"), page([](Pages& p, PageContext& c) { return EditForm(p, c, false); }), form);
  router.Add("POST", EditPath("{id}"), page([](Pages& p, PageContext& c) { return EditPost(p, c, false); }), form);
  router.Add("GET", DeletePath("{id}"), page(DeleteForm), form);
  router.Add("POST", DeletePath("{id}"), page(DeleteForm), form);
  router.Add("POST", RecordKindPath("{id}"), page(RecordKindPost), form);
  router.Add("GET", HistoryPath("{id}"), page(HistoryPage), form);
  AddMineRoutes(m);
}

}  // namespace moteplass::http::registry
