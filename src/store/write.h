// What every write to the store carries, whatever the capability: who writes, and the version
// the writer based the change on. The backends record, in the same transaction as the write, one
// history row per changed record (keyed by entity type and id, so that any kind of record gets a
// history) and one audit row per write; a write that turns out to change nothing records
// nothing.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/journal.h"

namespace moteplass {

// A write's author and the version the writer based it on (0: do not check).
struct WriteContext {
  std::string by;  // username or "system"
  std::int64_t expected_version = 0;
  // Where the change came from, written with its history entry: a JSON object such as
  // {"study": 3} for fields accepted from a mapping study; null for a person's own change.
  nlohmann::json source = nullptr;
};

}  // namespace moteplass
