// StudiesStore on SQLite: the one implementation in store/generic/studies_store.h.
#pragma once

#include "store/generic/studies_store.h"
#include "store/sqlite/backend.h"

namespace moteplass::sqlite {

using SqliteStudiesStore = generic::StudiesStoreOn<Backend>;

}  // namespace moteplass::sqlite
