// HandbookStore on SQLite: the one implementation in store/generic/handbook_store.h.
#pragma once

#include "store/generic/handbook_store.h"
#include "store/sqlite/backend.h"

namespace moteplass::sqlite {

using SqliteHandbookStore = generic::HandbookStoreOn<Backend>;

}  // namespace moteplass::sqlite
