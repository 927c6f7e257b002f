// The contract suites (store/contract/), which every backend must pass, on PostgreSQL.
#include "store/contract/account_store_contract.h"
#include "store/contract/alert_store_contract.h"
#include "store/contract/codings_store_contract.h"
#include "store/contract/handbook_store_contract.h"
#include "store/contract/identity_store_contract.h"
#include "store/contract/journal_store_contract.h"
#include "store/contract/meeting_place_store_contract.h"
#include "store/contract/operations_store_contract.h"
#include "store/contract/overview_store_contract.h"
#include "store/contract/place_store_contract.h"
#include "store/contract/search_contract.h"
#include "store/contract/ssb_store_contract.h"
#include "store/contract/studies_store_contract.h"
#include "store/contract/study_submissions_contract.h"
#include "store/contract/suggestion_store_contract.h"
#include "store/contract/texts_contract.h"
#include "store/contract/transfer_store_contract.h"
#include "store/contract/verdict_contract.h"
#include "store/postgres/test_cluster.h"

namespace moteplass::store_contract {

INSTANTIATE_TYPED_TEST_SUITE_P(Postgres, MeetingPlaceStoreContractTest, PostgresBackend);
INSTANTIATE_TYPED_TEST_SUITE_P(Postgres, PlaceStoreContractTest, PostgresBackend);
INSTANTIATE_TYPED_TEST_SUITE_P(Postgres, AccountStoreContractTest, PostgresBackend);
INSTANTIATE_TYPED_TEST_SUITE_P(Postgres, IdentityStoreContractTest, PostgresBackend);
INSTANTIATE_TYPED_TEST_SUITE_P(Postgres, JournalStoreContractTest, PostgresBackend);
INSTANTIATE_TYPED_TEST_SUITE_P(Postgres, TransferStoreContractTest, PostgresBackend);
INSTANTIATE_TYPED_TEST_SUITE_P(Postgres, OperationsStoreContractTest, PostgresBackend);
INSTANTIATE_TYPED_TEST_SUITE_P(Postgres, AlertStoreContractTest, PostgresBackend);
INSTANTIATE_TYPED_TEST_SUITE_P(Postgres, SearchContractTest, PostgresBackend);
INSTANTIATE_TYPED_TEST_SUITE_P(Postgres, SuggestionStoreContractTest, PostgresBackend);
INSTANTIATE_TYPED_TEST_SUITE_P(Postgres, VerdictContractTest, PostgresBackend);
INSTANTIATE_TYPED_TEST_SUITE_P(Postgres, SsbStoreContractTest, PostgresBackend);
INSTANTIATE_TYPED_TEST_SUITE_P(Postgres, HandbookStoreContractTest, PostgresBackend);
INSTANTIATE_TYPED_TEST_SUITE_P(Postgres, OverviewStoreContractTest, PostgresBackend);
INSTANTIATE_TYPED_TEST_SUITE_P(Postgres, StudiesStoreContractTest, PostgresBackend);
INSTANTIATE_TYPED_TEST_SUITE_P(Postgres, TextsContractTest, PostgresBackend);
INSTANTIATE_TYPED_TEST_SUITE_P(Postgres, StudySubmissionsContractTest, PostgresBackend);
INSTANTIATE_TYPED_TEST_SUITE_P(Postgres, CodingsStoreContractTest, PostgresBackend);

}  // namespace moteplass::store_contract
