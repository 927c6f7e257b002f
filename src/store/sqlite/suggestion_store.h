// SuggestionStore on SQLite: the one implementation in store/generic/suggestion_store.h.
#pragma once

#include "store/generic/suggestion_store.h"
#include "store/sqlite/backend.h"

namespace moteplass::sqlite {

using SqliteSuggestionStore = generic::SuggestionStoreOn<Backend>;

}  // namespace moteplass::sqlite
