// The use cases of a meeting place in operation (contracts/operations.md): people, memberships,
// meetings, cases and the influence summary. Each authorises through core/access (the actions
// operations.manage, operations.read_internal, operations.read_without_names, person.read,
// person.merge), validates with
// core/operations, writes through the store's one write path (history and audit in the same
// transaction), checks the version the caller based a change on, and tells the caches.
//
// What each caller sees (the views below):
//   - a person: only through memberships in meeting places the caller may manage, or as a
//     national user or administrator (person.read); the special categories only to those who may
//     manage one of the person's meeting places (operations.manage), and to administrators;
//   - memberships: every one, with names, to those who may read a meeting place's internal work
//     (operations.read_internal); to everyone else only members who agreed to be shown
//     (show_publicly), with their name and role and nothing else;
//   - meetings and cases: the public ones of a meeting place the caller may see; every one to
//     those who may read its internal work. A public meeting shows only its public agenda items,
//     and its attendance only to those who may read the internal work;
//   - without names (operations.read_without_names, researchers): every membership, meeting and
//     case as those who read the internal work see them, but with people as ids only (a
//     membership's name null) and without minutes and other free text that may name people
//     (core/operations/without_names.h). Every such read is audited (the meeting place's id, no
//     content); people themselves stay refused (person.read).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/register/meeting_places.h"
#include "app/services.h"
#include "core/operations/records.h"

namespace moteplass::app {

// What a caller may do with one meeting place's operations.
struct OperationsAccess {
  MeetingPlace place;
  bool manage = false;    // operations.manage
  bool internal = false;  // operations.read_internal
  // operations.read_without_names where read_internal is refused (researchers): every record, as
  // ops::WithoutNames leaves it, and no names.
  bool without_names = false;
  // Whether every membership, meeting and case is shown (with names or without).
  bool every() const { return internal || without_names; }
};
// The meeting place (kNotFound unless the caller may see it) and what the caller may do there.
Result<OperationsAccess> OperationsOf(Services& s, const Principal& who, std::int64_t meeting_place);

// A record as the caller may see it, as the API renders it: the document with id, version,
// created_at, updated_at and links.self (a public member: id, name, role and links.self only;
// without names: the document as ops::WithoutNames leaves it, a membership's name null).
nlohmann::json PersonView(const ops::Record& person, bool special_categories);
nlohmann::json RecordView(ops::Kind kind, const ops::Record& record, const OperationsAccess& access,
                          const std::string& person_name);

// People.
Result<std::vector<ops::Record>> ListPeople(Services& s, const Principal& who);
// One person the caller may see, and whether it may see the special categories.
struct PersonAccess {
  ops::Record person;
  bool special_categories = false;
};
Result<PersonAccess> GetPerson(Services& s, const Principal& who, std::int64_t id);
Result<ops::Record> CreatePerson(Services& s, const Principal& who, const nlohmann::json& body);
Result<ops::Record> UpdatePerson(Services& s, const Principal& who, std::int64_t id, const nlohmann::json& body,
                                 std::int64_t expected_version);
Status ErasePerson(Services& s, const Principal& who, std::int64_t id, std::int64_t expected_version);
Status MergePeople(Services& s, const Principal& who, std::int64_t from, const nlohmann::json& body);

// Memberships, meetings and cases of a meeting place (kind is not kPerson). Lists come in their
// order: memberships by id, meetings by start, cases by date received (then id). For a caller who
// reads without names the records come as ops::WithoutNames leaves them, and the read is audited
// (operations.read_without_names, "ok", the meeting place's id).
struct OperationsList {
  OperationsAccess access;
  std::vector<ops::Record> records;  // only those the caller may see
};
Result<OperationsList> ListOperations(Services& s, const Principal& who, ops::Kind kind, std::int64_t meeting_place);
Result<ops::Record> GetOperation(Services& s, const Principal& who, ops::Kind kind, std::int64_t meeting_place,
                                 std::int64_t id, OperationsAccess* access = nullptr);
Result<ops::Record> CreateOperation(Services& s, const Principal& who, ops::Kind kind, std::int64_t meeting_place,
                                    const nlohmann::json& body);
Result<ops::Record> UpdateOperation(Services& s, const Principal& who, ops::Kind kind, std::int64_t meeting_place,
                                    std::int64_t id, const nlohmann::json& body, std::int64_t expected_version);
Status DeleteOperation(Services& s, const Principal& who, ops::Kind kind, std::int64_t meeting_place, std::int64_t id,
                       std::int64_t expected_version);

// The display names of people by id, for the records a caller may see ("" for erased ones). Not
// for a caller who reads without names (OperationsAccess::without_names): it is given no names.
std::map<std::int64_t, std::string> NamesOf(Services& s, const std::vector<ops::Record>& memberships);

// The influence summary of the cases the caller may see (core/operations/influence.h).
Result<nlohmann::json> GetInfluence(Services& s, const Principal& who, std::int64_t meeting_place,
                                    std::optional<int> from, std::optional<int> to);

// Today's date in Europe/Oslo ("YYYY-MM-DD").
std::string TodayInOslo();

}  // namespace moteplass::app
