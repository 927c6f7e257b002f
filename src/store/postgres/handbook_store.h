// HandbookStore on PostgreSQL: the one implementation in store/generic/handbook_store.h.
#pragma once

#include "store/generic/handbook_store.h"
#include "store/postgres/backend.h"

namespace moteplass::postgres {

using PostgresHandbookStore = generic::HandbookStoreOn<Backend>;

}  // namespace moteplass::postgres
