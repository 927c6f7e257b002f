// The secretary's form for a meeting place's members (issue 10, item 1): a person and their
// membership on one page (name, whether they agreed to be shown, role, seat, on whose behalf,
// paid or not, start and end; ending a membership is giving it its last day). The special
// categories (immigrant background, country of background) are in the form only for those
// app::GetPerson lets see them. Without JavaScript, with the session's CSRF token, the error
// summary naming each field, and the versions of the person and the membership the form was
// based on: a stale one keeps what was typed and says so. Every write goes through the API's use
// cases (app::CreatePerson, CreateOperation, UpdatePerson, UpdateOperation).
#include <cctype>
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
namespace membership_form {

using nlohmann::json;
using ops::Kind;

// The record being edited (none for a new membership).
struct Editing {
  std::int64_t id = 0;
  ops::Record membership;
  app::PersonAccess person;
};

std::string FormPath(std::int64_t place, const Editing& e) {
  return e.id ? MembershipEditPath(place, e.id) : MembershipFormPath(place);
}

// The typed values of a posted form.
json Posted(const PageContext& c) {
  json v = json::object();
  for (const char* f :
       {"name", "role", "seat", "on_behalf_of", "starts", "ends", "immigrant_background", "country_of_background"}) {
    v[f] = FormValue(c.form, f);
  }
  for (const char* f : {"show_publicly", "paid", "consent"}) v[f] = FormValue(c.form, f) == "on";
  return v;
}

// The stored values as the form shows them.
json Stored(const Editing& e) {
  const json& m = e.membership.data;
  const json& p = e.person.person.data;
  json v = {{"name", p.value("name", "")},
            {"role", m.value("role", "member")},
            {"seat", m["seat"].is_string() ? m["seat"].get<std::string>() : ""},
            {"on_behalf_of", m["on_behalf_of"].is_string() ? m["on_behalf_of"].get<std::string>() : ""},
            {"starts", TypedDate(m["starts"])},
            {"ends", TypedDate(m["ends"])},
            {"show_publicly", p.value("show_publicly", false)},
            {"paid", m.value("paid", false)},
            {"consent", p["special_category_basis"].is_string()}};
  const json& bg = p["immigrant_background"];
  v["immigrant_background"] = bg.is_boolean() ? (bg.get<bool>() ? "yes" : "no") : bg.is_string() ? "declined" : "";
  v["country_of_background"] = p["country_of_background"].is_string() ? p["country_of_background"] : json("");
  return v;
}

// The field of the page an API pointer names.
std::string FieldOf(const std::string& pointer) {
  const std::string f = pointer.empty() ? "name" : pointer.substr(1);
  return f == "special_category_basis" ? "consent" : f;
}

std::string ErrorKey(const std::string& field) {
  if (field == "name" || field == "starts" || field == "ends" || field == "country_of_background" ||
      field == "consent" || field == "seat") {
    return "ops.member_form.error." + field;
  }
  if (field == "role" || field == "immigrant_background") return "ops.member_form.error.choice";
  return "ops.case_form.error.text";
}

// The person's and the membership's API bodies from the typed values; a typed date that is not
// one is an error on its field.
void Bodies(const json& v, const Editing& e, bool special, Lang lang, json& person, json& membership,
            std::vector<FieldError>& errors) {
  person = json::object();
  if (!v["name"].get<std::string>().empty()) person["name"] = v["name"];
  person["show_publicly"] = v["show_publicly"];
  if (e.id) {
    // What the form does not show is kept as it is.
    const json& p = e.person.person.data;
    for (const char* f : {"gender", "birth_year"}) person[f] = p[f];
  }
  if (special) {
    const std::string bg = v["immigrant_background"];
    person["immigrant_background"] = bg == "yes"  ? json(true)
                                     : bg == "no" ? json(false)
                                     : bg.empty() ? json()
                                                  : json(bg);
    std::string country = v["country_of_background"];
    if (country.size() == 2) {
      for (char& ch : country) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    }
    person["country_of_background"] = country.empty() ? json() : json(country);
    if (v["consent"].get<bool>()) person["special_category_basis"] = "consent";
  } else if (e.id) {
    const json& p = e.person.person.data;
    for (const char* f : {"immigrant_background", "country_of_background", "special_category_basis"}) {
      person[f] = p[f];
    }
  }
  membership = json::object();
  if (e.id) membership["person"] = e.membership.person;
  for (const char* f : {"role", "seat", "on_behalf_of"}) {
    if (!v[f].get<std::string>().empty()) membership[f] = v[f];
  }
  membership["paid"] = v["paid"];
  for (const char* f : {"starts", "ends"}) {
    const std::string typed = v[f];
    if (typed.empty()) continue;
    if (auto date = ParseTypedDate(typed)) {
      membership[f] = *date;
    } else {
      errors.push_back({std::string("m-") + f, Msg("ops.case_form.error.date", lang)});
    }
  }
}

Response FormPage(Pages& pages, PageContext& c, const app::OperationsAccess& access, const Editing& e, int status,
                  const json& values, const std::vector<FieldError>& errors, const std::string& notice) {
  const Lang lang = c.lang;
  json view = {{"v", values}};
  view["place_name"] = access.place.name;
  view["place_href"] = "/moteplasser/" + std::to_string(access.place.id);
  view["action"] = FormPath(access.place.id, e);
  view["csrf_token"] = c.request.csrf_token;
  view["editing"] = e.id != 0;
  view["version"] = e.membership.version;
  view["person_version"] = e.person.person.version;
  const bool special = e.id ? e.person.special_categories : access.manage;
  view["special"] = special;
  if (!notice.empty()) view["notice"] = notice;
  json roles = json::array();
  for (std::string_view r : ops::kMemberRoles) {
    roles.push_back({{"value", r},
                     {"label", Msg("ops.role." + std::string(r), lang)},
                     {"selected", values["role"].get<std::string>() == r}});
  }
  view["roles"] = roles;
  json seats = json::array({{{"value", ""},
                             {"label", Msg("ops.member_form.seat_none", lang)},
                             {"selected", values["seat"].get<std::string>().empty()}}});
  for (std::string_view s : ops::kSeats) {
    seats.push_back({{"value", s},
                     {"label", Msg("ops.seat." + std::string(s), lang)},
                     {"selected", values["seat"].get<std::string>() == s}});
  }
  view["seats"] = seats;
  json backgrounds = json::array();
  for (const char* b : {"", "yes", "no", "declined"}) {
    const std::string value = b;
    backgrounds.push_back({{"value", value},
                           {"id", value.empty() ? "m-immigrant_background" : "m-immigrant_background-" + value},
                           {"label", Msg("ops.member_form.background." + (value.empty() ? "unknown" : value), lang)},
                           {"checked", values["immigrant_background"].get<std::string>() == value}});
  }
  view["backgrounds"] = backgrounds;
  AddFieldErrors(view, errors);
  const std::string heading = Msg(e.id ? "ops.member_form.edit_title" : "ops.member_form.title", lang);
  view["heading"] = heading;
  Response r = pages.Render(c, status, "operations/membership_form", view, heading + " – " + access.place.name);
  r.Set("Cache-Control", "no-store");
  return r;
}

// The membership of the route and its person, as the caller may see them.
Result<Editing> Load(Pages& pages, PageContext& c, const app::OperationsAccess& access) {
  Editing e;
  auto id = ParseId(c.request.params.at("membership"));
  if (!id) return Error::NotFound("no such membership");
  ASSIGN_OR_RETURN(e.membership, app::GetOperation(pages.app().services, c.request.principal, Kind::kMembership,
                                                   access.place.id, *id));
  ASSIGN_OR_RETURN(e.person, app::GetPerson(pages.app().services, c.request.principal, e.membership.person));
  e.id = *id;
  return e;
}

Response Get(Pages& pages, PageContext& c, bool edit) {
  std::optional<Response> refused;
  auto place_id = RouteId(c.request);
  const std::string path = !place_id.ok() ? "/"
                           : edit ? MembershipEditPath(std::to_string(*place_id), c.request.params.at("membership"))
                                  : MembershipFormPath(*place_id);
  auto access = ManagedPlace(pages, c, path, refused);
  if (!access.ok()) return RefusedPage(pages, c, refused, access.error());
  Editing e;
  if (edit) {
    auto loaded = Load(pages, c, *access);
    if (!loaded.ok()) return RefusedPage(pages, c, std::nullopt, loaded.error());
    e = std::move(*loaded);
  }
  std::string notice;
  if (c.request.Query("lagret")) notice = Msg("ops.member_form.saved", c.lang);
  json values = edit ? Stored(e)
                     : json{{"name", ""},
                            {"role", "member"},
                            {"seat", ""},
                            {"on_behalf_of", ""},
                            {"starts", ""},
                            {"ends", ""},
                            {"paid", false},
                            {"show_publicly", false},
                            {"consent", false},
                            {"immigrant_background", ""},
                            {"country_of_background", ""}};
  return FormPage(pages, c, *access, e, 200, values, {}, notice);
}

Response Post(Pages& pages, PageContext& c, bool edit) {
  auto place_id = RouteId(c.request);
  const std::string path = !place_id.ok() ? "/"
                           : edit ? MembershipEditPath(std::to_string(*place_id), c.request.params.at("membership"))
                                  : MembershipFormPath(*place_id);
  Result<app::OperationsAccess> access = Error::Internal("not read");
  if (auto refused = RefusePost(pages, c, Kind::kMembership, path, access)) return *refused;
  const Lang lang = c.lang;
  Editing e;
  if (edit) {
    auto loaded = Load(pages, c, *access);
    if (!loaded.ok()) return RefusedPage(pages, c, std::nullopt, loaded.error());
    e = std::move(*loaded);
  }
  const bool special = edit ? e.person.special_categories : access->manage;
  const json values = Posted(c);
  std::vector<FieldError> errors;
  json person, membership;
  Bodies(values, e, special, lang, person, membership, errors);
  if (!errors.empty()) return FormPage(pages, c, *access, e, 400, values, errors, "");
  // Someone else changed it while this was typed: keep what was typed, say so, and base the next
  // save on what is stored now.
  if (edit && (FormVersion(c.form) != e.membership.version ||
               ParseId(FormValue(c.form, "person_version")).value_or(0) != e.person.person.version)) {
    return FormPage(pages, c, *access, e, 409, values, {}, Msg("ops.form.stale", lang));
  }
  // Both are checked before either is written, so that a mistake in one stores neither.
  auto invalid = [&](const Error& err) {
    if (err.code != ErrorCode::kInvalid) return RefusedPage(pages, c, std::nullopt, err);
    const std::string field = FieldOf(err.pointer);
    return FormPage(pages, c, *access, e, 400, values, {{"m-" + field, Msg(ErrorKey(field), lang)}}, "");
  };
  auto parsed_person = ops::ParsePerson(person);
  if (!parsed_person.ok()) return invalid(parsed_person.error());
  // A new membership's person is not stored yet: any id stands in for it while checking.
  json checked = membership;
  if (!checked.contains("person")) checked["person"] = 1;
  auto parsed_membership = ops::ParseMembership(checked);
  if (!parsed_membership.ok()) return invalid(parsed_membership.error());
  auto& s = pages.app().services;
  const Principal& who = c.request.principal;
  if (!edit) {
    auto created_person = app::CreatePerson(s, who, person);
    if (!created_person.ok()) return invalid(created_person.error());
    membership["person"] = created_person->id;
    auto created = app::CreateOperation(s, who, Kind::kMembership, access->place.id, membership);
    if (!created.ok()) return invalid(created.error());
    return Redirect(MembershipFormPath(access->place.id) + "?lagret=" + std::to_string(created->id));
  }
  if (*parsed_person != e.person.person.data) {
    auto updated = app::UpdatePerson(s, who, e.membership.person, person, e.person.person.version);
    if (!updated.ok()) {
      if (updated.error().code == ErrorCode::kConflict) {
        return FormPage(pages, c, *access, e, 409, values, {}, Msg("ops.form.stale", lang));
      }
      return invalid(updated.error());
    }
  }
  if (*parsed_membership != e.membership.data) {
    auto updated = app::UpdateOperation(s, who, Kind::kMembership, access->place.id, e.id, membership,
                                        e.membership.version);
    if (!updated.ok()) {
      if (updated.error().code == ErrorCode::kConflict) {
        return FormPage(pages, c, *access, e, 409, values, {}, Msg("ops.form.stale", lang));
      }
      return invalid(updated.error());
    }
  }
  return Redirect(MembershipEditPath(access->place.id, e.id) + "?lagret=1");
}

}  // namespace membership_form
}  // namespace

void AddMembershipFormRoutes(ModuleContext& m) {
  AddFormRoutes(m, MembershipFormPath("{id}"), MembershipEditPath("{id}", "{membership}"), membership_form::Get,
                membership_form::Post);
}

}  // namespace moteplass::http::operations
