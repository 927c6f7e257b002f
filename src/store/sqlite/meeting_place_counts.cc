// The meeting-place store's counts: live records, examples, and the front page's tally by county
// and kind in one grouped query; and the FTS5 query a list's search becomes.
#include "store/sqlite/meeting_place_store.h"

namespace moteplass::sqlite {
namespace {

constexpr const char* kTally =
    "SELECT COALESCE(county, ''), COALESCE(kind, ''), COUNT(*) FROM meeting_places "
    "WHERE deleted_at IS NULL AND is_public = 1 GROUP BY county, kind";
constexpr const char* kCountLive = "SELECT COUNT(*) FROM meeting_places WHERE deleted_at IS NULL";
constexpr const char* kCountExamples = "SELECT COUNT(*) FROM meeting_places WHERE deleted_at IS NULL AND example = 1";

// A term in double quotes, as FTS5 reads a string: no user text is read as FTS syntax.
void AppendQuoted(std::string& out, const search::Term& term) {
  if (term.name_only) out += "name : ";
  out += '"';
  for (char ch : term.text) {
    if (ch == '"') out += '"';
    out += ch;
  }
  out += '"';
  if (term.prefix) out += '*';
}

}  // namespace

// The FTS5 query of a search (core/search): ("a" OR ("b" AND "c"*)) AND (...); "" for none.
std::string MatchExpression(const search::Query& query) {
  std::string expr;
  for (const search::Group& group : query) {
    if (!expr.empty()) expr += " AND ";
    expr += '(';
    for (std::size_t i = 0; i < group.size(); ++i) {
      if (i > 0) expr += " OR ";
      expr += '(';
      for (std::size_t j = 0; j < group[i].size(); ++j) {
        if (j > 0) expr += " AND ";
        AppendQuoted(expr, group[i][j]);
      }
      expr += ')';
    }
    expr += ')';
  }
  return expr;
}

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
