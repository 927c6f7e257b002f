#include "app/oparl/oparl.h"

#include <algorithm>
#include <map>
#include <set>

#include "app/operations/operations.h"
#include "app/register/meeting_places.h"
#include "core/oparl/oparl.h"
#include "core/status_macros.h"

namespace moteplass::app {
namespace {

using ops::Kind;

// Every meeting place, deleted and unpublished ones too.
Result<std::vector<MeetingPlace>> EveryPlace(Services& s) {
  std::vector<MeetingPlace> out;
  MeetingPlaceQuery q;
  q.include_deleted = true;
  q.include_unpublished = true;
  q.with_classification = false;
  q.per_page = 1000;
  for (q.page = 1;; ++q.page) {
    ASSIGN_OR_RETURN(MeetingPlacePage page, s.store.meeting_places().List(q));
    for (MeetingPlace& p : page.items) out.push_back(std::move(p));
    if (page.items.empty() || static_cast<std::int64_t>(out.size()) >= page.total) break;
  }
  std::sort(out.begin(), out.end(), [](const MeetingPlace& a, const MeetingPlace& b) { return a.id < b.id; });
  return out;
}

bool Visible(const MeetingPlace& place) { return CanSee(Principal{}, place); }

// Whether a record's history shows `pointer` set to true at some time (created so, or changed
// to it): then it was public once.
bool WasTrue(Services& s, const std::string& entity, std::int64_t id, const std::string& pointer) {
  auto history = s.store.journal().History(entity, std::to_string(id));
  if (!history.ok()) return false;
  for (const HistoryEntry& e : *history) {
    for (const FieldChange& c : e.changes) {
      if (c.pointer == pointer && c.after == true) return true;
    }
  }
  return false;
}

// A meeting place no longer public that was public once.
bool Withdrawn(Services& s, const MeetingPlace& place) {
  if (!place.deleted_at.empty() && place.input.is_public) return true;
  return WasTrue(s, "meeting_place", place.id, "/public");
}

std::string Later(const std::string& a, const std::string& b) { return a < b ? b : a; }

}  // namespace

Result<std::vector<std::string>> OparlBodies(Services& s) {
  ASSIGN_OR_RETURN(std::vector<MeetingPlace> places, EveryPlace(s));
  std::set<std::string> codes;
  for (const MeetingPlace& p : places) {
    const std::string code = oparl::BodyCodeOf(p);
    if (code.empty() || codes.count(code)) continue;
    if (Visible(p) || Withdrawn(s, p)) codes.insert(code);
  }
  return std::vector<std::string>(codes.begin(), codes.end());
}

Result<OparlBody> GetOparlBody(Services& s, const std::string& code) {
  ASSIGN_OR_RETURN(std::vector<MeetingPlace> places, EveryPlace(s));
  OparlBody body;
  body.code = code;
  const Principal visitor;
  std::map<std::int64_t, OparlPerson> people;
  std::set<std::int64_t> withdrawn_people;
  bool any = false;
  for (MeetingPlace& place : places) {
    if (code.empty() || oparl::BodyCodeOf(place) != code) continue;
    if (!Visible(place)) {
      if (Withdrawn(s, place)) {
        any = true;
        body.withdrawn.push_back(
            {"Organization", place.id, place.created_at, Later(place.updated_at, place.deleted_at)});
      }
      continue;
    }
    any = true;
    if (body.created_at.empty() || place.created_at < body.created_at) body.created_at = place.created_at;
    body.updated_at = Later(body.updated_at, place.updated_at);
    OparlOrganization org;
    org.place = place;
    ASSIGN_OR_RETURN(OperationsList members, ListOperations(s, visitor, Kind::kMembership, place.id));
    ASSIGN_OR_RETURN(OperationsList meetings, ListOperations(s, visitor, Kind::kMeeting, place.id));
    ASSIGN_OR_RETURN(OperationsList cases, ListOperations(s, visitor, Kind::kCase, place.id));
    org.memberships = std::move(members.records);
    org.meetings = std::move(meetings.records);
    org.cases = std::move(cases.records);
    for (const ops::Record& m : org.memberships) {
      OparlPerson& p = people[m.person];
      if (p.id == 0) {
        auto person = s.store.operations().Get(Kind::kPerson, m.person);
        if (!person.ok()) continue;
        p.id = person->id;
        p.name = person->data["name"].is_string() ? person->data["name"].get<std::string>() : "";
        p.created_at = person->created_at;
        p.updated_at = person->updated_at;
      }
      p.memberships.push_back(m);
    }
    // What was public here once and no longer is.
    std::set<std::int64_t> shown;
    for (const ops::Record& m : org.memberships) shown.insert(m.id);
    ASSIGN_OR_RETURN(auto all_members, s.store.operations().List(Kind::kMembership, place.id));
    for (const ops::Record& m : all_members) {
      if (shown.count(m.id)) continue;
      auto person = s.store.operations().Get(Kind::kPerson, m.person);
      if (!person.ok() || person->erased || !WasTrue(s, "person", m.person, "/show_publicly")) continue;
      body.withdrawn.push_back({"Membership", m.id, m.created_at, Later(m.updated_at, person->updated_at)});
      if (withdrawn_people.insert(m.person).second) {
        body.withdrawn.push_back({"Person", m.person, person->created_at, person->updated_at});
      }
    }
    for (Kind kind : {Kind::kMeeting, Kind::kCase}) {
      const auto& visible = kind == Kind::kMeeting ? org.meetings : org.cases;
      std::set<std::int64_t> seen;
      for (const ops::Record& r : visible) seen.insert(r.id);
      ASSIGN_OR_RETURN(auto all, s.store.operations().List(kind, place.id));
      for (const ops::Record& r : all) {
        if (seen.count(r.id) || !WasTrue(s, std::string(ops::EntityType(kind)), r.id, "/public")) continue;
        body.withdrawn.push_back({kind == Kind::kMeeting ? "Meeting" : "Paper", r.id, r.created_at, r.updated_at});
      }
    }
    body.organizations.push_back(std::move(org));
  }
  if (!any) return Error::NotFound("no body has the code " + code);
  for (auto& [id, p] : people) {
    if (p.id == 0) continue;
    withdrawn_people.erase(id);
    body.people.push_back(std::move(p));
  }
  // A person shown in one of the body's meeting places is not withdrawn in it.
  std::erase_if(body.withdrawn, [&](const OparlWithdrawn& w) {
    return w.type == "Person" &&
           std::any_of(body.people.begin(), body.people.end(), [&](const OparlPerson& p) { return p.id == w.id; });
  });
  return body;
}

std::string OparlBodyOfPlace(Services& s, std::int64_t meeting_place) {
  auto place = s.store.meeting_places().Get(meeting_place);
  return place.ok() ? oparl::BodyCodeOf(*place) : "";
}

std::string OparlBodyOfRecord(Services& s, ops::Kind kind, std::int64_t id) {
  auto r = s.store.operations().Get(kind, id);
  return r.ok() ? OparlBodyOfPlace(s, r->meeting_place) : "";
}

}  // namespace moteplass::app
