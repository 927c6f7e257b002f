// AccountStore on SQLite: the one implementation in store/generic/account_store.h.
#pragma once

#include "store/generic/account_store.h"
#include "store/sqlite/backend.h"

namespace moteplass::sqlite {

using SqliteAccountStore = generic::AccountStoreOn<Backend>;

}  // namespace moteplass::sqlite
