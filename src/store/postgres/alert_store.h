// AlertStore on PostgreSQL: the one implementation in store/generic/alert_store.h.
#pragma once

#include "store/generic/alert_store.h"
#include "store/postgres/backend.h"

namespace moteplass::postgres {

using PostgresAlertStore = generic::AlertStoreOn<Backend>;

}  // namespace moteplass::postgres
