#include "store/sqlite/operations_store.h"

#include <algorithm>

namespace moteplass::sqlite {
namespace {

using nlohmann::json;
using ops::Kind;

// The SQL of one kind of record. Every SELECT gives: id, meeting_place, person, data, erased,
// version, created_at, updated_at.
struct KindSql {
  const char* select_one;
  const char* select_of_place;
  const char* next_id;
  const char* insert;  // id, meeting_place, person, data, now, now (unused parameters left out)
  const char* update;  // data, now, id
  const char* remove;
};

// clang-format off
constexpr KindSql kPeople{
    "SELECT id, 0, 0, data, erased, version, created_at, updated_at FROM people WHERE id = ?",
    "SELECT p.id, 0, 0, p.data, p.erased, p.version, p.created_at, p.updated_at FROM people p "
    "WHERE p.erased = 0 AND (? = 0 OR EXISTS (SELECT 1 FROM memberships m WHERE m.person = p.id "
    "AND m.meeting_place = ?)) ORDER BY p.id",
    "SELECT COALESCE(MAX(id), 0) + 1 FROM people",
    "INSERT INTO people (id, data, created_at, updated_at) VALUES (?, ?, ?, ?)",
    "UPDATE people SET data = ?, updated_at = ?, version = version + 1 WHERE id = ?",
    ""};
constexpr KindSql kMemberships{
    "SELECT id, meeting_place, person, data, 0, version, created_at, updated_at FROM memberships WHERE id = ?",
    "SELECT id, meeting_place, person, data, 0, version, created_at, updated_at FROM memberships "
    "WHERE meeting_place = ? ORDER BY id",
    "SELECT COALESCE(MAX(id), 0) + 1 FROM memberships",
    "INSERT INTO memberships (id, meeting_place, person, data, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
    "UPDATE memberships SET data = ?, updated_at = ?, version = version + 1 WHERE id = ?",
    "DELETE FROM memberships WHERE id = ?"};
constexpr KindSql kMeetings{
    "SELECT id, meeting_place, 0, data, 0, version, created_at, updated_at FROM meetings WHERE id = ?",
    "SELECT id, meeting_place, 0, data, 0, version, created_at, updated_at FROM meetings "
    "WHERE meeting_place = ? ORDER BY id",
    "SELECT COALESCE(MAX(id), 0) + 1 FROM meetings",
    "INSERT INTO meetings (id, meeting_place, data, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
    "UPDATE meetings SET data = ?, updated_at = ?, version = version + 1 WHERE id = ?",
    "DELETE FROM meetings WHERE id = ?"};
constexpr KindSql kCases{
    "SELECT id, meeting_place, 0, data, 0, version, created_at, updated_at FROM cases WHERE id = ?",
    "SELECT id, meeting_place, 0, data, 0, version, created_at, updated_at FROM cases "
    "WHERE meeting_place = ? ORDER BY id",
    "SELECT COALESCE(MAX(id), 0) + 1 FROM cases",
    "INSERT INTO cases (id, meeting_place, data, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
    "UPDATE cases SET data = ?, updated_at = ?, version = version + 1 WHERE id = ?",
    "DELETE FROM cases WHERE id = ?"};
// clang-format on

constexpr const char* kMeetingPlaceExists = "SELECT 1 FROM meeting_places WHERE id = ? AND deleted_at IS NULL";
constexpr const char* kPersonAlive = "SELECT 1 FROM people WHERE id = ? AND erased = 0";
constexpr const char* kMembershipsOf =
    "SELECT id, meeting_place, person, data, 0, version, created_at, updated_at FROM memberships "
    "WHERE person = ? ORDER BY id";
constexpr const char* kMoveMembership =
    "UPDATE memberships SET person = ?, data = ?, updated_at = ?, version = version + 1 WHERE id = ?";
constexpr const char* kSetMembershipPerson = "UPDATE memberships SET person = ? WHERE id = ?";
constexpr const char* kErasePerson =
    "UPDATE people SET data = ?, erased = 1, updated_at = ?, version = version + 1 WHERE id = ?";
constexpr const char* kForgetHistory = "DELETE FROM history WHERE entity_type = 'person' AND entity_id = ?";
constexpr const char* kMeetingsWithAttendance =
    "SELECT id, meeting_place, 0, data, 0, version, created_at, updated_at FROM meetings "
    "WHERE meeting_place IN (SELECT meeting_place FROM memberships WHERE person = ?) ORDER BY id";

// The records of the example meeting places, as (entity type, id), and the people in them.
constexpr const char* kExampleRecords =
    "SELECT 'membership', id FROM memberships WHERE meeting_place IN (SELECT id FROM meeting_places WHERE example = 1) "
    "UNION ALL SELECT 'meeting', id FROM meetings WHERE meeting_place IN (SELECT id FROM meeting_places WHERE "
    "example = 1) UNION ALL SELECT 'case', id FROM cases WHERE meeting_place IN (SELECT id FROM meeting_places "
    "WHERE example = 1)";
constexpr const char* kExamplePeople =
    "SELECT DISTINCT person FROM memberships WHERE meeting_place IN (SELECT id FROM meeting_places WHERE example = 1) "
    "ORDER BY person";
constexpr const char* kRemoveExampleRecords[] = {
    "DELETE FROM memberships WHERE meeting_place IN (SELECT id FROM meeting_places WHERE example = 1)",
    "DELETE FROM meetings WHERE meeting_place IN (SELECT id FROM meeting_places WHERE example = 1)",
    "DELETE FROM cases WHERE meeting_place IN (SELECT id FROM meeting_places WHERE example = 1)"};
constexpr const char* kRemoveLonePerson =
    "DELETE FROM people WHERE id = ? AND NOT EXISTS (SELECT 1 FROM memberships WHERE person = ?)";
constexpr const char* kForgetRecord = "DELETE FROM history WHERE entity_type = ? AND entity_id = ?";

const KindSql& SqlOf(Kind kind) {
  switch (kind) {
    case Kind::kPerson: return kPeople;
    case Kind::kMembership: return kMemberships;
    case Kind::kMeeting: return kMeetings;
    case Kind::kCase: return kCases;
  }
  return kPeople;
}

std::string Name(Kind kind) { return std::string(ops::EntityType(kind)); }

Error NoSuch(Kind kind, std::int64_t id) {
  return Error::NotFound("no " + Name(kind) + " has the id " + std::to_string(id));
}

Result<ops::Record> RecordFromRow(const Statement& s) {
  ops::Record r;
  r.id = s.Int(0);
  r.meeting_place = s.Int(1);
  r.person = s.Int(2);
  r.data = json::parse(s.Text(3), nullptr, false);
  if (r.data.is_discarded()) return Error::Internal("database: a stored document is not JSON");
  r.erased = s.Int(4) != 0;
  r.version = s.Int(5);
  r.created_at = s.Text(6);
  r.updated_at = s.Text(7);
  return r;
}

Result<ops::Record> ReadOne(Connection& c, Kind kind, std::int64_t id) {
  Statement s(c, SqlOf(kind).select_one);
  s.Bind(id);
  ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return NoSuch(kind, id);
  return RecordFromRow(s);
}

Result<bool> Exists(Connection& c, const char* sql, std::int64_t id) {
  Statement s(c, sql);
  s.Bind(id);
  return s.Step();
}

// The record a write changes: kNotFound when unknown or erased, kConflict on another version.
Result<ops::Record> ReadForWrite(Connection& c, Kind kind, std::int64_t id, const WriteContext& ctx) {
  ASSIGN_OR_RETURN(ops::Record before, ReadOne(c, kind, id));
  if (before.erased) return NoSuch(kind, id);
  if (ctx.expected_version != 0 && ctx.expected_version != before.version) {
    return Error::Conflict("the " + Name(kind) + " has changed meanwhile (version " + std::to_string(before.version) +
                           ", not " + std::to_string(ctx.expected_version) + "); reload it and try again");
  }
  return before;
}

Status CheckPerson(Connection& c, const json& data) {
  const std::int64_t person = data.value("person", std::int64_t{0});
  ASSIGN_OR_RETURN(bool alive, Exists(c, kPersonAlive, person));
  if (!alive) return Error::Invalid("no person has the id " + std::to_string(person), "/person");
  return {};
}

// The document of a person whose personal data is erased: only the gender stays, for counts.
json ErasedPerson(const json& before) {
  return json{{"name", nullptr},
              {"gender", before.value("gender", json("unknown"))},
              {"birth_year", nullptr},
              {"immigrant_background", nullptr},
              {"country_of_background", nullptr},
              {"special_category_basis", nullptr},
              {"show_publicly", false}};
}

Status Erase(WriteScope& w, const ops::Record& before) {
  Connection& c = w.connection();
  Statement s(c, kErasePerson);
  s.Bind(ErasedPerson(before.data).dump()).Bind(w.now()).Bind(before.id);
  RETURN_IF_ERROR(s.Run());
  Statement forget(c, kForgetHistory);
  forget.Bind(std::to_string(before.id));
  RETURN_IF_ERROR(forget.Run());
  return w.Record("person", std::to_string(before.id), "erase", {});
}

// Inserts one new record of `kind` inside a write (see Create); its id in *id_out.
Status Insert(WriteScope& w, Kind kind, std::int64_t meeting_place, const json& data, std::int64_t* id_out) {
  std::int64_t id = 0;
  Connection& c = w.connection();
  if (kind != Kind::kPerson) {
    ASSIGN_OR_RETURN(bool exists, Exists(c, kMeetingPlaceExists, meeting_place));
    if (!exists) return Error::NotFound("no meeting place has the id " + std::to_string(meeting_place));
  }
  if (kind == Kind::kMembership) RETURN_IF_ERROR(CheckPerson(c, data));
  {
    Statement next(c, SqlOf(kind).next_id);
    ASSIGN_OR_RETURN(bool row, next.Step());
    id = row ? next.Int(0) : 1;
  }
  Statement s(c, SqlOf(kind).insert);
  s.Bind(id);
  if (kind != Kind::kPerson) s.Bind(meeting_place);
  if (kind == Kind::kMembership) s.Bind(data.value("person", std::int64_t{0}));
  s.Bind(data.dump()).Bind(w.now()).Bind(w.now());
  RETURN_IF_ERROR(s.Run());
  *id_out = id;
  return w.Record(Name(kind), std::to_string(id), "create", ops::ChangesOf(kind, json::object(), data));
}

}  // namespace

Result<ops::Record> SqliteOperationsStore::Create(Kind kind, std::int64_t meeting_place, const json& data,
                                                  const WriteContext& ctx) {
  std::int64_t id = 0;
  RETURN_IF_ERROR(db_.Write(ctx, [&](WriteScope& w) -> Status { return Insert(w, kind, meeting_place, data, &id); }));
  return Get(kind, id);
}

Result<std::vector<ops::Record>> SqliteOperationsStore::CreateAll(Kind kind, std::int64_t meeting_place,
                                                                  const std::vector<json>& data,
                                                                  const WriteContext& ctx) {
  std::vector<std::int64_t> ids;
  RETURN_IF_ERROR(db_.Write(ctx, [&](WriteScope& w) -> Status {
    ids.clear();
    for (const json& d : data) {
      std::int64_t id = 0;
      RETURN_IF_ERROR(Insert(w, kind, meeting_place, d, &id));
      ids.push_back(id);
    }
    return {};
  }));
  std::vector<ops::Record> out;
  for (std::int64_t id : ids) {
    ASSIGN_OR_RETURN(ops::Record r, Get(kind, id));
    out.push_back(std::move(r));
  }
  return out;
}

Result<ops::Record> SqliteOperationsStore::Update(Kind kind, std::int64_t id, const json& data,
                                                  const WriteContext& ctx) {
  RETURN_IF_ERROR(db_.Write(ctx, [&](WriteScope& w) -> Status {
    Connection& c = w.connection();
    ASSIGN_OR_RETURN(ops::Record before, ReadForWrite(c, kind, id, ctx));
    if (before.data == data) return {};
    if (kind == Kind::kMembership) {
      RETURN_IF_ERROR(CheckPerson(c, data));
      Statement p(c, kSetMembershipPerson);
      p.Bind(data.value("person", std::int64_t{0})).Bind(id);
      RETURN_IF_ERROR(p.Run());
    }
    Statement s(c, SqlOf(kind).update);
    s.Bind(data.dump()).Bind(w.now()).Bind(id);
    RETURN_IF_ERROR(s.Run());
    return w.Record(Name(kind), std::to_string(id), "update", ops::ChangesOf(kind, before.data, data));
  }));
  return Get(kind, id);
}

Status SqliteOperationsStore::Delete(Kind kind, std::int64_t id, const WriteContext& ctx) {
  return db_.Write(ctx, [&](WriteScope& w) -> Status {
    Connection& c = w.connection();
    ASSIGN_OR_RETURN(ops::Record before, ReadForWrite(c, kind, id, ctx));
    if (kind == Kind::kPerson) return Erase(w, before);
    Statement s(c, SqlOf(kind).remove);
    s.Bind(id);
    RETURN_IF_ERROR(s.Run());
    // The meeting place it belonged to (and a membership's person) stay in the history, so that
    // what was public there once can be told apart after it is gone (OParl's deleted objects,
    // JournalStore::Deletions).
    std::vector<FieldChange> gone{{"/meeting_place", before.meeting_place, nullptr}};
    if (kind == Kind::kMembership) gone.push_back({"/person", before.person, nullptr});
    return w.Record(Name(kind), std::to_string(id), "delete", gone);
  });
}

Result<ops::Record> SqliteOperationsStore::Get(Kind kind, std::int64_t id) {
  Database::ReadLease lease(db_);
  return ReadOne(*lease, kind, id);
}

Result<std::vector<ops::Record>> SqliteOperationsStore::List(Kind kind, std::int64_t meeting_place) {
  Database::ReadLease lease(db_);
  Statement s(*lease, SqlOf(kind).select_of_place);
  s.Bind(meeting_place);
  if (kind == Kind::kPerson) s.Bind(meeting_place);
  return CollectRows<ops::Record>(s, RecordFromRow);
}

namespace {

// Every membership, meeting or case, by meeting place and id (OperationsStore::ListEvery).
const char* EverySql(Kind kind) {
  switch (kind) {
    case Kind::kMembership:
      return "SELECT id, meeting_place, person, data, 0, version, created_at, updated_at FROM memberships "
             "ORDER BY meeting_place, id";
    case Kind::kMeeting:
      return "SELECT id, meeting_place, 0, data, 0, version, created_at, updated_at FROM meetings "
             "ORDER BY meeting_place, id";
    case Kind::kCase:
      return "SELECT id, meeting_place, 0, data, 0, version, created_at, updated_at FROM cases "
             "ORDER BY meeting_place, id";
    case Kind::kPerson: break;
  }
  return "";
}

}  // namespace

Result<std::vector<ops::Record>> SqliteOperationsStore::ListEvery(Kind kind) {
  if (kind == Kind::kPerson) return List(kind, 0);
  Database::ReadLease lease(db_);
  Statement s(*lease, EverySql(kind));
  return CollectRows<ops::Record>(s, RecordFromRow);
}

Result<std::vector<ops::Record>> SqliteOperationsStore::MembershipsOf(std::int64_t person) {
  Database::ReadLease lease(db_);
  Statement s(*lease, kMembershipsOf);
  s.Bind(person);
  return CollectRows<ops::Record>(s, RecordFromRow);
}

Status SqliteOperationsStore::MergePeople(std::int64_t from, std::int64_t into, const WriteContext& ctx) {
  if (from == into) return Error::Invalid("a person cannot be merged into itself", "/into");
  return db_.Write(ctx, [&](WriteScope& w) -> Status {
    Connection& c = w.connection();
    ASSIGN_OR_RETURN(ops::Record gone, ReadForWrite(c, Kind::kPerson, from, ctx));
    ASSIGN_OR_RETURN(ops::Record kept, ReadForWrite(c, Kind::kPerson, into, WriteContext{ctx.by, 0}));
    std::vector<ops::Record> meetings;
    {
      Statement s(c, kMeetingsWithAttendance);
      s.Bind(from);
      ASSIGN_OR_RETURN(meetings, CollectRows<ops::Record>(s, RecordFromRow));
    }
    for (ops::Record& m : meetings) {
      json after = m.data;
      json& list = after["attendance"];
      if (!list.is_array() || std::find(list.begin(), list.end(), json(from)) == list.end()) continue;
      json merged = json::array();
      for (const json& p : list) {
        const json id = p == json(from) ? json(into) : p;
        if (std::find(merged.begin(), merged.end(), id) == merged.end()) merged.push_back(id);
      }
      list = merged;
      Statement s(c, kMeetings.update);
      s.Bind(after.dump()).Bind(w.now()).Bind(m.id);
      RETURN_IF_ERROR(s.Run());
      RETURN_IF_ERROR(
          w.Record("meeting", std::to_string(m.id), "update", ops::ChangesOf(Kind::kMeeting, m.data, after)));
    }
    std::vector<ops::Record> memberships;
    {
      Statement s(c, kMembershipsOf);
      s.Bind(from);
      ASSIGN_OR_RETURN(memberships, CollectRows<ops::Record>(s, RecordFromRow));
    }
    for (const ops::Record& m : memberships) {
      json after = m.data;
      after["person"] = into;
      Statement s(c, kMoveMembership);
      s.Bind(into).Bind(after.dump()).Bind(w.now()).Bind(m.id);
      RETURN_IF_ERROR(s.Run());
      RETURN_IF_ERROR(
          w.Record("membership", std::to_string(m.id), "update", ops::ChangesOf(Kind::kMembership, m.data, after)));
    }
    RETURN_IF_ERROR(w.Record("person", std::to_string(into), "merge", {FieldChange{"/merged_from", nullptr, from}}));
    (void)kept;
    return Erase(w, gone);
  });
}

Result<std::int64_t> SqliteOperationsStore::RemoveExamples(const WriteContext& ctx) {
  std::int64_t removed = 0;
  RETURN_IF_ERROR(db_.Write(ctx, [&](WriteScope& w) -> Status {
    Connection& c = w.connection();
    std::vector<std::pair<std::string, std::int64_t>> records;
    std::vector<std::int64_t> people;
    {
      Statement s(c, kExampleRecords);
      ASSIGN_OR_RETURN(records, (CollectRows<std::pair<std::string, std::int64_t>>(
                                    s, [](Statement& r) { return std::make_pair(r.Text(0), r.Int(1)); })));
    }
    {
      Statement s(c, kExamplePeople);
      ASSIGN_OR_RETURN(people, CollectRows<std::int64_t>(s, [](Statement& r) { return r.Int(0); }));
    }
    for (const char* sql : kRemoveExampleRecords) {
      Statement s(c, sql);
      RETURN_IF_ERROR(s.Run());
    }
    for (const auto& [type, id] : records) {
      Statement s(c, kForgetRecord);
      s.Bind(type).Bind(std::to_string(id));
      RETURN_IF_ERROR(s.Run());
    }
    removed = static_cast<std::int64_t>(records.size());
    for (std::int64_t person : people) {
      Statement s(c, kRemoveLonePerson);
      s.Bind(person).Bind(person);
      RETURN_IF_ERROR(s.Run());
      if (c.Changes() == 0) continue;
      Statement forget(c, kForgetRecord);
      forget.Bind("person").Bind(std::to_string(person));
      RETURN_IF_ERROR(forget.Run());
      RETURN_IF_ERROR(w.AuditOnly("person", std::to_string(person), "remove_example"));
      ++removed;
    }
    return {};
  }));
  return removed;
}

}  // namespace moteplass::sqlite
