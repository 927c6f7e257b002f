// AccountStore on PostgreSQL: the one implementation in store/generic/account_store.h.
#pragma once

#include "store/generic/account_store.h"
#include "store/postgres/backend.h"

namespace moteplass::postgres {

using PostgresAccountStore = generic::AccountStoreOn<Backend>;

}  // namespace moteplass::postgres
