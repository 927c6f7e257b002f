// MeetingPlaceStore on SQLite (store/meeting_place_store.h). Sort keys and search stems are
// computed by the program (core/norwegian.h) and stored beside each record; full-text search is
// an FTS5 index of the stems of name and description.
#pragma once

#include "core/places/places.h"
#include "core/search/search.h"
#include "store/meeting_place_store.h"
#include "store/sqlite/database.h"

namespace moteplass::sqlite {

// The FTS5 MATCH expression of a search (core/search): ("a" OR ("b" AND "c"*)) AND (...), every
// term quoted; "" for none (meeting_place_counts.cc).
std::string MatchExpression(const search::Query& query);

class SqliteMeetingPlaceStore final : public MeetingPlaceStore {
 public:
  // `places` are the counties and municipalities that records may lie in.
  SqliteMeetingPlaceStore(Database& db, Places places) : db_(db), places_(std::move(places)), names_(places_) {}

  // Computes the stored sort keys and search stems again when the rules that make them changed
  // since they were stored (an ICU or stemmer upgrade), so that old and new rows sort and match
  // alike. Run once at start.
  Status RefreshNorwegianText();
  // Computes every stored verdict (classification and the kind in force) again when the typology
  // has changed since they were stored (TypologyVersion() against the setting
  // 'typology_version'); a recorded kind stays in force. Not a user's write: no history, no
  // new version.
  Status RefreshClassification();

  Result<MeetingPlace> Create(const MeetingPlaceInput& input, const nlohmann::json& classification, bool example,
                              const WriteContext& ctx) override;
  Result<MeetingPlace> Update(std::int64_t id, const MeetingPlaceInput& input, const nlohmann::json& classification,
                              const WriteContext& ctx) override;
  Status Delete(std::int64_t id, const WriteContext& ctx) override;
  Result<MeetingPlace> RecordKind(std::int64_t id, const std::optional<RecordedKind>& kind,
                                  const WriteContext& ctx) override;
  Result<MeetingPlace> Get(std::int64_t id) override;
  Result<MeetingPlacePage> List(const MeetingPlaceQuery& query) override;
  Result<std::vector<MeetingPlace>> All() override;
  Result<std::vector<MeetingPlace>> Import(const std::vector<MeetingPlaceInput>& inputs,
                                           const std::vector<nlohmann::json>& classifications, bool example,
                                           const WriteContext& ctx) override;
  Result<std::vector<MeetingPlace>> ImportRecords(const std::vector<ImportRecord>& records,
                                                  const WriteContext& ctx) override;
  Result<std::int64_t> RemoveExamples(const WriteContext& ctx) override;
  Result<std::int64_t> Count(bool example_only) override;
  Result<std::vector<TallyRow>> Tally() override;

 private:
  Database& db_;
  const Places places_;
  const search::PlaceNames names_;  // what searches may name
};

}  // namespace moteplass::sqlite
