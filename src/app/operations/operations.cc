#include "app/operations/operations.h"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <map>
#include <set>

#include "core/operations/fields.h"
#include "core/operations/influence.h"
#include "core/operations/without_names.h"
#include "core/status_macros.h"

namespace moteplass::app {
namespace {

using nlohmann::json;
using ops::Kind;

std::string Path(Kind kind, std::int64_t place, std::int64_t id) {
  if (kind == Kind::kPerson) return "/api/v1/people/" + std::to_string(id);
  return "/api/v1/meeting-places/" + std::to_string(place) + "/" + std::string(ops::Plural(kind)) + "/" +
         std::to_string(id);
}

json Bookkeeping(Kind kind, const ops::Record& r) {
  return json{{"id", r.id},
              {"version", r.version},
              {"created_at", r.created_at},
              {"updated_at", r.updated_at},
              {"links", {{"self", Path(kind, r.meeting_place, r.id)}}}};
}

Error NoSuch(Kind kind, std::int64_t id) {
  return Error::NotFound("no " + std::string(ops::EntityType(kind)) + " has the id " + std::to_string(id));
}

Status RequirePrecondition(Services& s, const Principal& who, Action action, const std::string& target,
                           std::int64_t expected_version) {
  if (expected_version != kNoPrecondition) return {};
  return Outcome(s, who, action, "meeting_place", target,
                 Error::Invalid("a change to an existing record must say which version it is based on: send "
                                "If-Match with the record's ETag (such as \"3\") or its \"version\" in the body",
                                "/headers/if-match", "precondition_required"),
                 false);
}

// Whether the caller may see `r` of a meeting place with `access`.
bool Visible(Kind kind, const ops::Record& r, const OperationsAccess& access, Services& s) {
  if (access.every()) return true;
  if (kind == Kind::kMembership) {
    auto person = s.store.operations().Get(Kind::kPerson, r.person);
    return person.ok() && !person->erased && person->data.value("show_publicly", false);
  }
  return r.data.value("public", false);
}

// For a caller who reads without names: the records as ops::WithoutNames leaves them, and the
// read in the audit log (which meeting place, never what was read).
void WithoutNamesFor(Services& s, const Principal& who, Kind kind, const OperationsAccess& access,
                     std::vector<ops::Record>& records) {
  if (!access.without_names) return;
  for (ops::Record& r : records) r.data = ops::WithoutNames(kind, r.data);
  (void)Outcome(s, who, Action::kOperationsReadWithoutNames, "meeting_place", std::to_string(access.place.id), Status(),
                false);
}

void SortForList(Kind kind, std::vector<ops::Record>& records) {
  auto key = [kind](const ops::Record& r) {
    if (kind == Kind::kMeeting) return r.data.value("starts_at", std::string());
    if (kind == Kind::kCase) return r.data.value("received", std::string());
    return std::string();
  };
  std::stable_sort(records.begin(), records.end(),
                   [&](const ops::Record& a, const ops::Record& b) { return key(a) < key(b); });
}

// The meeting places of a person's memberships that are still there.
std::vector<MeetingPlace> PlacesOf(Services& s, const std::vector<ops::Record>& memberships) {
  std::vector<MeetingPlace> places;
  std::set<std::int64_t> seen;
  for (const ops::Record& m : memberships) {
    if (!seen.insert(m.meeting_place).second) continue;
    auto place = s.store.meeting_places().Get(m.meeting_place);
    if (place.ok()) places.push_back(*place);
  }
  return places;
}

void TellPlaces(Services& s, const std::vector<MeetingPlace>& places) {
  std::vector<std::string> tags;
  for (const MeetingPlace& p : places) tags.push_back(MeetingPlaceTag(p.id));
  if (!tags.empty()) s.changed(tags);
}

// Checks what a document points at inside its meeting place: a membership's person (one the
// caller may see, or one with no memberships yet), a meeting's attendance and agenda cases, a
// case's meeting. kInvalid naming the field.
Status CheckReferences(Services& s, const Principal& who, Kind kind, std::int64_t place, const json& data) {
  OperationsStore& store = s.store.operations();
  if (kind == Kind::kMembership) {
    const std::int64_t person = data["person"].get<std::int64_t>();
    const Error none = Error::Invalid("no person has the id " + std::to_string(person), "/person");
    auto record = store.Get(Kind::kPerson, person);
    if (!record.ok() || record->erased) return none;
    ASSIGN_OR_RETURN(auto memberships, store.MembershipsOf(person));
    if (Decide(who, Action::kPersonRead, RecordLocation{}).allowed) return {};
    if (memberships.empty()) {
      // A person with no membership yet: only whoever recorded it may place it (else any
      // secretary could read another's new records by guessing their ids).
      ASSIGN_OR_RETURN(auto history, s.store.journal().History("person", std::to_string(person)));
      const bool own = !history.empty() && history.back().action == "create" && history.back().by == AuthorOf(who);
      return own ? Status() : Status(none);
    }
    for (const MeetingPlace& p : PlacesOf(s, memberships)) {
      if (p.id == place || Decide(who, Action::kPersonRead, LocationOf(p)).allowed) return {};
    }
    return none;
  }
  if (kind == Kind::kMeeting) {
    if (!data["attendance"].empty()) {
      ASSIGN_OR_RETURN(auto memberships, store.List(Kind::kMembership, place));
      std::set<std::int64_t> members;
      for (const ops::Record& m : memberships) members.insert(m.person);
      for (std::size_t i = 0; i < data["attendance"].size(); ++i) {
        if (!members.count(data["attendance"][i].get<std::int64_t>())) {
          return Error::Invalid("not a member of this meeting place", "/attendance/" + std::to_string(i));
        }
      }
    }
    for (std::size_t i = 0; i < data["agenda"].size(); ++i) {
      const json& c = data["agenda"][i]["case"];
      if (c.is_null()) continue;
      auto found = store.Get(Kind::kCase, c.get<std::int64_t>());
      if (!found.ok() || found->meeting_place != place) {
        return Error::Invalid("no case of this meeting place has the id " + c.dump(),
                              "/agenda/" + std::to_string(i) + "/case");
      }
    }
  }
  if (kind == Kind::kCase && data["handled_at_meeting"].is_number_integer()) {
    auto found = store.Get(Kind::kMeeting, data["handled_at_meeting"].get<std::int64_t>());
    if (!found.ok() || found->meeting_place != place) {
      return Error::Invalid("no meeting of this meeting place has the id " + data["handled_at_meeting"].dump(),
                            "/handled_at_meeting");
    }
  }
  return {};
}

}  // namespace

std::string TodayInOslo() {
  return ops::OsloDate(std::chrono::system_clock::to_time_t(std::chrono::system_clock::now()));
}

Result<OperationsAccess> OperationsOf(Services& s, const Principal& who, std::int64_t meeting_place) {
  ASSIGN_OR_RETURN(MeetingPlace place, GetMeetingPlace(s, who, meeting_place));
  OperationsAccess a;
  a.manage = Decide(who, Action::kOperationsManage, LocationOf(place)).allowed;
  a.internal = Decide(who, Action::kOperationsReadInternal, LocationOf(place)).allowed;
  a.without_names = !a.internal && Decide(who, Action::kOperationsReadWithoutNames, LocationOf(place)).allowed;
  a.place = std::move(place);
  return a;
}

json PersonView(const ops::Record& person, bool special_categories) {
  json out = Bookkeeping(Kind::kPerson, person);
  for (auto& [key, value] : person.data.items()) {
    const bool special = key == "immigrant_background" || key == "country_of_background" ||
                         key == "special_category_basis";
    if (!special || special_categories) out[key] = value;
  }
  return out;
}

json RecordView(Kind kind, const ops::Record& r, const OperationsAccess& access, const std::string& person_name) {
  if (kind == Kind::kMembership && !access.every()) {
    return json{{"id", r.id},
                {"name", person_name.empty() ? json() : json(person_name)},
                {"role", r.data["role"]},
                {"links", {{"self", Path(kind, r.meeting_place, r.id)}}}};
  }
  json out = Bookkeeping(kind, r);
  out["meeting_place"] = r.meeting_place;
  json data = access.without_names ? ops::WithoutNames(kind, r.data) : r.data;
  if (kind == Kind::kMeeting && !access.every()) {
    data.erase("attendance");
    json agenda = json::array();
    for (const json& item : data["agenda"]) {
      if (item.value("public", true)) agenda.push_back(item);
    }
    data["agenda"] = agenda;
  }
  out.update(data);
  if (kind == Kind::kMembership) {
    out["name"] = person_name.empty() || access.without_names ? json() : json(person_name);
    // The municipal term the membership starts in (terms follow the election cycle).
    if (r.data["starts"].is_string()) {
      const auto [starts, ends] = ops::TermOf(r.data["starts"].get<std::string>());
      out["term"] = {{"starts", starts}, {"ends", ends}};
    }
  }
  return out;
}

std::map<std::int64_t, std::string> NamesOf(Services& s, const std::vector<ops::Record>& memberships) {
  std::map<std::int64_t, std::string> names;
  for (const ops::Record& m : memberships) {
    if (names.count(m.person)) continue;
    auto p = s.store.operations().Get(Kind::kPerson, m.person);
    names[m.person] = p.ok() && p->data["name"].is_string() ? p->data["name"].get<std::string>() : "";
  }
  return names;
}

// ---- People ------------------------------------------------------------------------------------

Result<std::vector<ops::Record>> ListPeople(Services& s, const Principal& who) {
  if (!who.user || who.user->disabled) return Error::Unauthenticated("log in first to see people");
  if (!MayAnywhere(who, Action::kPersonRead)) {
    return Error::Forbidden("a person is visible only through the meeting places your role manages");
  }
  if (Decide(who, Action::kPersonRead, RecordLocation{}).allowed) return s.store.operations().List(Kind::kPerson, 0);
  ASSIGN_OR_RETURN(std::vector<MeetingPlace> places, s.store.meeting_places().All());
  std::map<std::int64_t, ops::Record> people;
  for (const MeetingPlace& p : places) {
    if (!Decide(who, Action::kPersonRead, LocationOf(p)).allowed) continue;
    ASSIGN_OR_RETURN(auto list, s.store.operations().List(Kind::kPerson, p.id));
    for (ops::Record& r : list) people.emplace(r.id, std::move(r));
  }
  std::vector<ops::Record> out;
  for (auto& [id, r] : people) out.push_back(std::move(r));
  return out;
}

Result<PersonAccess> GetPerson(Services& s, const Principal& who, std::int64_t id) {
  if (!who.user || who.user->disabled) return Error::Unauthenticated("log in first to see people");
  auto person = s.store.operations().Get(Kind::kPerson, id);
  if (!person.ok() || person->erased) return NoSuch(Kind::kPerson, id);
  ASSIGN_OR_RETURN(auto memberships, s.store.operations().MembershipsOf(id));
  PersonAccess out{*person, Decide(who, Action::kOperationsManage, RecordLocation{}).allowed};
  bool visible = Decide(who, Action::kPersonRead, RecordLocation{}).allowed;
  for (const MeetingPlace& p : PlacesOf(s, memberships)) {
    if (Decide(who, Action::kPersonRead, LocationOf(p)).allowed) visible = true;
    if (Decide(who, Action::kOperationsManage, LocationOf(p)).allowed) out.special_categories = true;
  }
  if (!visible) return NoSuch(Kind::kPerson, id);
  return out;
}

Result<ops::Record> CreatePerson(Services& s, const Principal& who, const json& body) {
  const Action action = Action::kOperationsManage;
  if (!MayAnywhere(who, action)) RETURN_IF_ERROR(Authorize(s, who, action, RecordLocation{}, "person", ""));
  ASSIGN_OR_RETURN(json data, ops::ParsePerson(body));
  Result<ops::Record> created = s.store.operations().Create(Kind::kPerson, 0, data, WriteContextOf(who, 0));
  if (!created.ok()) return Outcome(s, who, action, "person", "", created.error(), false).error();
  return created;
}

// The person for a change: visible to the caller, and in a meeting place the caller manages
// (a person with no memberships: administrators only). Audits a refusal.
Result<PersonAccess> PersonForChange(Services& s, const Principal& who, std::int64_t id) {
  ASSIGN_OR_RETURN(PersonAccess person, GetPerson(s, who, id));
  if (person.special_categories) return person;
  ASSIGN_OR_RETURN(auto memberships, s.store.operations().MembershipsOf(id));
  const std::vector<MeetingPlace> places = PlacesOf(s, memberships);
  RETURN_IF_ERROR(Authorize(s, who, Action::kOperationsManage,
                            places.empty() ? RecordLocation{} : LocationOf(places.front()), "person",
                            std::to_string(id)));
  return person;
}

Result<ops::Record> UpdatePerson(Services& s, const Principal& who, std::int64_t id, const json& body,
                                 std::int64_t expected_version) {
  const Action action = Action::kOperationsManage;
  RETURN_IF_ERROR(PersonForChange(s, who, id));
  RETURN_IF_ERROR(RequirePrecondition(s, who, action, std::to_string(id), expected_version));
  ASSIGN_OR_RETURN(json data, ops::ParsePerson(body));
  Result<ops::Record> updated = s.store.operations().Update(Kind::kPerson, id, data,
                                                            WriteContextOf(who, expected_version));
  if (!updated.ok()) return Outcome(s, who, action, "person", std::to_string(id), updated.error(), false).error();
  ASSIGN_OR_RETURN(auto memberships, s.store.operations().MembershipsOf(id));
  TellPlaces(s, PlacesOf(s, memberships));
  return updated;
}

Status ErasePerson(Services& s, const Principal& who, std::int64_t id, std::int64_t expected_version) {
  const Action action = Action::kOperationsManage;
  RETURN_IF_ERROR(PersonForChange(s, who, id));
  RETURN_IF_ERROR(RequirePrecondition(s, who, action, std::to_string(id), expected_version));
  ASSIGN_OR_RETURN(auto memberships, s.store.operations().MembershipsOf(id));
  Status erased = s.store.operations().Delete(Kind::kPerson, id, WriteContextOf(who, expected_version));
  if (!erased.ok()) return Outcome(s, who, action, "person", std::to_string(id), erased, false);
  TellPlaces(s, PlacesOf(s, memberships));
  return {};
}

Status MergePeople(Services& s, const Principal& who, std::int64_t from, const json& body) {
  const Action action = Action::kPersonMerge;
  RETURN_IF_ERROR(Authorize(s, who, action, RecordLocation{}, "person", std::to_string(from)));
  RETURN_IF_ERROR(ops::CheckObject(body, "", {"into"}));
  ASSIGN_OR_RETURN(json into, ops::IntField(body, "into", "", 1, std::int64_t{1} << 53, true));
  const std::int64_t target = into.get<std::int64_t>();
  auto kept = s.store.operations().Get(Kind::kPerson, target);
  if (!kept.ok() || kept->erased) return Error::Invalid("no person has the id " + into.dump(), "/into");
  ASSIGN_OR_RETURN(auto memberships, s.store.operations().MembershipsOf(from));
  Status merged = s.store.operations().MergePeople(from, target, WriteContextOf(who, 0));
  if (!merged.ok()) return Outcome(s, who, action, "person", std::to_string(from), merged, false);
  TellPlaces(s, PlacesOf(s, memberships));
  return {};
}

// ---- Memberships, meetings, cases --------------------------------------------------------------

Result<OperationsList> ListOperations(Services& s, const Principal& who, Kind kind, std::int64_t meeting_place) {
  ASSIGN_OR_RETURN(OperationsAccess access, OperationsOf(s, who, meeting_place));
  ASSIGN_OR_RETURN(auto all, s.store.operations().List(kind, meeting_place));
  OperationsList out{std::move(access), {}};
  for (ops::Record& r : all) {
    if (Visible(kind, r, out.access, s)) out.records.push_back(std::move(r));
  }
  SortForList(kind, out.records);
  WithoutNamesFor(s, who, kind, out.access, out.records);
  return out;
}

Result<ops::Record> GetOperation(Services& s, const Principal& who, Kind kind, std::int64_t meeting_place,
                                 std::int64_t id, OperationsAccess* access_out) {
  ASSIGN_OR_RETURN(OperationsAccess access, OperationsOf(s, who, meeting_place));
  auto r = s.store.operations().Get(kind, id);
  if (!r.ok() || r->meeting_place != meeting_place || !Visible(kind, *r, access, s)) return NoSuch(kind, id);
  std::vector<ops::Record> one = {std::move(*r)};
  WithoutNamesFor(s, who, kind, access, one);
  if (access_out) *access_out = std::move(access);
  return std::move(one.front());
}

Result<ops::Record> CreateOperation(Services& s, const Principal& who, Kind kind, std::int64_t meeting_place,
                                    const json& body) {
  const Action action = Action::kOperationsManage;
  const std::string target = std::to_string(meeting_place);
  ASSIGN_OR_RETURN(OperationsAccess access, OperationsOf(s, who, meeting_place));
  RETURN_IF_ERROR(Authorize(s, who, action, LocationOf(access.place), "meeting_place", target));
  auto stored = [&]() -> Result<ops::Record> {
    ASSIGN_OR_RETURN(json data, ops::Parse(kind, body));
    RETURN_IF_ERROR(CheckReferences(s, who, kind, meeting_place, data));
    return s.store.operations().Create(kind, meeting_place, data, WriteContextOf(who, 0));
  }();
  if (!stored.ok()) return Outcome(s, who, action, "meeting_place", target, stored.error(), false).error();
  s.changed({MeetingPlaceTag(meeting_place)});
  return stored;
}

Result<ops::Record> UpdateOperation(Services& s, const Principal& who, Kind kind, std::int64_t meeting_place,
                                    std::int64_t id, const json& body, std::int64_t expected_version) {
  const Action action = Action::kOperationsManage;
  const std::string target = std::to_string(meeting_place);
  OperationsAccess access;
  ASSIGN_OR_RETURN(ops::Record before, GetOperation(s, who, kind, meeting_place, id, &access));
  RETURN_IF_ERROR(Authorize(s, who, action, LocationOf(access.place), "meeting_place", target));
  RETURN_IF_ERROR(RequirePrecondition(s, who, action, target, expected_version));
  auto stored = [&]() -> Result<ops::Record> {
    ASSIGN_OR_RETURN(json data, ops::Parse(kind, body));
    RETURN_IF_ERROR(CheckReferences(s, who, kind, meeting_place, data));
    return s.store.operations().Update(kind, id, data, WriteContextOf(who, expected_version));
  }();
  if (!stored.ok()) return Outcome(s, who, action, "meeting_place", target, stored.error(), false).error();
  (void)before;
  s.changed({MeetingPlaceTag(meeting_place)});
  return stored;
}

Status DeleteOperation(Services& s, const Principal& who, Kind kind, std::int64_t meeting_place, std::int64_t id,
                       std::int64_t expected_version) {
  const Action action = Action::kOperationsManage;
  const std::string target = std::to_string(meeting_place);
  OperationsAccess access;
  RETURN_IF_ERROR(GetOperation(s, who, kind, meeting_place, id, &access));
  RETURN_IF_ERROR(Authorize(s, who, action, LocationOf(access.place), "meeting_place", target));
  RETURN_IF_ERROR(RequirePrecondition(s, who, action, target, expected_version));
  Status deleted = s.store.operations().Delete(kind, id, WriteContextOf(who, expected_version));
  if (!deleted.ok()) return Outcome(s, who, action, "meeting_place", target, deleted, false);
  s.changed({MeetingPlaceTag(meeting_place)});
  return {};
}

Result<json> GetInfluence(Services& s, const Principal& who, std::int64_t meeting_place, std::optional<int> from,
                          std::optional<int> to) {
  ASSIGN_OR_RETURN(OperationsList cases, ListOperations(s, who, Kind::kCase, meeting_place));
  std::vector<json> docs;
  for (const ops::Record& r : cases.records) docs.push_back(r.data);
  return ops::Influence(docs, from, to, TodayInOslo());
}

}  // namespace moteplass::app
