// The secretary's form for recording cases, one after another (issue 10, item 3): without
// JavaScript, with the error summary and field messages of the register's forms and the session's
// CSRF token. After a case is stored the browser is sent back to an empty form that keeps the
// previous case's values (kind, from which body, the dates, public, the decision) in its address,
// so a year's hearings go quickly and a reload stores nothing twice. The case itself goes through
// the API's use case (app::CreateOperation), so the pages and the API cannot disagree.
#include <initializer_list>
#include <string>

#include "app/operations/operations.h"
#include "core/local_time.h"
#include "core/operations/records.h"
#include "http/api_kit.h"
#include "http/operations/form_kit.h"
#include "http/operations/module.h"
#include "http/operations/paths.h"
#include "http/page_kit.h"

namespace moteplass::http::operations {
namespace {

using nlohmann::json;
using ops::Kind;

// The form's fields, in the order of the page (field id "c-<name>").
constexpr const char* kTextFields[] = {"title", "from_body", "case_number", "statement", "decision_body"};
constexpr const char* kDateFields[] = {"received", "deadline", "sent", "decision_date"};
// What the next case's form keeps from the one just stored.
constexpr const char* kKept[] = {"kind",   "from_body",     "received",      "deadline",        "sent",
                                 "public", "decision_body", "decision_date", "decision_outcome"};

std::string FieldOf(const std::string& pointer) {
  if (pointer.rfind("/decision/", 0) == 0) return "decision_" + pointer.substr(10);
  return pointer.empty() ? "title" : pointer.substr(1);
}

// The values as typed: the posted form, or the address of a fresh form.
json Values(const PageContext& c, bool posted) {
  json v = json::object();
  auto get = [&](const std::string& name) {
    return posted ? FormValue(c.form, name) : c.request.Query(name).value_or("");
  };
  for (const char* f : kTextFields) v[f] = get(f);
  for (const char* f : kDateFields) v[f] = get(f);
  v["kind"] = get("kind");
  v["decision_outcome"] = get("decision_outcome");
  // A fresh form is public unless the previous case was not.
  v["public"] = posted ? FormValue(c.form, "public") == "on" : c.request.Query("public").value_or("on") == "on";
  return v;
}

// The API body of the typed values; a date that is not one is an error on its field.
json BodyOf(const json& v, Lang lang, std::vector<FieldError>& errors) {
  json body = json::object();
  for (const char* f : {"title", "from_body", "case_number", "statement"}) {
    if (!v[f].get<std::string>().empty()) body[f] = v[f];
  }
  if (!v["kind"].get<std::string>().empty()) body["kind"] = v["kind"];
  for (const char* f : kDateFields) {
    const std::string typed = v[f];
    if (typed.empty()) continue;
    auto date = ParseTypedDate(typed);
    if (!date) {
      errors.push_back({std::string("c-") + f, Msg("ops.case_form.error.date", lang)});
      continue;
    }
    if (std::string(f) == "decision_date") {
      body["decision"]["date"] = *date;
    } else {
      body[f] = *date;
    }
  }
  body["public"] = v["public"];
  const std::string outcome = v["decision_outcome"];
  if (!outcome.empty() || !v["decision_body"].get<std::string>().empty() || body.contains("decision")) {
    if (!outcome.empty()) body["decision"]["outcome"] = outcome;
    if (!v["decision_body"].get<std::string>().empty()) body["decision"]["body"] = v["decision_body"];
  }
  return body;
}

Response FormPage(Pages& pages, PageContext& c, const app::OperationsAccess& access, int status, const json& values,
                  const std::vector<FieldError>& errors, const std::string& saved) {
  const Lang lang = c.lang;
  // The typed values under "v": the layout's own keys (such as "title") must not shadow them.
  json view = {{"v", values}};
  view["place_name"] = access.place.name;
  view["place_href"] = "/moteplasser/" + std::to_string(access.place.id);
  view["action"] = CaseFormPath(access.place.id);
  view["csrf_token"] = c.request.csrf_token;
  if (!saved.empty()) view["saved"] = Msg("ops.case_form.saved", lang, {{"title", saved}});
  json kinds = json::array();
  for (std::string_view k : ops::kCaseKinds) {
    kinds.push_back({{"value", k},
                     {"label", Msg("ops.case_form.kind." + std::string(k), lang)},
                     {"checked", values["kind"].get<std::string>() == k},
                     {"first", kinds.empty()}});
  }
  view["kinds"] = kinds;
  json outcomes = json::array({{{"value", ""},
                                {"label", Msg("ops.case_form.outcome.none", lang)},
                                {"selected", values["decision_outcome"].get<std::string>().empty()}}});
  for (std::string_view o : ops::kOutcomes) {
    outcomes.push_back({{"value", o},
                        {"label", Msg("ops.case_form.outcome." + std::string(o), lang)},
                        {"selected", values["decision_outcome"].get<std::string>() == o}});
  }
  view["outcomes"] = outcomes;
  AddFieldErrors(view, errors);
  Response r = pages.Render(c, status, "operations/case_form", view,
                            Msg("ops.case_form.title", lang) + " – " + access.place.name);
  r.Set("Cache-Control", "no-store");
  return r;
}

// The form's address for the route's meeting place ("/" when the id is not one).
std::string FormPath(const Request& r) {
  auto place_id = RouteId(r);
  return place_id.ok() ? CaseFormPath(*place_id) : "/";
}

Response CaseFormGet(Pages& pages, PageContext& c) {
  std::optional<Response> refused;
  auto access = ManagedPlace(pages, c, FormPath(c.request), refused);
  if (!access.ok()) return RefusedPage(pages, c, refused, access.error());
  std::string saved;
  if (auto id = c.request.Query("lagret"); id && ParseId(*id)) {
    auto r = app::GetOperation(pages.app().services, c.request.principal, Kind::kCase, access->place.id, *ParseId(*id));
    if (r.ok()) saved = r->data.value("title", "");
  }
  return FormPage(pages, c, *access, 200, Values(c, false), {}, saved);
}

Response CaseFormPost(Pages& pages, PageContext& c) {
  Result<app::OperationsAccess> access = Error::Internal("not read");
  if (auto refused = RefusePost(pages, c, Kind::kCase, FormPath(c.request), access)) return *refused;
  const json values = Values(c, true);
  std::vector<FieldError> errors;
  const json body = BodyOf(values, c.lang, errors);
  if (!errors.empty()) return FormPage(pages, c, *access, 400, values, errors, "");
  auto created = app::CreateOperation(pages.app().services, c.request.principal, Kind::kCase, access->place.id, body);
  if (!created.ok()) {
    if (created.error().code != ErrorCode::kInvalid) return RefusedPage(pages, c, std::nullopt, created.error());
    const std::string field = FieldOf(created.error().pointer);
    const std::string key = field == "title"              ? "ops.case_form.error.title"
                            : field == "kind"             ? "ops.case_form.error.kind"
                            : field == "received"         ? "ops.case_form.error.received"
                            : field == "sent"             ? "ops.case_form.error.sent"
                            : field == "decision_outcome" ? "ops.case_form.error.kind"
                            : field.find("date") != std::string::npos || field == "deadline"
                                ? "ops.case_form.error.date"
                                : "ops.case_form.error.text";
    errors.push_back({"c-" + field, Msg(key, c.lang)});
    return FormPage(pages, c, *access, 400, values, errors, "");
  }
  // Back to an empty form that keeps what the next case most likely shares.
  std::string next = CaseFormPath(access->place.id) + "?lagret=" + std::to_string(created->id);
  for (const char* f : kKept) {
    std::string value = f == std::string("public") ? (values["public"].get<bool>() ? "on" : "off")
                                                   : values[f].get<std::string>();
    if (value.empty()) continue;
    next += "&" + std::string(f) + "=" + PercentEncode(value);
  }
  return Redirect(next);
}

}  // namespace

void AddCaseFormRoutes(ModuleContext& m) {
  Pages& pages = m.pages;
  const RouteInfo form;  // not cached, not indexed
  m.router.Add("GET", CaseFormPath("{id}"), pages.Page([&pages](PageContext& c) { return CaseFormGet(pages, c); }),
               form);
  m.router.Add("POST", CaseFormPath("{id}"), pages.Page([&pages](PageContext& c) { return CaseFormPost(pages, c); }),
               form);
}

}  // namespace moteplass::http::operations
