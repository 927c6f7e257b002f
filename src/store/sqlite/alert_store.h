// AlertStore on SQLite: the one implementation in store/generic/alert_store.h.
#pragma once

#include "store/generic/alert_store.h"
#include "store/sqlite/backend.h"

namespace moteplass::sqlite {

using SqliteAlertStore = generic::AlertStoreOn<Backend>;

}  // namespace moteplass::sqlite
