// OperationsStore::FactsForAnalysis on SQLite: the few fields the analyses read of every person,
// membership and case, from the virtual columns and covering indexes of migration 0020 (computed
// from the documents when they are written), so that neither SQLite nor the program parses a
// document here. INDEXED BY names the covering index: the read fails loudly if it is gone, and
// never falls back to computing the columns from every document.
#include "store/generic/operations_facts.h"

#include "store/sqlite/backend.h"
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
  return generic::ReadOperationsFacts<Backend>(db_, kPeopleFacts, kMembershipFacts, kCaseFacts, countries);
}

}  // namespace moteplass::sqlite
