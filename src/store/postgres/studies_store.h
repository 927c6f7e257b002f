// StudiesStore on PostgreSQL: the one implementation in store/generic/studies_store.h.
#pragma once

#include "store/generic/studies_store.h"
#include "store/postgres/backend.h"

namespace moteplass::postgres {

using PostgresStudiesStore = generic::StudiesStoreOn<Backend>;

}  // namespace moteplass::postgres
