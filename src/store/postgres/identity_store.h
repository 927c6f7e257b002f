// IdentityStore on PostgreSQL: the one implementation in store/generic/identity_store.h.
#pragma once

#include "store/generic/identity_store.h"
#include "store/postgres/backend.h"

namespace moteplass::postgres {

using PostgresIdentityStore = generic::IdentityStoreOn<Backend>;

}  // namespace moteplass::postgres
