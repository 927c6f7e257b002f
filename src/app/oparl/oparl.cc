#include "app/oparl/oparl.h"

#include <algorithm>
#include <charconv>
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

// One life of a record's history, newest first: the entries up to its deletion (history row
// `deleted_at_row`; 0 for a record that exists) and after the deletion before it, for SQLite may
// give a freed id to a new record.
std::vector<HistoryEntry> Life(Services& s, const std::string& entity, const std::string& id,
                               std::int64_t deleted_at_row = 0) {
  std::vector<HistoryEntry> life;
  auto history = s.store.journal().History(entity, id);
  if (!history.ok()) return life;
  for (HistoryEntry& e : *history) {
    if (deleted_at_row != 0 && e.id > deleted_at_row) continue;
    if (e.action == "delete" && e.id != deleted_at_row) break;
    life.push_back(std::move(e));
  }
  return life;
}

// Whether a life shows `pointer` set to true at some time (created so, or changed to it): then
// the record was public once.
bool SetTrue(const std::vector<HistoryEntry>& life, const std::string& pointer) {
  return std::any_of(life.begin(), life.end(), [&](const HistoryEntry& e) {
    return std::any_of(e.changes.begin(), e.changes.end(),
                       [&](const FieldChange& c) { return c.pointer == pointer && c.after == true; });
  });
}

bool WasTrue(Services& s, const std::string& entity, std::int64_t id, const std::string& pointer) {
  return SetTrue(Life(s, entity, std::to_string(id)), pointer);
}

// A meeting place no longer public that was public once.
bool Withdrawn(Services& s, const MeetingPlace& place) {
  if (!place.deleted_at.empty() && place.input.is_public) return true;
  return WasTrue(s, "meeting_place", place.id, "/public");
}

std::string Later(const std::string& a, const std::string& b) { return a < b ? b : a; }

// What a "delete" history entry kept of the record (store/operations.h Delete): its meeting
// place and, for a membership, its person; 0 when absent.
std::int64_t KeptId(const HistoryEntry& e, const std::string& pointer) {
  for (const FieldChange& c : e.changes) {
    if (c.pointer == pointer && c.before.is_number_integer()) return c.before.get<std::int64_t>();
  }
  return 0;
}

// A record id kept as decimal text in the history; 0 when it is not one.
std::int64_t IdOf(const std::string& text) {
  std::int64_t id = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  return ec == std::errc() && end == text.data() + text.size() ? id : 0;
}

// When a record was first written: the oldest entry of its life (`fallback` when there is none).
std::string FirstWritten(const std::vector<HistoryEntry>& life, const std::string& fallback) {
  return life.empty() ? fallback : life.back().at;
}

// The memberships, meetings and cases deleted anywhere (OParl lists them with deleted: true
// where they were public once).
struct Deleted {
  std::vector<DeletedRecord> memberships, meetings, cases;
};
Result<Deleted> ReadDeleted(Services& s) {
  Deleted d;
  ASSIGN_OR_RETURN(d.memberships, s.store.journal().Deletions(std::string(ops::EntityType(Kind::kMembership))));
  ASSIGN_OR_RETURN(d.meetings, s.store.journal().Deletions(std::string(ops::EntityType(Kind::kMeeting))));
  ASSIGN_OR_RETURN(d.cases, s.store.journal().Deletions(std::string(ops::EntityType(Kind::kCase))));
  return d;
}

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
  ASSIGN_OR_RETURN(const Deleted deleted, ReadDeleted(s));
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
    std::set<std::int64_t> existing;
    for (const ops::Record& m : all_members) existing.insert(m.id);
    // A membership no longer shown, or deleted, whose person was shown once and is not erased.
    auto withdraw_membership = [&](std::int64_t id, std::int64_t person_id, const std::string& created,
                                   const std::string& modified) {
      auto person = s.store.operations().Get(Kind::kPerson, person_id);
      if (!person.ok() || person->erased || !WasTrue(s, "person", person_id, "/show_publicly")) return;
      body.withdrawn.push_back({"Membership", id, created, Later(modified, person->updated_at)});
      if (withdrawn_people.insert(person_id).second) {
        body.withdrawn.push_back({"Person", person_id, person->created_at, person->updated_at});
      }
    };
    for (const ops::Record& m : all_members) {
      if (!shown.count(m.id)) withdraw_membership(m.id, m.person, m.created_at, m.updated_at);
    }
    // Newest first: an id deleted twice (SQLite may give a freed id again) counts once.
    for (auto d = deleted.memberships.rbegin(); d != deleted.memberships.rend(); ++d) {
      const std::int64_t id = IdOf(d->id);
      if (KeptId(d->entry, "/meeting_place") != place.id || !existing.insert(id).second) continue;
      const std::string created = FirstWritten(Life(s, "membership", d->id, d->entry.id), d->entry.at);
      withdraw_membership(id, KeptId(d->entry, "/person"), created, d->entry.at);
    }
    for (Kind kind : {Kind::kMeeting, Kind::kCase}) {
      const auto& visible = kind == Kind::kMeeting ? org.meetings : org.cases;
      std::set<std::int64_t> seen;
      for (const ops::Record& r : visible) seen.insert(r.id);
      const std::string entity(ops::EntityType(kind));
      const char* type = kind == Kind::kMeeting ? "Meeting" : "Paper";
      ASSIGN_OR_RETURN(auto all, s.store.operations().List(kind, place.id));
      std::set<std::int64_t> existing_records;
      for (const ops::Record& r : all) {
        existing_records.insert(r.id);
        if (seen.count(r.id) || !WasTrue(s, entity, r.id, "/public")) continue;
        body.withdrawn.push_back({type, r.id, r.created_at, r.updated_at});
      }
      // Deleted here after it was public (a later record may have taken its id: then that one counts).
      const std::vector<DeletedRecord>& gone = kind == Kind::kMeeting ? deleted.meetings : deleted.cases;
      for (auto d = gone.rbegin(); d != gone.rend(); ++d) {
        const std::int64_t id = IdOf(d->id);
        if (KeptId(d->entry, "/meeting_place") != place.id || !existing_records.insert(id).second) continue;
        const std::vector<HistoryEntry> life = Life(s, entity, d->id, d->entry.id);
        if (!SetTrue(life, "/public")) continue;
        body.withdrawn.push_back({type, id, FirstWritten(life, d->entry.at), d->entry.at});
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
  if (r.ok()) return OparlBodyOfPlace(s, r->meeting_place);
  // A deleted record: its body is where its last history entry, the deletion, says it was.
  auto history = s.store.journal().History(std::string(ops::EntityType(kind)), std::to_string(id));
  if (!history.ok() || history->empty() || history->front().action != "delete") return "";
  return OparlBodyOfPlace(s, KeptId(history->front(), "/meeting_place"));
}

}  // namespace moteplass::app
