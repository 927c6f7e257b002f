// SsbStore on SQLite: the one implementation in store/generic/ssb_store.h.
#pragma once

#include "store/generic/ssb_store.h"
#include "store/sqlite/backend.h"

namespace moteplass::sqlite {

using SqliteSsbStore = generic::SsbStoreOn<Backend>;

}  // namespace moteplass::sqlite
