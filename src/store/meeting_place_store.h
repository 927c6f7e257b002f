// The register's meeting places in the store: create, change, soft-delete, record a kind, read
// and list with filters and full-text search, import and remove the example data. Every write
// is durable when the method returns and writes its history and audit rows in the same
// transaction (store/write.h). Reached through Store::meeting_places().
//
// What the journal gets (store/journal_store.h). A write that stores a change adds one history
// entry to ("meeting_place", "<id>"), the id in decimal, with `by` = ctx.by, and one audit row
// "meeting_place.<action>" (target type "meeting_place", target id "<id>", outcome "ok"):
//   Create      action "create"       changes: Diff of nothing against the new record
//   Import      action "import"       the same, one entry and one audit row per record
//   ImportRecords                     a new record as Import, or with the history it brought
//                                     (written as it was) and the audit row "meeting_place.import";
//                                     a record it updates as Update and RecordKind
//   Update      action "update"       changes: Diff(ToJson(before), ToJson(after))
//   RecordKind  action "record_kind"  changes: as Update
//   Delete      action "delete"       changes: the one field "/deleted_at", null -> the time
// RemoveExamples keeps no history (it deletes that of the records it removes) and adds one audit
// row "meeting_place.remove_example" per removed record. A refused write (any error) leaves no
// history or audit row, and neither does an Update or RecordKind that changes nothing.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "core/journal.h"
#include "core/register/meeting_place.h"
#include "store/write.h"

namespace moteplass {

// Filters of the meeting-place list (API and directory page). Empty strings mean "any".
struct MeetingPlaceQuery {
  std::string county;
  std::string municipality;
  std::string region;
  std::string kind;
  std::string text;  // full-text search, Norwegian stemming
  // "YYYY-MM-DD": only records changed (created, updated, deleted) on that day (UTC) or later.
  std::string changed_since;
  // kRelevance: best full-text matches first (a match in the name counts most), then by name;
  // without search text it is the same as kName.
  enum class Sort { kName, kUpdatedDesc, kRelevance } sort = Sort::kName;
  bool include_unpublished = false;  // only for callers allowed to see them
  bool include_deleted = false;
  // false: the items come without the classification (null), which is the widest part of a
  // record (every reason in three languages); computed_kind and subtype are read all the same.
  bool with_classification = true;
  int page = 1;       // from 1
  int per_page = 20;  // 1..1000
};

// One record of an import that round-trips (an export read back): where `id` names a live record
// it is updated, else created (with that id when one is given).
struct ImportRecord {
  std::int64_t id = 0;  // 0: the next id
  MeetingPlaceInput input;
  nlohmann::json classification;
  bool example = false;
  std::optional<RecordedKind> recorded_kind;  // with its by and at, as exported
  std::vector<HistoryEntry> history;          // oldest first; empty: an "import" entry is written
};

struct TallyRow {
  std::string county;
  std::string kind;
  std::int64_t count = 0;
};

struct MeetingPlacePage {
  std::vector<MeetingPlace> items;
  std::int64_t total = 0;
};

class MeetingPlaceStore {
 public:
  virtual ~MeetingPlaceStore() = default;

  // Creates; returns the stored record with id, derived fields and timestamps. `classification`
  // is the typology's verdict (may be null). Fails with kInvalid (pointer into the profile) when
  // its municipality or county does not exist.
  virtual Result<MeetingPlace> Create(const MeetingPlaceInput& input, const nlohmann::json& classification,
                                      bool example, const WriteContext& ctx) = 0;
  // Replaces; fails with kNotFound for an unknown or deleted id, kConflict when
  // ctx.expected_version is set and differs. When `input` and `classification` are what is stored
  // already, nothing changes: the stored record comes back as it is (same version and
  // updated_at) and no history or audit row is written; the checks above still apply.
  virtual Result<MeetingPlace> Update(std::int64_t id, const MeetingPlaceInput& input,
                                      const nlohmann::json& classification, const WriteContext& ctx) = 0;
  // Soft delete; kNotFound when unknown or already deleted, kConflict as Update.
  virtual Status Delete(std::int64_t id, const WriteContext& ctx) = 0;
  // Records a kind chosen by a person (nullopt clears it); errors as Update. `kind.by` and
  // `kind.at` default to ctx.by and now. Recording the kind and justification already recorded
  // (with the same `by` and `at`, where given), or clearing when nothing is recorded, changes
  // nothing, as an Update that changes nothing: the stored record comes back as it is.
  virtual Result<MeetingPlace> RecordKind(std::int64_t id, const std::optional<RecordedKind>& kind,
                                          const WriteContext& ctx) = 0;
  // One record, including deleted ones (deleted_at set); kNotFound when unknown.
  virtual Result<MeetingPlace> Get(std::int64_t id) = 0;
  virtual Result<MeetingPlacePage> List(const MeetingPlaceQuery& query) = 0;
  // Every live record (published or not), by id.
  virtual Result<std::vector<MeetingPlace>> All() = 0;
  // Creates all or nothing: on failure nothing is stored and the Error's index names the record.
  virtual Result<std::vector<MeetingPlace>> Import(const std::vector<MeetingPlaceInput>& inputs,
                                                   const std::vector<nlohmann::json>& classifications, bool example,
                                                   const WriteContext& ctx) = 0;
  // Imports all or nothing, each record by its id: a live record with that id gets the input,
  // recorded kind and example flag given (as Update and RecordKind: nothing when nothing
  // changes; its history is kept, the file's is not added); an id no record has is created with
  // that id, its recorded kind and the history given; no id creates a new record. kConflict when
  // an id is that of a deleted record. On failure the Error's index names the record.
  virtual Result<std::vector<MeetingPlace>> ImportRecords(const std::vector<ImportRecord>& records,
                                                          const WriteContext& ctx) = 0;
  // Hard-deletes every example record and its history, soft-deleted ones included; returns how
  // many it removed, soft-deleted ones included (so it can be more than Count(true), which counts
  // live records only).
  virtual Result<std::int64_t> RemoveExamples(const WriteContext& ctx) = 0;
  // Live records, or live example records.
  virtual Result<std::int64_t> Count(bool example_only) = 0;
  // How many published live records there are per county and kind, in one query (the front
  // page's counts): one row per pair that has any; county "" for records of no county, kind ""
  // for those the typology does not count as meeting places.
  virtual Result<std::vector<TallyRow>> Tally() = 0;
};

}  // namespace moteplass
