// A meeting place in operation in the store (contracts/operations.md): people, memberships,
// meetings and cases, each kept as its canonical document (core/operations/records.h) with id,
// version and times. Reached through Store::operations(). Ids are given by the store, one more
// than the largest of the kind, under the write lock, so that both backends agree.
//
// What the journal gets (store/journal_store.h): every write that changes something adds one
// history entry to (EntityType(kind), "<id>") and one audit row "<entity type>.<action>":
//   Create  "create"  changes: ChangesOf(kind, null, document)
//   Update  "update"  changes: ChangesOf(kind, before, after); nothing when nothing changes
//   Delete  "delete"  a membership, meeting or case is removed; its history stays
//   Delete of a person is "erase": name, birth year and special categories are erased from the
//           record and its history (the earlier entries are removed); its memberships stay,
//           anonymous, so that counts stay true
//   MergePeople "merge" on the person kept (changes: "/merged_from"), "erase" on the other
// A person's special categories never reach the history as values (ChangesOf).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "core/operations/records.h"
#include "store/write.h"

namespace moteplass {

// What the analyses (core/analysis) read of the operations data, as narrow rows: a few fields of
// each document, read by the database without the documents reaching the program. A field that is
// missing from the document, or not of the type given, is "" (nullopt for birth_year).
struct PersonFacts {
  std::int64_t id = 0;
  std::string gender;
  std::optional<int> birth_year;
  // The country of background (a special category): only when asked for, "" otherwise.
  std::string country_of_background;
};
struct MembershipFacts {
  std::int64_t meeting_place = 0;
  std::int64_t person = 0;
  std::string role;
  std::string starts;
  std::string ends;
};
struct CaseFacts {
  std::int64_t meeting_place = 0;
  std::string received;
  bool decided = false;   // the document's decision is an object
  std::string outcome;    // decision.outcome
  bool is_public = true;  // the document's public (true when missing)
};
struct OperationsFacts {
  std::vector<PersonFacts> people;           // every person not erased, by id
  std::vector<MembershipFacts> memberships;  // by meeting place and id
  std::vector<CaseFacts> cases;              // by meeting place and id
};

class OperationsStore {
 public:
  virtual ~OperationsStore() = default;

  // Stores a new record of `kind` with `data` (already parsed). `meeting_place` is where it
  // belongs (ignored for a person): kNotFound when no meeting place has that id. A membership's
  // person is data["person"]: kInvalid (pointer "/person") unless it is a person not erased.
  virtual Result<ops::Record> Create(ops::Kind kind, std::int64_t meeting_place, const nlohmann::json& data,
                                     const WriteContext& ctx) = 0;
  // Stores new records of one kind in one meeting place in one transaction: all of them, or
  // none when any is refused (as Create would). Returns them in the order given.
  virtual Result<std::vector<ops::Record>> CreateAll(ops::Kind kind, std::int64_t meeting_place,
                                                     const std::vector<nlohmann::json>& data,
                                                     const WriteContext& ctx) = 0;
  // Replaces the document; kNotFound for an unknown (or erased) id, kConflict when
  // ctx.expected_version is set and differs. The same document changes nothing (same version).
  // A membership keeps its person unless data["person"] names another (checked as in Create).
  virtual Result<ops::Record> Update(ops::Kind kind, std::int64_t id, const nlohmann::json& data,
                                     const WriteContext& ctx) = 0;
  // Removes (a person: erases) a record; errors as Update.
  virtual Status Delete(ops::Kind kind, std::int64_t id, const WriteContext& ctx) = 0;
  // One record (an erased person too, with `erased` set); kNotFound when unknown.
  virtual Result<ops::Record> Get(ops::Kind kind, std::int64_t id) = 0;
  // The records of a meeting place, by id; for people, those with a membership there (0: every
  // person not erased).
  virtual Result<std::vector<ops::Record>> List(ops::Kind kind, std::int64_t meeting_place) = 0;
  // Every record of `kind` of every meeting place, by meeting place and then id (per meeting
  // place, what List gives); for people, every person not erased, by id. One query per kind, for
  // reading many meeting places at once (the alerts of a national user).
  virtual Result<std::vector<ops::Record>> ListEvery(ops::Kind kind) = 0;
  // What the analyses read of every person, membership and case (OperationsFacts), in one read
  // transaction, three queries; the people's country of background only when `countries`.
  virtual Result<OperationsFacts> FactsForAnalysis(bool countries) = 0;
  // The memberships of one person, by id.
  virtual Result<std::vector<ops::Record>> MembershipsOf(std::int64_t person) = 0;
  // Joins two records of one person: `from`'s memberships and attendances move to `into`, and
  // `from` is erased. kNotFound when either is unknown or erased, kInvalid when they are one.
  virtual Status MergePeople(std::int64_t from, std::int64_t into, const WriteContext& ctx) = 0;
  // Removes the memberships, meetings and cases of every example meeting place (deleted ones
  // too) with their history, and the people left with no membership anywhere; one audit row
  // "person.remove_example" per person removed. Returns how many records it removed. Run before
  // the example meeting places themselves are removed (MeetingPlaceStore::RemoveExamples).
  virtual Result<std::int64_t> RemoveExamples(const WriteContext& ctx) = 0;
};

}  // namespace moteplass
