// The meeting-place store's counts: live records, examples, and the front page's tally by county
// and kind in one grouped query.
#include "store/sqlite/meeting_place_store.h"

namespace moteplass::sqlite {
namespace {

constexpr const char* kTally =
    "SELECT COALESCE(county, ''), COALESCE(kind, ''), COUNT(*) FROM meeting_places "
    "WHERE deleted_at IS NULL AND is_public = 1 GROUP BY 1, 2";
constexpr const char* kCountLive = "SELECT COUNT(*) FROM meeting_places WHERE deleted_at IS NULL";
constexpr const char* kCountExamples = "SELECT COUNT(*) FROM meeting_places WHERE deleted_at IS NULL AND example = 1";

}  // namespace

Result<std::int64_t> SqliteMeetingPlaceStore::Count(bool example_only) {
  Database::ReadLease lease(db_);
  Statement s(*lease, example_only ? kCountExamples : kCountLive);
  return OneRow<std::int64_t>(s, "no count", [](Statement& st) { return st.Int(0); });
}

Result<std::vector<TallyRow>> SqliteMeetingPlaceStore::Tally() {
  Database::ReadLease lease(db_);
  Statement s(*lease, kTally);
  std::vector<TallyRow> rows;
  while (true) {
    ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    rows.push_back(TallyRow{s.Text(0), s.Text(1), s.Int(2)});
  }
  return rows;
}

}  // namespace moteplass::sqlite
