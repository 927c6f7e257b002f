// SsbStore on PostgreSQL: the one implementation in store/generic/ssb_store.h.
#pragma once

#include "store/generic/ssb_store.h"
#include "store/postgres/backend.h"

namespace moteplass::postgres {

using PostgresSsbStore = generic::SsbStoreOn<Backend>;

}  // namespace moteplass::postgres
