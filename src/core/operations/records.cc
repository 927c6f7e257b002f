#include "core/operations/records.h"

#include <algorithm>
#include <cctype>

#include "core/operations/fields.h"
#include "core/register/meeting_place.h"
#include "core/status_macros.h"

namespace moteplass::ops {
namespace {

using nlohmann::json;

std::vector<std::string_view> List(std::initializer_list<std::string_view> l) { return l; }
template <std::size_t N>
std::vector<std::string_view> List(const std::string_view (&a)[N]) {
  return std::vector<std::string_view>(std::begin(a), std::end(a));
}

// A reference to another record: a positive whole number, or null when `nullable`.
Result<json> IdField(const json& body, const std::string& key, const std::string& prefix, bool nullable) {
  return IntField(body, key, prefix, 1, (std::int64_t{1} << 53), !nullable);
}

bool IsCountryCode(const std::string& s) {
  return s.size() == 2 && std::isupper(static_cast<unsigned char>(s[0])) &&
         std::isupper(static_cast<unsigned char>(s[1]));
}

// A seat that called a meeting or proposed an item: one of kSeats or null.
Result<json> SeatOrNull(const json& body, const std::string& key, const std::string& prefix) {
  return EnumField(body, key, prefix, List(kSeats), json());
}

Result<json> ParseAgendaItem(const json& item, const std::string& ptr, int position) {
  RETURN_IF_ERROR(CheckObject(item, ptr, {"number", "order", "title", "proposed_by", "case", "public"}));
  json out;
  ASSIGN_OR_RETURN(out["number"], TextField(item, "number", ptr, false, TextLines::kOne, 40));
  ASSIGN_OR_RETURN(json order, IntField(item, "order", ptr, 1, 1000, false));
  out["order"] = order.is_null() ? json(position) : order;
  ASSIGN_OR_RETURN(out["title"], TextField(item, "title", ptr, true, TextLines::kOne, 500));
  ASSIGN_OR_RETURN(out["proposed_by"], SeatOrNull(item, "proposed_by", ptr));
  ASSIGN_OR_RETURN(out["case"], IdField(item, "case", ptr, true));
  ASSIGN_OR_RETURN(out["public"], BoolField(item, "public", ptr, true));
  return out;
}

}  // namespace

std::string_view EntityType(Kind kind) {
  switch (kind) {
    case Kind::kPerson: return "person";
    case Kind::kMembership: return "membership";
    case Kind::kMeeting: return "meeting";
    case Kind::kCase: return "case";
  }
  return "";
}

std::string_view Plural(Kind kind) {
  switch (kind) {
    case Kind::kPerson: return "people";
    case Kind::kMembership: return "memberships";
    case Kind::kMeeting: return "meetings";
    case Kind::kCase: return "cases";
  }
  return "";
}

Result<json> ParsePerson(const json& body) {
  const std::string p;
  RETURN_IF_ERROR(
      CheckObject(body, p,
                  {"name", "gender", "birth_year", "immigrant_background", "country_of_background",
                   "special_category_basis", "show_publicly", "version", "id", "created_at", "updated_at", "links"}));
  json out;
  ASSIGN_OR_RETURN(out["name"], TextField(body, "name", p, true, TextLines::kOne, 200));
  ASSIGN_OR_RETURN(out["gender"],
                   EnumField(body, "gender", p, List({"woman", "man", "other", "unknown"}), json("unknown")));
  ASSIGN_OR_RETURN(out["birth_year"], IntField(body, "birth_year", p, 1900, 2100, false));
  // immigrant_background: true, false, "declined" or null.
  json background;
  if (body.contains("immigrant_background") && !body["immigrant_background"].is_null()) {
    const json& v = body["immigrant_background"];
    if (!v.is_boolean() && v != json("declined")) {
      return Error::Invalid("expected true, false, \"declined\" or null", "/immigrant_background");
    }
    background = v;
  }
  out["immigrant_background"] = background;
  json country;
  if (body.contains("country_of_background") && !body["country_of_background"].is_null()) {
    const json& v = body["country_of_background"];
    if (!v.is_string() || (v != json("declined") && !IsCountryCode(v.get<std::string>()))) {
      return Error::Invalid("expected an ISO 3166-1 alpha-2 code such as \"SO\", \"declined\" or null",
                            "/country_of_background");
    }
    country = v;
  }
  out["country_of_background"] = country;
  ASSIGN_OR_RETURN(out["special_category_basis"],
                   EnumField(body, "special_category_basis", p, List({"consent"}), json()));
  if ((!background.is_null() || !country.is_null()) && out["special_category_basis"].is_null()) {
    return Error::Invalid(
        "immigrant background and country of background may be recorded only with a basis: \"consent\"",
        "/special_category_basis");
  }
  ASSIGN_OR_RETURN(out["show_publicly"], BoolField(body, "show_publicly", p, false));
  return out;
}

Result<json> ParseMembership(const json& body) {
  const std::string p;
  RETURN_IF_ERROR(CheckObject(body, p,
                              {"person", "role", "seat", "on_behalf_of", "paid", "starts", "ends", "version", "id",
                               "meeting_place", "created_at", "updated_at", "links", "name"}));
  json out;
  ASSIGN_OR_RETURN(out["person"], IdField(body, "person", p, false));
  ASSIGN_OR_RETURN(out["role"], EnumField(body, "role", p, List(kMemberRoles), json("member")));
  ASSIGN_OR_RETURN(out["seat"], EnumField(body, "seat", p, List(kSeats), json("")));
  ASSIGN_OR_RETURN(out["on_behalf_of"], TextField(body, "on_behalf_of", p, false, TextLines::kOne, 300));
  ASSIGN_OR_RETURN(out["paid"], BoolField(body, "paid", p, false));
  ASSIGN_OR_RETURN(out["starts"], DateField(body, "starts", p, true));
  ASSIGN_OR_RETURN(out["ends"], DateField(body, "ends", p, false));
  if (out["ends"].is_string() && out["ends"].get<std::string>() < out["starts"].get<std::string>()) {
    return Error::Invalid("a membership cannot end before it starts", "/ends");
  }
  return out;
}

Result<json> ParseMeeting(const json& body) {
  const std::string p;
  RETURN_IF_ERROR(
      CheckObject(body, p,
                  {"starts_at", "ends_at", "location", "kind", "called_by", "cancelled", "agenda", "minutes",
                   "attendance", "public", "version", "id", "meeting_place", "created_at", "updated_at", "links"}));
  json out;
  ASSIGN_OR_RETURN(out["starts_at"], InstantField(body, "starts_at", p, true));
  ASSIGN_OR_RETURN(out["ends_at"], InstantField(body, "ends_at", p, false));
  if (out["ends_at"].is_string() && out["ends_at"].get<std::string>() < out["starts_at"].get<std::string>()) {
    return Error::Invalid("a meeting cannot end before it starts", "/ends_at");
  }
  ASSIGN_OR_RETURN(out["location"], TextField(body, "location", p, false, TextLines::kOne, 300));
  ASSIGN_OR_RETURN(out["kind"], EnumField(body, "kind", p, List({"ordinary", "extra"}), json("ordinary")));
  ASSIGN_OR_RETURN(out["called_by"], SeatOrNull(body, "called_by", p));
  ASSIGN_OR_RETURN(out["cancelled"], BoolField(body, "cancelled", p, false));
  out["agenda"] = json::array();
  if (body.contains("agenda") && !body["agenda"].is_null()) {
    if (!body["agenda"].is_array()) return Error::Invalid("expected a list of agenda items", "/agenda");
    if (body["agenda"].size() > 200) return Error::Invalid("at most 200 agenda items", "/agenda");
    int position = 0;
    for (const json& item : body["agenda"]) {
      const std::string ptr = "/agenda/" + std::to_string(position);
      ASSIGN_OR_RETURN(json parsed, ParseAgendaItem(item, ptr, position + 1));
      out["agenda"].push_back(std::move(parsed));
      ++position;
    }
    std::stable_sort(out["agenda"].begin(), out["agenda"].end(),
                     [](const json& a, const json& b) { return a["order"].get<int>() < b["order"].get<int>(); });
  }
  ASSIGN_OR_RETURN(out["minutes"], TextField(body, "minutes", p, false, TextLines::kMany, 200000));
  out["attendance"] = json::array();
  if (body.contains("attendance") && !body["attendance"].is_null()) {
    if (!body["attendance"].is_array()) return Error::Invalid("expected a list of person ids", "/attendance");
    std::size_t i = 0;
    for (const json& v : body["attendance"]) {
      if (!v.is_number_integer() || v.get<std::int64_t>() < 1) {
        return Error::Invalid("expected a person id", "/attendance/" + std::to_string(i));
      }
      if (std::find(out["attendance"].begin(), out["attendance"].end(), v) == out["attendance"].end()) {
        out["attendance"].push_back(v);
      }
      ++i;
    }
  }
  ASSIGN_OR_RETURN(out["public"], BoolField(body, "public", p, true));
  return out;
}

Result<json> ParseCase(const json& body) {
  const std::string p;
  RETURN_IF_ERROR(CheckObject(
      body, p,
      {"title", "kind", "from_body", "case_number", "received", "deadline", "handled_at_meeting", "statement", "sent",
       "public", "decision", "version", "id", "meeting_place", "created_at", "updated_at", "links"}));
  json out;
  ASSIGN_OR_RETURN(out["title"], TextField(body, "title", p, true, TextLines::kOne, 500));
  ASSIGN_OR_RETURN(out["kind"], EnumField(body, "kind", p, List(kCaseKinds), json("")));
  ASSIGN_OR_RETURN(out["from_body"], TextField(body, "from_body", p, false, TextLines::kOne, 300));
  ASSIGN_OR_RETURN(out["case_number"], TextField(body, "case_number", p, false, TextLines::kOne, 60));
  ASSIGN_OR_RETURN(out["received"], DateField(body, "received", p, true));
  ASSIGN_OR_RETURN(out["deadline"], DateField(body, "deadline", p, false));
  ASSIGN_OR_RETURN(out["handled_at_meeting"], IdField(body, "handled_at_meeting", p, true));
  ASSIGN_OR_RETURN(out["statement"], TextField(body, "statement", p, false, TextLines::kMany, 200000));
  ASSIGN_OR_RETURN(out["sent"], DateField(body, "sent", p, false));
  if (out["sent"].is_string() && out["sent"].get<std::string>() < out["received"].get<std::string>()) {
    return Error::Invalid("a statement cannot be sent before the case was received", "/sent");
  }
  ASSIGN_OR_RETURN(out["public"], BoolField(body, "public", p, true));
  out["decision"] = json();
  if (body.contains("decision") && !body["decision"].is_null()) {
    const json& d = body["decision"];
    const std::string dp = "/decision";
    RETURN_IF_ERROR(CheckObject(d, dp, {"body", "date", "outcome", "note", "reference"}));
    json dec;
    ASSIGN_OR_RETURN(dec["body"], TextField(d, "body", dp, false, TextLines::kOne, 300));
    ASSIGN_OR_RETURN(dec["date"], DateField(d, "date", dp, false));
    ASSIGN_OR_RETURN(dec["outcome"], EnumField(d, "outcome", dp, List(kOutcomes), json("unknown")));
    ASSIGN_OR_RETURN(dec["note"], TextField(d, "note", dp, false, TextLines::kMany, 20000));
    ASSIGN_OR_RETURN(dec["reference"], TextField(d, "reference", dp, false, TextLines::kOne, 300));
    out["decision"] = dec;
  }
  return out;
}

Result<json> Parse(Kind kind, const json& body) {
  switch (kind) {
    case Kind::kPerson: return ParsePerson(body);
    case Kind::kMembership: return ParseMembership(body);
    case Kind::kMeeting: return ParseMeeting(body);
    case Kind::kCase: return ParseCase(body);
  }
  return Error::Internal("unknown kind");
}

std::vector<FieldChange> ChangesOf(Kind kind, const json& before, const json& after) {
  std::vector<FieldChange> changes = Diff(before, after);
  if (kind != Kind::kPerson) return changes;
  for (FieldChange& c : changes) {
    for (std::string_view field : kSpecialFields) {
      const std::string ptr = "/" + std::string(field);
      if (c.pointer == ptr || c.pointer.rfind(ptr + "/", 0) == 0) {
        c.before = nullptr;
        c.after = nullptr;
      }
    }
  }
  return changes;
}

bool IsElectionYear(int year) { return year >= 2023 ? (year - 2023) % 4 == 0 : (2023 - year) % 4 == 0; }

std::pair<std::string, std::string> TermOf(std::string_view date) {
  int year = std::stoi(std::string(date.substr(0, 4)));
  const bool before_november = date.substr(5, 5) < "11-01";
  int start = year;
  while (!IsElectionYear(start)) --start;
  if (start == year && before_november) start -= 4;
  return {std::to_string(start) + "-11-01", std::to_string(start + 4) + "-10-31"};
}

}  // namespace moteplass::ops
