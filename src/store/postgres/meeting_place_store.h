// MeetingPlaceStore on PostgreSQL (store/meeting_place_store.h). Sort keys and search stems are
// computed by the program (core/norwegian.h) and stored beside each record, as on SQLite: the
// sort key in a bytea column, the stems of name and description in a tsvector column
// (store/postgres/search_text.h) with a GIN index.
#pragma once

#include "core/places/places.h"
#include "store/meeting_place_store.h"
#include "store/postgres/database.h"

namespace moteplass::postgres {

class PostgresMeetingPlaceStore final : public MeetingPlaceStore {
 public:
  // `places` are the counties and municipalities that records may lie in.
  PostgresMeetingPlaceStore(Database& db, Places places) : db_(db), places_(std::move(places)) {}

  // Computes the stored sort keys and search stems again when the rules that make them changed
  // since they were stored (an ICU or stemmer upgrade), so that old and new rows sort and match
  // alike. Run once at start, under the write lock.
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
};

}  // namespace moteplass::postgres
