// OverviewStore on SQLite: the one implementation in store/generic/overview_store.h.
#pragma once

#include "store/generic/overview_store.h"
#include "store/sqlite/backend.h"

namespace moteplass::sqlite {

using SqliteOverviewStore = generic::OverviewStoreOn<Backend>;

}  // namespace moteplass::sqlite
