// What IMDi's overview keeps in the register (core/overview): the target of new meeting places
// per region and year, in the store's settings under "imdi_target". Reached through
// Store::overview().
//
// What the journal gets: the target is one record, entity type "imdi_target" and id "". Each
// SetTarget that changes it adds a history entry with action "set" and one change, pointer "",
// from the old target (null while the default stood) to the new, and the audit row
// "imdi_target.set"; setting the target it already has writes nothing.
#pragma once

#include <optional>

#include "core/error.h"
#include "store/write.h"

namespace moteplass {

class OverviewStore {
 public:
  virtual ~OverviewStore() = default;
  // The target set, nullopt while none has been (the default stands).
  virtual Result<std::optional<int>> Target() = 0;
  // Sets the target (the caller checks its bounds).
  virtual Status SetTarget(int target, const WriteContext& ctx) = 0;
};

}  // namespace moteplass
