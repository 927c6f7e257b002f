// OverviewStore on PostgreSQL: the one implementation in store/generic/overview_store.h.
#pragma once

#include "store/generic/overview_store.h"
#include "store/postgres/backend.h"

namespace moteplass::postgres {

using PostgresOverviewStore = generic::OverviewStoreOn<Backend>;

}  // namespace moteplass::postgres
