// OperationsStore::FactsForAnalysis on PostgreSQL: the few fields the analyses read of every
// person, membership and case, taken out of the stored documents (text, cast to jsonb once per
// row) by the database, so that no document is parsed into the program. A field of another type
// than the one expected reads as NULL, as the analyses would read it.
#include "store/generic/operations_facts.h"

#include "store/postgres/backend.h"
#include "store/postgres/operations_store.h"

namespace moteplass::postgres {
namespace {

// Each subquery casts the document once; OFFSET 0 keeps the planner from folding it into the
// outer query, which would cast it again for every field.
// clang-format off
constexpr const char* kPeopleFacts =
    "SELECT id, "
    "CASE jsonb_typeof(d->'gender') WHEN 'string' THEN d->>'gender' END, "
    "CASE WHEN jsonb_typeof(d->'birth_year') = 'number' AND d->>'birth_year' ~ '^-?[0-9]{1,18}$' "
    "THEN (d->>'birth_year')::bigint END, "
    "CASE WHEN $1 AND jsonb_typeof(d->'country_of_background') = 'string' "
    "THEN d->>'country_of_background' END "
    "FROM (SELECT id, data::jsonb AS d FROM people WHERE NOT erased OFFSET 0) p ORDER BY id";
constexpr const char* kMembershipFacts =
    "SELECT meeting_place, person, "
    "CASE jsonb_typeof(d->'role') WHEN 'string' THEN d->>'role' END, "
    "CASE jsonb_typeof(d->'starts') WHEN 'string' THEN d->>'starts' END, "
    "CASE jsonb_typeof(d->'ends') WHEN 'string' THEN d->>'ends' END "
    "FROM (SELECT id, meeting_place, person, data::jsonb AS d FROM memberships OFFSET 0) m "
    "ORDER BY meeting_place, id";
constexpr const char* kCaseFacts =
    "SELECT meeting_place, "
    "CASE jsonb_typeof(d->'received') WHEN 'string' THEN d->>'received' END, "
    "COALESCE(jsonb_typeof(d->'decision') = 'object', false), "
    "CASE jsonb_typeof(d->'decision'->'outcome') WHEN 'string' THEN d->'decision'->>'outcome' END, "
    "(d->'public') IS DISTINCT FROM 'false'::jsonb "
    "FROM (SELECT id, meeting_place, data::jsonb AS d FROM cases OFFSET 0) c ORDER BY meeting_place, id";
// clang-format on

}  // namespace

Result<OperationsFacts> PostgresOperationsStore::FactsForAnalysis(bool countries) {
  return generic::ReadOperationsFacts<Backend>(db_, kPeopleFacts, kMembershipFacts, kCaseFacts, countries);
}

}  // namespace moteplass::postgres
