// SuggestionStore on PostgreSQL: the one implementation in store/generic/suggestion_store.h.
#pragma once

#include "store/generic/suggestion_store.h"
#include "store/postgres/backend.h"

namespace moteplass::postgres {

using PostgresSuggestionStore = generic::SuggestionStoreOn<Backend>;

}  // namespace moteplass::postgres
