// IdentityStore on SQLite: the one implementation in store/generic/identity_store.h.
#pragma once

#include "store/generic/identity_store.h"
#include "store/sqlite/backend.h"

namespace moteplass::sqlite {

using SqliteIdentityStore = generic::IdentityStoreOn<Backend>;

}  // namespace moteplass::sqlite
