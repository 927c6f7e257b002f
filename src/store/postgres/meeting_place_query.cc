// The read side of the meeting-place store: the row every read maps
// (meeting_place_rows.h, shared with the writes in meeting_place_store.cc), and the directory's
// list with its filters, full-text search, order and paging.
#include <algorithm>

#include "core/search/search.h"
#include "store/postgres/meeting_place_rows.h"
#include "store/postgres/meeting_place_store.h"
#include "store/postgres/search_text.h"

namespace moteplass::postgres {

using nlohmann::json;

const std::string& MeetingPlaceSelect() {
  static const std::string sql =
      "SELECT mp.id, mp.profile, mp.description, mp.how_to_take_part, mp.contact_email, mp.contact_phone, "
      "mp.website, mp.established, mp.ceased, mp.is_public, mp.name, mp.level, mp.municipality, mp.county, "
      "rc.region, mp.classification, mp.recorded_kind, mp.recorded_justification, mp.recorded_by, "
      "mp.recorded_at, mp.kind, mp.example, mp.version, mp.created_at, mp.updated_at, mp.deleted_at, "
      "mp.computed_kind, mp.subtype, mp.text_language, mp.translations "
      "FROM meeting_places mp LEFT JOIN region_counties rc ON rc.county = mp.county";
  return sql;
}

Result<MeetingPlace> MeetingPlaceFromRow(const Statement& s) {
  MeetingPlace p;
  p.id = s.Int(0);
  p.input.profile = json::parse(s.Text(1), nullptr, false);
  if (p.input.profile.is_discarded()) return Error::Internal("database: stored profile is not JSON");
  p.input.description = s.Text(2);
  p.input.how_to_take_part = s.Text(3);
  p.input.contact.email = s.Text(4);
  p.input.contact.phone = s.Text(5);
  p.input.website = s.Text(6);
  p.input.established = s.Text(7);
  p.input.ceased = s.Text(8);
  p.input.is_public = s.Bool(9);
  p.name = s.Text(10);
  p.level = s.Text(11);
  p.municipality = s.Text(12);
  p.county = s.Text(13);
  p.region = s.Text(14);
  if (!s.IsNull(15)) {
    p.classification = json::parse(s.Text(15), nullptr, false);
    if (p.classification.is_discarded()) return Error::Internal("database: stored classification is not JSON");
  }
  if (!s.IsNull(16)) p.recorded_kind = RecordedKind{s.Text(16), s.Text(17), s.Text(18), s.Text(19)};
  p.kind = s.Text(20);
  p.example = s.Bool(21);
  p.version = s.Int(22);
  p.created_at = s.Text(23);
  p.updated_at = s.Text(24);
  p.deleted_at = s.Text(25);
  p.computed_kind = s.Text(26);
  p.subtype = s.Text(27);
  p.input.language = s.Text(28);
  ASSIGN_OR_RETURN(p.input.translations, TranslationsFromStored(s.Text(29)));
  return p;
}

namespace {

// The same without the classification (MeetingPlaceQuery::with_classification false).
const std::string kSelectPlaceLean = [] {
  std::string sql = MeetingPlaceSelect();
  sql.replace(sql.find("mp.classification"), std::string("mp.classification").size(), "NULL");
  return sql;
}();
const std::string kSelectLive = MeetingPlaceSelect() + " WHERE mp.deleted_at IS NULL ORDER BY mp.id";
constexpr const char* kCountFrom =
    "SELECT COUNT(*) FROM meeting_places mp LEFT JOIN region_counties rc ON rc.county = mp.county";
// Without a region filter the count needs no join, and is read from an index alone.
constexpr const char* kCountFromPlaces = "SELECT COUNT(*) FROM meeting_places mp";

}  // namespace

Result<MeetingPlacePage> PostgresMeetingPlaceStore::List(const MeetingPlaceQuery& query) {
  // The statement is assembled from fixed fragments and parameter numbers only; every value is
  // bound, in the order `param` numbers them.
  std::vector<std::string> values;
  auto param = [&](std::string value) {
    values.push_back(std::move(value));
    return "$" + std::to_string(values.size());
  };
  std::string where = " WHERE true";
  // Full-text search (core/search): a record matches when its terms and tags match every group
  // of the query; ts_rank weighs a match in the name ten times one in the description, a tag
  // four times. Text with no words filters nothing.
  const std::string match = query.text.empty() ? "" : SearchQuery(search::ParseQuery(query.text, names_));
  std::string rank;
  if (!match.empty()) {
    const std::string text_query = param(match) + "::tsquery";
    where += " AND mp.search @@ " + text_query;
    rank = std::string("ts_rank(") + kSearchWeights + "::real[], mp.search, " + text_query + ")";
  }
  if (!query.include_deleted) where += " AND mp.deleted_at IS NULL";
  if (!query.include_unpublished) where += " AND mp.is_public";
  const std::pair<const std::string*, const char*> filters[] = {{&query.county, " AND mp.county = "},
                                                                {&query.municipality, " AND mp.municipality = "},
                                                                {&query.region, " AND rc.region = "},
                                                                {&query.kind, " AND mp.kind = "}};
  for (const auto& [value, fragment] : filters) {
    if (!value->empty()) where += fragment + param(*value);
  }
  // Times are stored as "YYYY-MM-DDTHH:MM:SSZ" (COLLATE "C"): a day sorts before every time on it.
  if (!query.changed_since.empty()) where += " AND mp.updated_at >= " + param(query.changed_since);
  std::string order = " ORDER BY mp.sort_key, mp.id";
  if (query.sort == MeetingPlaceQuery::Sort::kUpdatedDesc) {
    order = " ORDER BY mp.updated_at DESC, mp.id DESC";
  } else if (query.sort == MeetingPlaceQuery::Sort::kRelevance && !rank.empty()) {
    order = " ORDER BY " + rank + " DESC, mp.sort_key, mp.id";
  }
  const std::int64_t per_page = std::clamp(query.per_page, 1, 1000);
  const std::int64_t page = std::max(query.page, 1);
  const std::string limit = " LIMIT $" + std::to_string(values.size() + 1) + " OFFSET $" +
                            std::to_string(values.size() + 2);

  ASSIGN_OR_RETURN(Pool::Lease lease, db_.Borrow());
  Connection& c = *lease;
  ReadTransaction txn(c);
  RETURN_IF_ERROR(txn.begun());
  MeetingPlacePage result;
  {
    Statement count(c, (query.region.empty() ? kCountFromPlaces : kCountFrom) + where);
    for (const std::string& v : values) count.Bind(v);
    ASSIGN_OR_RETURN(result.total, OneRow<std::int64_t>(count, "no count", [](Statement& r) { return r.Int(0); }));
  }
  Statement s(c, (query.with_classification ? MeetingPlaceSelect() : kSelectPlaceLean) + where + order + limit);
  for (const std::string& v : values) s.Bind(v);
  s.Bind(per_page).Bind((page - 1) * per_page);
  ASSIGN_OR_RETURN(result.items, CollectRows<MeetingPlace>(s, MeetingPlaceFromRow));
  return result;
}

Result<std::vector<MeetingPlace>> PostgresMeetingPlaceStore::All() {
  ASSIGN_OR_RETURN(Pool::Lease lease, db_.Borrow());
  Statement s(*lease, kSelectLive);
  return CollectRows<MeetingPlace>(s, MeetingPlaceFromRow);
}

}  // namespace moteplass::postgres
