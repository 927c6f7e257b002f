// OperationsStore::FactsForAnalysis on PostgreSQL: the few fields the analyses read of every
// person, membership and case, taken out of the stored documents (text, cast to jsonb once per
// row) by the database, so that no document is parsed into the program. A field of another type
// than the one expected reads as NULL, as the analyses would read it.
#include "core/status_macros.h"
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
  ASSIGN_OR_RETURN(Pool::Lease lease, db_.Borrow());
  Connection& c = *lease;
  ReadTransaction txn(c);
  RETURN_IF_ERROR(txn.begun());
  OperationsFacts facts;
  {
    Statement s(c, kPeopleFacts);
    s.Bind(countries);
    RETURN_IF_ERROR(ForEachRow(s, [&](Statement& r) -> Status {
      PersonFacts p;
      p.id = r.Int(0);
      p.gender = r.Text(1);
      if (!r.IsNull(2)) p.birth_year = static_cast<int>(r.Int(2));
      p.country_of_background = r.Text(3);
      facts.people.push_back(std::move(p));
      return {};
    }));
  }
  {
    Statement s(c, kMembershipFacts);
    RETURN_IF_ERROR(ForEachRow(s, [&](Statement& r) -> Status {
      facts.memberships.push_back({r.Int(0), r.Int(1), r.Text(2), r.Text(3), r.Text(4)});
      return {};
    }));
  }
  {
    Statement s(c, kCaseFacts);
    RETURN_IF_ERROR(ForEachRow(s, [&](Statement& r) -> Status {
      facts.cases.push_back({r.Int(0), r.Text(1), r.Bool(2), r.Text(3), r.Bool(4)});
      return {};
    }));
  }
  return facts;
}

}  // namespace moteplass::postgres
