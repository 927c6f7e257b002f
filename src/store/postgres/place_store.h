// PlaceStore on PostgreSQL: the one implementation in store/generic/place_store.h.
#pragma once

#include "store/generic/place_store.h"
#include "store/postgres/backend.h"

namespace moteplass::postgres {

using PostgresPlaceStore = generic::PlaceStoreOn<Backend>;

}  // namespace moteplass::postgres
