// The pages of suggestions from the public: the form a visitor sends (a missing meeting place, or
// facts out of date on one), the thanks, and the reviewers' inbox with accept and reject. The
// public form has its own CSRF token in a cookie scoped to /forslag (a visitor has no session), a
// honeypot field, and the per-address limit of the JSON door; it works without JavaScript and
// lists every mistake in an error summary, checked by the same validator as the API.
#include <algorithm>
#include <map>

#include "app/register/meeting_places.h"
#include "app/suggestions/suggestions.h"
#include "core/accounts/credentials.h"
#include "core/norwegian.h"
#include "http/api_kit.h"
#include "http/register/paths.h"
#include "http/suggestions/module.h"
#include "http/suggestions/paths.h"

namespace moteplass::http::suggestions {

using moteplass::suggestions::Suggestion;
using nlohmann::json;

namespace {

constexpr const char* kCsrfCookie = "moteplass_forslag";

// The municipalities by name in Norwegian order, a shared name told apart by its county.
json MunicipalityOptions(const Places& places, const std::string& selected) {
  json out = json::array();
  for (const auto& [m, label] : MunicipalitiesByName(places)) {
    out.push_back({{"value", m->number}, {"label", label}, {"selected", m->number == selected}});
  }
  return out;
}

// What a visitor reads for an error the validator found.
FieldError Explain(const Error& e, Lang lang) {
  const std::string field = e.pointer.empty() ? "message" : e.pointer.substr(1);
  if (field == "name")
    return {"name", Msg(e.slug == "too_long" ? "suggest.error.name_long" : "suggest.error.name", lang)};
  if (field == "municipality") return {"municipality", Msg("suggest.error.municipality", lang)};
  if (field == "email") return {"email", Msg("suggest.error.email", lang)};
  return {"message", Msg(e.slug == "too_long" ? "suggest.error.message_long" : "suggest.error.message", lang)};
}

// Every mistake in a posted form at once, from the one validator: each field found wrong is
// replaced by a stand-in and the body checked again. The error the form cannot show (a kind or
// meeting place no form sends) comes back as `fatal`.
std::vector<FieldError> Check(json body, const Places& places, Lang lang, std::optional<Error>& fatal) {
  std::vector<FieldError> errors;
  for (int round = 0; round < 6; ++round) {
    auto parsed = moteplass::suggestions::ParseSuggestion(body, places);
    if (parsed.ok()) break;
    const std::string& p = parsed.error().pointer;
    if (p == "/name") {
      body["name"] = "-";
    } else if (p == "/municipality") {
      body["municipality"] = places.municipalities.front().number;
    } else if (p == "/message") {
      body["message"] = "-";
    } else if (p == "/email") {
      body.erase("email");
    } else {
      fatal = parsed.error();
      break;
    }
    errors.push_back(Explain(parsed.error(), lang));
  }
  // In the order the form asks.
  static const std::vector<std::string> kOrder = {"name", "municipality", "message", "email"};
  std::stable_sort(errors.begin(), errors.end(), [](const FieldError& a, const FieldError& b) {
    return std::find(kOrder.begin(), kOrder.end(), a.id) < std::find(kOrder.begin(), kOrder.end(), b.id);
  });
  return errors;
}

// The form: `values` holds what was typed (and the meeting place for facts out of date).
Response FormPage(Pages& pages, PageContext& c, int status, json values, const std::vector<FieldError>& errors) {
  const Lang lang = c.lang;
  std::string token = c.request.Cookie(kCsrfCookie);
  const bool fresh = token.empty();
  if (fresh) token = NewSecret();
  const bool outdated = values.value("kind", "") == "outdated";
  json view = values;
  view["csrf_token"] = token;
  view["action"] = SuggestPath();
  view["outdated"] = outdated;
  if (!outdated) {
    view["municipalities"] = MunicipalityOptions(pages.app().places, values.value("municipality", ""));
  }
  AddFieldErrors(view, errors);
  view["heading"] = outdated ? Msg("suggest.outdated_title", lang, {{"name", values.value("place_name", "")}})
                             : Msg("suggest.missing_title", lang);
  view["kept_text"] = Msg("suggest.kept", lang, {{"days", std::to_string(moteplass::suggestions::kEmailKeptDays)}});
  Response r = pages.Render(c, status, "suggestions/form", view, view["heading"].get<std::string>());
  r.Set("Cache-Control", "no-store");
  if (fresh) {
    r.headers.emplace_back("Set-Cookie",
                           std::string(kCsrfCookie) + "=" + token + "; HttpOnly; SameSite=Strict; Path=" + InboxPath());
  }
  return r;
}

// The meeting place a suggestion about facts out of date is about, as the public sees it.
std::optional<MeetingPlace> PublicPlace(Pages& pages, const std::string& id_text) {
  auto id = ParseId(id_text);
  if (!id) return std::nullopt;
  auto place = app::GetMeetingPlace(pages.app().services, Principal{}, *id);
  if (!place.ok()) return std::nullopt;
  return *place;
}

Response FormGet(Pages& pages, PageContext& c) {
  json values = {{"kind", "missing"}};
  if (auto id = c.request.Query("moteplass")) {
    auto place = PublicPlace(pages, *id);
    if (!place) return pages.ErrorPage(c, 404, "error.no_meeting_place");
    values = {{"kind", "outdated"},
              {"meeting_place", std::to_string(place->id)},
              {"place_name", place->name},
              {"place_href", registry::MeetingPlacePath(place->id)}};
  } else if (auto m = c.request.Query("kommune"); m && FindMunicipality(pages.app().places, *m)) {
    values["municipality"] = *m;
  }
  return FormPage(pages, c, 200, values, {});
}

Response FormPost(Pages& pages, PageContext& c) {
  const Lang lang = c.lang;
  AppContext& app = pages.app();
  json values = {{"kind", FormValue(c.form, "kind") == "outdated" ? "outdated" : "missing"},
                 {"name", FormValue(c.form, "name")},
                 {"municipality", FormValue(c.form, "municipality")},
                 {"message", FormValue(c.form, "message")},
                 {"email", FormValue(c.form, "email")}};
  json body = {{"kind", values["kind"]}, {"message", values["message"]}, {"lang", std::string(LangCode(lang))}};
  if (!values["email"].get<std::string>().empty()) body["email"] = values["email"];
  if (values["kind"] == "outdated") {
    auto place = PublicPlace(pages, FormValue(c.form, "meeting_place"));
    if (!place) return pages.ErrorPage(c, 404, "error.no_meeting_place");
    values["meeting_place"] = std::to_string(place->id);
    values["place_name"] = place->name;
    values["place_href"] = registry::MeetingPlacePath(place->id);
    body["meeting_place"] = place->id;
  } else {
    body["name"] = values["name"];
    body["municipality"] = values["municipality"];
  }
  const std::string cookie_token = c.request.Cookie(kCsrfCookie);
  if (cookie_token.empty() || !ConstantTimeEquals(cookie_token, FormValue(c.form, "csrf_token"))) {
    return FormPage(pages, c, 403, values, {{"message", Msg("suggest.expired", lang)}});
  }
  if (const long wait = SuggestionWait(app, c.request); wait > 0) {
    Response r = FormPage(pages, c, 429, values,
                          {{"message", Msg("suggest.too_many", lang, {{"n", std::to_string((wait + 59) / 60)}})}});
    r.Set("Retry-After", std::to_string(wait));
    return r;
  }
  // The honeypot, a field people do not see: whoever fills it is thanked, and nothing is kept.
  if (!FormValue(c.form, "website").empty()) return Redirect(ThanksPath());
  std::optional<Error> fatal;
  std::vector<FieldError> errors = Check(body, app.places, lang, fatal);
  if (fatal) return pages.ErrorPage(c, 400, "suggest.bad_request");
  if (!errors.empty()) return FormPage(pages, c, 400, values, errors);
  auto created = app::SubmitSuggestion(app.services, c.request.principal, body);
  if (!created.ok()) {
    if (created.error().code == ErrorCode::kInvalid) return pages.ErrorPage(c, 400, "suggest.bad_request");
    return pages.ErrorPage(c, 500, "error.internal");
  }
  return Redirect(ThanksPath());
}

Response ThanksGet(Pages& pages, PageContext& c) {
  json view = {
      {"kept_text", Msg("suggest.kept", c.lang, {{"days", std::to_string(moteplass::suggestions::kEmailKeptDays)}})},
      {"directory_href", registry::DirectoryPath()}};
  return pages.Render(c, 200, "suggestions/thanks", view, Msg("suggest.thanks_title", c.lang));
}

// What the inbox shows of where a suggestion is about.
json PlaceOf(Pages& pages, const Suggestion& s, Lang lang) {
  json j;
  if (s.input.kind == "outdated") {
    auto place = pages.app().store.meeting_places().Get(s.input.meeting_place_id);
    j["place_name"] = place.ok() ? place->name : "#" + std::to_string(s.input.meeting_place_id);
    j["place_href"] = registry::MeetingPlacePath(s.input.meeting_place_id);
    j["kind_text"] = Msg("suggest.kind.outdated", lang);
  } else {
    j["place_name"] = s.input.name;
    j["kind_text"] = Msg("suggest.kind.missing", lang);
  }
  const Municipality* m = FindMunicipality(pages.app().places, s.input.municipality);
  const County* county = FindCounty(pages.app().places, s.input.county);
  j["where"] = m ? m->name : county ? county->name : "";
  return j;
}

Response InboxPage(Pages& pages, PageContext& c, int status, std::int64_t error_for, const std::string& error_text,
                   const std::string& reason) {
  Request& req = c.request;
  const Lang lang = c.lang;
  if (req.principal.anonymous()) return LoginRedirect(InboxPath());
  auto list = app::ListSuggestions(pages.app().services, req.principal, "open");
  if (!list.ok()) return pages.ErrorPage(c, StatusOf(list.error()), RefusalKey(list.error()));
  json items = json::array();
  json errors = json::array();
  for (const Suggestion& s : *list) {
    const std::string id = std::to_string(s.id);
    json item = PlaceOf(pages, s, lang);
    item["id"] = id;
    item["message"] = s.input.message;
    item["message_lang"] = s.input.lang;
    item["email"] = s.input.email;
    item["received"] = Msg("suggest.received", lang, {{"date", DateOnly(s.created_at, lang)}});
    item["version"] = std::to_string(s.version);
    item["accept_action"] = AcceptPath(id);
    item["reject_action"] = RejectPath(id);
    item["accept_text"] = Msg(s.input.kind == "missing" ? "suggest.accept_missing" : "suggest.accept_outdated", lang);
    if (s.id == error_for) {
      item["reason_error"] = error_text;
      item["reason"] = reason;
      errors.push_back({{"field_id", "reason-" + id}, {"message", error_text}});
    }
    items.push_back(std::move(item));
  }
  json view = {{"items", items},
               {"has_items", !items.empty()},
               {"csrf_token", req.csrf_token},
               {"errors", errors},
               {"has_errors", !errors.empty()},
               {"count_text", Msg(items.size() == 1 ? "suggest.count_one" : "suggest.count", lang,
                                  {{"n", std::to_string(items.size())}})},
               {"nav_suggestions", true}};
  if (req.Query("avvist")) view["done"] = Msg("suggest.rejected_done", lang);
  if (error_for == 0 && !error_text.empty()) view["problem"] = error_text;
  Response r = pages.Render(c, status, "suggestions/inbox", view, Msg("suggest.inbox_title", lang));
  r.Set("Cache-Control", "no-store");
  return r;
}

Response ClosePost(Pages& pages, PageContext& c, bool accept) {
  Request& req = c.request;
  const Lang lang = c.lang;
  if (req.principal.anonymous()) return LoginRedirect(InboxPath());
  if (auto st = pages.app().auth.RequireLogin(req, FormValue(c.form, "csrf_token")); !st.ok()) {
    return pages.ErrorPage(c, 403, "error.csrf");
  }
  auto id = ParseId(req.params["id"]);
  if (!id) return pages.ErrorPage(c, 404, "error.not_found");
  const std::string reason = FormValue(c.form, "reason");
  auto closed = app::CloseSuggestion(pages.app().services, req.principal, *id, accept, reason, FormVersion(c.form));
  if (!closed.ok()) {
    const Error& e = closed.error();
    if (e.code == ErrorCode::kInvalid && e.pointer == "/reason") {
      return InboxPage(pages, c, 400, *id,
                       Msg(e.slug == "too_long" ? "suggest.error.reason_long" : "suggest.error.reason", lang), reason);
    }
    if (e.code == ErrorCode::kConflict) return InboxPage(pages, c, 409, 0, Msg("suggest.closed_already", lang), "");
    return pages.ErrorPage(c, StatusOf(e), e.code == ErrorCode::kNotFound ? "error.not_found" : RefusalKey(e));
  }
  if (!accept) return Redirect(InboxPath() + "?avvist=1");
  // Accepted: on to the register's own form, where a person writes what is published.
  if (closed->input.kind == "missing")
    return Redirect(registry::NewMeetingPlacePath() + "?forslag=" + std::to_string(*id));
  return Redirect(registry::EditPath(closed->input.meeting_place_id));
}

}  // namespace

void AddPageRoutes(ModuleContext& m) {
  Pages& pages = m.pages;
  const RouteInfo form;  // not cached, not indexed
  m.router.Add("GET", SuggestPath(), pages.Page([&pages](PageContext& c) { return FormGet(pages, c); }), form);
  m.router.Add("POST", SuggestPath(), pages.Page([&pages](PageContext& c) { return FormPost(pages, c); }), form);
  m.router.Add("GET", ThanksPath(), pages.Page([&pages](PageContext& c) { return ThanksGet(pages, c); }), form);
  m.router.Add("GET", InboxPath(), pages.Page([&pages](PageContext& c) { return InboxPage(pages, c, 200, 0, "", ""); }),
               form);
  m.router.Add("POST", AcceptPath("{id}"), pages.Page([&pages](PageContext& c) { return ClosePost(pages, c, true); }),
               form);
  m.router.Add("POST", RejectPath("{id}"), pages.Page([&pages](PageContext& c) { return ClosePost(pages, c, false); }),
               form);
}

}  // namespace moteplass::http::suggestions
