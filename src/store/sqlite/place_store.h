// PlaceStore on SQLite: the one implementation in store/generic/place_store.h.
#pragma once

#include "store/generic/place_store.h"
#include "store/sqlite/backend.h"

namespace moteplass::sqlite {

using SqlitePlaceStore = generic::PlaceStoreOn<Backend>;

}  // namespace moteplass::sqlite
