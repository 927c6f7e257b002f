// OperationsStore::FactsForAnalysis on SQLite: the few fields the analyses read of every person,
// membership and case, from the virtual columns and covering indexes of migration 0020 (computed
// from the documents when they are written), so that neither SQLite nor the program parses a
// document here. INDEXED BY names the covering index: the read fails loudly if it is gone, and
// never falls back to computing the columns from every document.
#include "core/status_macros.h"
#include "store/sqlite/operations_store.h"

namespace moteplass::sqlite {
namespace {

// clang-format off
constexpr const char* kPeopleFacts =
    "SELECT id, fact_gender, fact_birth_year, CASE WHEN ? = 1 THEN fact_country END "
    "FROM people INDEXED BY people_facts WHERE erased = 0 ORDER BY id";
constexpr const char* kMembershipFacts =
    "SELECT meeting_place, person, fact_role, fact_starts, fact_ends "
    "FROM memberships INDEXED BY memberships_facts ORDER BY meeting_place, id";
constexpr const char* kCaseFacts =
    "SELECT meeting_place, fact_received, fact_decided, fact_outcome, fact_public "
    "FROM cases INDEXED BY cases_facts ORDER BY meeting_place, id";
// clang-format on

}  // namespace

Result<OperationsFacts> SqliteOperationsStore::FactsForAnalysis(bool countries) {
  Database::ReadLease lease(db_);
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
      facts.cases.push_back({r.Int(0), r.Text(1), r.Int(2) != 0, r.Text(3), r.Int(4) != 0});
      return {};
    }));
  }
  return facts;
}

}  // namespace moteplass::sqlite
