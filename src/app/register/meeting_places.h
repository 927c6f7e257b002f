// The register's use cases: read, list, create, change, delete, record a kind, read the history,
// import and remove the example data. Each authorises through core/access, writes through the
// store's one write path (history and audit in the same transaction), checks the version the
// caller based a change on, and tells the listeners which cache tags changed.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/services.h"
#include "core/register/meeting_place.h"

namespace moteplass::app {

// The cache tag of everything that lists meeting places (directory, front page, municipality and
// county pages), and of one meeting place's own pages.
inline constexpr const char* kMeetingPlacesTag = "meeting_places";
std::string MeetingPlaceTag(const std::string& id);
inline std::string MeetingPlaceTag(std::int64_t id) { return MeetingPlaceTag(std::to_string(id)); }

// The cache tags a change to a record touched, for changes other processes report
// (Store::WatchExternalChanges); empty when all of them may be touched (an unknown or "*" type).
std::vector<std::string> TagsOfChange(const std::string& entity_type, const std::string& entity_id);

// True when `who` may see this record: published and not deleted, or covered by the role.
bool CanSee(const Principal& who, const MeetingPlace& place);

// True when `who` may do `action` on `place` (for showing buttons; nothing is audited).
bool May(const Principal& who, Action action, const MeetingPlace& place);

// One record the caller may see; kNotFound for unknown, deleted or (to those not covered)
// unpublished ones, so that the answer does not reveal that an unpublished record exists.
Result<MeetingPlace> GetMeetingPlace(Services& s, const Principal& who, std::int64_t id);

// Every live meeting place (published or not; only the published ones when `include_unpublished`
// is false) without its classification (null; kind, computed_kind and subtype are there), for use
// cases that go through all of them and never show the typology's reasons: the widest part of a
// record is not read and parsed (1,500 meeting places carry about 8 MB of reasons). Read a
// thousand at a time, in the list's order; nothing is checked against a caller.
Result<std::vector<MeetingPlace>> EveryMeetingPlaceLean(Services& s, bool include_unpublished = true);

// A page of the list; unpublished records are included only for roles that may list them.
Result<MeetingPlacePage> ListMeetingPlaces(Services& s, const Principal& who, MeetingPlaceQuery query);

// The records of the query that `who` may change, unpublished ones included (an officer's own
// drafts), one page of the query at most; `total` counts the query's records of any state.
Result<MeetingPlacePage> ListChangeableMeetingPlaces(Services& s, const Principal& who, MeetingPlaceQuery query);

// Creates a meeting place where `input` puts it. kUnauthenticated/kForbidden (audited) when the
// role does not cover that place. `source`, when given, is where the record came from, as the
// history shows it ({"study": id}).
Result<MeetingPlace> CreateMeetingPlace(Services& s, const Principal& who, const MeetingPlaceInput& input,
                                        const nlohmann::json& source = nullptr);

// The version a change is based on when the caller named none (the API without If-Match or a
// "version" in the body): the change is refused, once the role is found to cover it, with
// kInvalid slug "precondition_required" (HTTP 428), so that no one overwrites unseen changes.
inline constexpr std::int64_t kNoPrecondition = -1;

// Replaces a record. `expected_version` 0 skips the version check (the command line, "If-Match:
// *"); kNoPrecondition refuses (above); kConflict when it differs. The role must cover both where the record is and
// where it would go. `source` goes into the history entry (WriteContext::source): {"study": id}
// for fields accepted from a mapping study.
Result<MeetingPlace> UpdateMeetingPlace(Services& s, const Principal& who, std::int64_t id,
                                        const MeetingPlaceInput& input, std::int64_t expected_version,
                                        const nlohmann::json& source = nullptr);

// Soft-deletes a record; errors as UpdateMeetingPlace.
Status DeleteMeetingPlace(Services& s, const Principal& who, std::int64_t id, std::int64_t expected_version);

// Records the kind a person chose, with the reason (nullopt clears it). kInvalid (pointer "/kind"
// or "/justification") when the kind is unknown or the reason is blank or over 4,000 characters.
Result<MeetingPlace> RecordKind(Services& s, const Principal& who, std::int64_t id,
                                const std::optional<RecordedKind>& kind, std::int64_t expected_version);

// A record's change history, newest first. `show_authors` is false when the role may not see
// who made each change (then `by` is empty in every entry).
struct MeetingPlaceHistory {
  MeetingPlace place;
  std::vector<HistoryEntry> entries;
  bool show_authors = false;
};
Result<MeetingPlaceHistory> GetHistory(Services& s, const Principal& who, std::int64_t id);

// Imports records all or nothing (the command line); the Error's index names a bad record.
Result<std::vector<MeetingPlace>> ImportMeetingPlaces(Services& s, const Principal& who,
                                                      const std::vector<MeetingPlaceInput>& inputs, bool example);

// Imports an export (all or nothing): each record by its id, updated where it exists, created
// (with that id, its recorded kind and history) where it does not (store/meeting_place_store.h
// ImportRecords). Classifies each; checks recorded kinds as RecordKind does (the Error's index
// names a bad record).
Result<std::vector<MeetingPlace>> ImportRecords(Services& s, const Principal& who, std::vector<ImportRecord> records);

// Removes every example record and its history; returns how many.
Result<std::int64_t> RemoveExampleData(Services& s, const Principal& who);

// Checks a recorded kind's fields as a person entered them.
Status ValidateRecordedKind(const RecordedKind& kind);

}  // namespace moteplass::app
