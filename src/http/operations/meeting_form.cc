// The secretary's form for a meeting place's meetings (issue 10, item 2): the date and Norwegian
// times, the place, an extra meeting and who called it, cancelled or public, the agenda as rows
// (those stored and three empty ones: a title, a number, who proposed it, public or not), the
// minutes in Markdown and who was present (the meeting place's members as tick boxes). Without
// JavaScript, with the session's CSRF token, the error summary naming each field, and the version
// the form was based on: a stale one keeps what was typed and says so. Every write goes through
// the API's use cases (app::CreateOperation, UpdateOperation).
#include <set>
#include <string>
#include <vector>

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
// Named as well, so that the forms' helpers of the same names stay apart in a unity build.
namespace meeting_form {

using nlohmann::json;
using ops::Kind;

constexpr int kEmptyRows = 3;
constexpr int kMaxRows = 200;

std::string Row(int row, const char* field) { return "agenda-" + std::to_string(row) + "-" + field; }

// The typed values of a posted form.
json Posted(const PageContext& c) {
  json v = json::object();
  for (const char* f : {"date", "starts", "ends", "location", "kind", "called_by", "minutes"}) {
    v[f] = FormValue(c.form, f);
  }
  for (const char* f : {"cancelled", "public"}) v[f] = FormValue(c.form, f) == "on";
  json agenda = json::array();
  const int rows = std::min<int>(ParseId(FormValue(c.form, "agenda_rows")).value_or(0), kMaxRows);
  for (int row = 0; row < rows; ++row) {
    agenda.push_back({{"number", FormValue(c.form, Row(row, "number"))},
                      {"title", FormValue(c.form, Row(row, "title"))},
                      {"proposed_by", FormValue(c.form, Row(row, "proposed_by"))},
                      {"case", FormValue(c.form, Row(row, "case"))},
                      {"public", FormValue(c.form, Row(row, "public")) == "on"}});
  }
  v["agenda"] = agenda;
  json attendance = json::array();
  for (const auto& [name, value] : c.form) {
    if (name != "attendance") continue;
    if (auto id = ParseId(value)) attendance.push_back(*id);
  }
  v["attendance"] = attendance;
  return v;
}

// The stored meeting as the form shows it.
json Stored(const ops::Record& m) {
  const json& d = m.data;
  const auto [date, starts] = TypedDateTime(d["starts_at"].get<std::string>());
  json v = {{"date", date},
            {"starts", starts},
            {"ends", d["ends_at"].is_string() ? TypedDateTime(d["ends_at"].get<std::string>()).second : ""},
            {"location", d["location"].is_string() ? d["location"].get<std::string>() : ""},
            {"kind", d.value("kind", "ordinary")},
            {"called_by", d["called_by"].is_string() ? d["called_by"].get<std::string>() : ""},
            {"minutes", d["minutes"].is_string() ? d["minutes"].get<std::string>() : ""},
            {"cancelled", d.value("cancelled", false)},
            {"public", d.value("public", true)},
            {"attendance", d["attendance"]}};
  json agenda = json::array();
  for (const json& item : d["agenda"]) {
    agenda.push_back({{"number", item["number"].is_string() ? item["number"].get<std::string>() : ""},
                      {"title", item.value("title", "")},
                      {"proposed_by", item["proposed_by"].is_string() ? item["proposed_by"].get<std::string>() : ""},
                      {"case", item["case"].is_number() ? std::to_string(item["case"].get<std::int64_t>()) : ""},
                      {"public", item.value("public", true)}});
  }
  v["agenda"] = agenda;
  return v;
}

json Fresh() {
  return {{"date", ""},
          {"starts", ""},
          {"ends", ""},
          {"location", ""},
          {"kind", "ordinary"},
          {"called_by", ""},
          {"minutes", ""},
          {"cancelled", false},
          {"public", true},
          {"agenda", json::array()},
          {"attendance", json::array()}};
}

// The API body of the typed values. `rows` gets the form's row of each agenda item in the body.
json BodyOf(const json& v, Lang lang, std::vector<int>& rows, std::vector<FieldError>& errors) {
  json body = json::object();
  std::optional<std::string> date;
  if (const std::string typed = v["date"]; !typed.empty()) date = ParseTypedDate(typed);
  if (!date) errors.push_back({"mt-date", Msg("ops.meeting_form.error.date", lang)});
  for (const char* f : {"starts", "ends"}) {
    const std::string typed = v[f];
    if (typed.empty() && std::string(f) == "ends") continue;
    auto instant = date ? OsloInstant(*date, typed) : std::nullopt;
    if (!instant && date) errors.push_back({std::string("mt-") + f, Msg("ops.meeting_form.error.time", lang)});
    if (instant) body[std::string(f) == "starts" ? "starts_at" : "ends_at"] = *instant;
  }
  for (const char* f : {"location", "minutes", "called_by"}) {
    if (!v[f].get<std::string>().empty()) body[f] = v[f];
  }
  if (!v["kind"].get<std::string>().empty()) body["kind"] = v["kind"];
  body["cancelled"] = v["cancelled"];
  body["public"] = v["public"];
  json agenda = json::array();
  for (std::size_t row = 0; row < v["agenda"].size(); ++row) {
    const json& a = v["agenda"][row];
    if (a["title"].get<std::string>().empty() && a["number"].get<std::string>().empty()) continue;
    json item = {{"title", a["title"]}, {"public", a["public"]}};
    if (!a["number"].get<std::string>().empty()) item["number"] = a["number"];
    if (!a["proposed_by"].get<std::string>().empty()) item["proposed_by"] = a["proposed_by"];
    if (auto id = ParseId(a["case"].get<std::string>())) item["case"] = *id;
    agenda.push_back(item);
    rows.push_back(static_cast<int>(row));
  }
  body["agenda"] = agenda;
  body["attendance"] = v["attendance"];
  return body;
}

// The field of the page an API pointer names, and its message.
FieldError ErrorOf(const Error& e, const std::vector<int>& rows, Lang lang) {
  const std::string& p = e.pointer;
  if (p.rfind("/agenda/", 0) == 0) {
    const std::size_t slash = p.find('/', 8);
    const auto index = ParseId(p.substr(8, slash == std::string::npos ? std::string::npos : slash - 8));
    const std::string field = slash == std::string::npos ? "title" : p.substr(slash + 1);
    const int row = index && *index < static_cast<std::int64_t>(rows.size()) ? rows[*index] : 0;
    const bool known = field == "number" || field == "proposed_by";
    return {"mt-" + Row(row, known ? field.c_str() : "title"),
            Msg(field == "title"         ? "ops.meeting_form.error.agenda_title"
                : field == "proposed_by" ? "ops.member_form.error.choice"
                                         : "ops.case_form.error.text",
                lang)};
  }
  if (p == "/starts_at") return {"mt-date", Msg("ops.meeting_form.error.date", lang)};
  if (p == "/ends_at") return {"mt-ends", Msg("ops.meeting_form.error.ends", lang)};
  if (p == "/kind" || p == "/called_by") return {"mt-" + p.substr(1), Msg("ops.member_form.error.choice", lang)};
  if (p == "/attendance" || p.rfind("/attendance/", 0) == 0) {
    return {"mt-attendance", Msg("ops.member_form.error.choice", lang)};
  }
  if (p == "/location" || p == "/minutes") return {"mt-" + p.substr(1), Msg("ops.case_form.error.text", lang)};
  return {"mt-date", Msg("ops.case_form.error.text", lang)};
}

struct Editing {
  std::int64_t id = 0;
  ops::Record meeting;
};

Response FormPage(Pages& pages, PageContext& c, const app::OperationsAccess& access, const Editing& e, int status,
                  json values, const std::vector<FieldError>& errors, const std::string& notice) {
  const Lang lang = c.lang;
  // The agenda's rows: those typed or stored, and empty ones to add to.
  json& agenda = values["agenda"];
  for (int i = 0; i < kEmptyRows && agenda.size() < kMaxRows; ++i) {
    agenda.push_back({{"number", ""}, {"title", ""}, {"proposed_by", ""}, {"case", ""}, {"public", true}});
  }
  for (std::size_t row = 0; row < agenda.size(); ++row) {
    json& a = agenda[row];
    const std::string prefix = "mt-" + Row(static_cast<int>(row), "");
    a["id"] = prefix;  // "mt-agenda-0-"
    a["legend"] = Msg("ops.meeting_form.agenda_item", lang, {{"n", std::to_string(row + 1)}});
    json options = json::array({{{"value", ""},
                                 {"label", Msg("ops.meeting_form.called_by_none", lang)},
                                 {"selected", a["proposed_by"].get<std::string>().empty()}}});
    for (std::string_view s : ops::kSeats) {
      options.push_back({{"value", s},
                         {"label", Msg("ops.seat." + std::string(s), lang)},
                         {"selected", a["proposed_by"].get<std::string>() == s}});
    }
    a["options"] = options;
    a["name_prefix"] = Row(static_cast<int>(row), "");
    for (const char* f : {"title", "number", "proposed_by"}) {
      const std::string id = prefix + f;
      for (const FieldError& err : errors) {
        if (err.id == id) a[std::string(f) + "_error"] = err.message;
      }
    }
  }
  json view = {{"v", values}};
  view["agenda_rows"] = agenda.size();
  view["place_name"] = access.place.name;
  view["place_href"] = "/moteplasser/" + std::to_string(access.place.id);
  view["action"] = e.id ? MeetingEditPath(access.place.id, e.id) : MeetingFormPath(access.place.id);
  view["csrf_token"] = c.request.csrf_token;
  view["editing"] = e.id != 0;
  view["version"] = e.meeting.version;
  if (!notice.empty()) view["notice"] = notice;
  if (e.id) view["meeting_href"] = MeetingPath(access.place.id, e.id);
  json kinds = json::array();
  for (const char* k : {"ordinary", "extra"}) {
    kinds.push_back({{"value", k},
                     {"id", std::string(k) == "ordinary" ? "mt-kind" : "mt-kind-extra"},
                     {"label", Msg(std::string("ops.meeting_form.kind.") + k, lang)},
                     {"checked", values["kind"].get<std::string>() == k}});
  }
  view["kinds"] = kinds;
  json called = json::array({{{"value", ""},
                              {"label", Msg("ops.meeting_form.called_by_none", lang)},
                              {"selected", values["called_by"].get<std::string>().empty()}}});
  for (std::string_view s : ops::kSeats) {
    called.push_back({{"value", s},
                      {"label", Msg("ops.by." + std::string(s), lang)},
                      {"selected", values["called_by"].get<std::string>() == s}});
  }
  view["called_by_options"] = called;
  // Who was present: the meeting place's members (and anyone already recorded as present).
  std::set<std::int64_t> present;
  for (const json& id : values["attendance"]) {
    if (id.is_number_integer()) present.insert(id.get<std::int64_t>());
  }
  json people = json::array();
  std::set<std::int64_t> listed;
  if (auto members = app::ListOperations(pages.app().services, c.request.principal, Kind::kMembership, access.place.id);
      members.ok()) {
    const auto names = app::NamesOf(pages.app().services, members->records);
    for (const ops::Record& m : members->records) {
      if (!listed.insert(m.person).second) continue;
      auto name = names.find(m.person);
      people.push_back(
          {{"value", m.person},
           {"id", people.empty() ? std::string("mt-attendance") : "mt-attendance-" + std::to_string(m.person)},
           {"label", name == names.end() || name->second.empty() ? "–" : name->second},
           {"checked", present.count(m.person) > 0}});
    }
  }
  view["people"] = people;
  view["has_people"] = !people.empty();
  AddFieldErrors(view, errors);
  const std::string heading = Msg(e.id ? "ops.meeting_form.edit_title" : "ops.meeting_form.title", lang);
  view["heading"] = heading;
  Response r = pages.Render(c, status, "operations/meeting_form", view, heading + " – " + access.place.name);
  r.Set("Cache-Control", "no-store");
  return r;
}

std::string FormPathOf(const Request& r, bool edit) {
  auto place_id = RouteId(r);
  if (!place_id.ok()) return "/";
  return edit ? MeetingEditPath(std::to_string(*place_id), r.params.at("meeting")) : MeetingFormPath(*place_id);
}

Result<Editing> Load(Pages& pages, PageContext& c, const app::OperationsAccess& access) {
  auto id = ParseId(c.request.params.at("meeting"));
  if (!id) return Error::NotFound("no such meeting");
  Editing e;
  ASSIGN_OR_RETURN(e.meeting,
                   app::GetOperation(pages.app().services, c.request.principal, Kind::kMeeting, access.place.id, *id));
  e.id = *id;
  return e;
}

Response Get(Pages& pages, PageContext& c, bool edit) {
  std::optional<Response> refused;
  auto access = ManagedPlace(pages, c, FormPathOf(c.request, edit), refused);
  if (!access.ok()) return RefusedPage(pages, c, refused, access.error());
  Editing e;
  if (edit) {
    auto loaded = Load(pages, c, *access);
    if (!loaded.ok()) return RefusedPage(pages, c, std::nullopt, loaded.error());
    e = std::move(*loaded);
  }
  std::string notice;
  if (c.request.Query("lagret")) notice = Msg("ops.meeting_form.saved", c.lang);
  return FormPage(pages, c, *access, e, 200, edit ? Stored(e.meeting) : Fresh(), {}, notice);
}

Response Post(Pages& pages, PageContext& c, bool edit) {
  Result<app::OperationsAccess> access = Error::Internal("not read");
  if (auto refused = RefusePost(pages, c, Kind::kMeeting, FormPathOf(c.request, edit), access)) return *refused;
  const Lang lang = c.lang;
  Editing e;
  if (edit) {
    auto loaded = Load(pages, c, *access);
    if (!loaded.ok()) return RefusedPage(pages, c, std::nullopt, loaded.error());
    e = std::move(*loaded);
  }
  const json values = Posted(c);
  std::vector<int> rows;
  std::vector<FieldError> errors;
  const json body = BodyOf(values, lang, rows, errors);
  if (!errors.empty()) return FormPage(pages, c, *access, e, 400, values, errors, "");
  if (edit && FormVersion(c.form) != e.meeting.version) {
    return FormPage(pages, c, *access, e, 409, values, {}, Msg("ops.form.stale", lang));
  }
  auto& s = pages.app().services;
  auto saved = edit ? app::UpdateOperation(s, c.request.principal, Kind::kMeeting, access->place.id, e.id, body,
                                           e.meeting.version)
                    : app::CreateOperation(s, c.request.principal, Kind::kMeeting, access->place.id, body);
  if (!saved.ok()) {
    if (saved.error().code == ErrorCode::kConflict) {
      return FormPage(pages, c, *access, e, 409, values, {}, Msg("ops.form.stale", lang));
    }
    if (saved.error().code != ErrorCode::kInvalid) return RefusedPage(pages, c, std::nullopt, saved.error());
    return FormPage(pages, c, *access, e, 400, values, {ErrorOf(saved.error(), rows, lang)}, "");
  }
  return Redirect(MeetingEditPath(access->place.id, saved->id) + "?lagret=1");
}

}  // namespace meeting_form
}  // namespace

void AddMeetingFormRoutes(ModuleContext& m) {
  AddFormRoutes(m, MeetingFormPath("{id}"), MeetingEditPath("{id}", "{meeting}"), meeting_form::Get,
                meeting_form::Post);
}

}  // namespace moteplass::http::operations
