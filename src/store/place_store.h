// Counties, municipalities and IMDi regions in the store. Counties and municipalities are loaded
// at first start and never change; the mapping of counties to regions can be replaced. Reached
// through Store::places().
//
// What the journal gets (store/journal_store.h): the regions as a whole are one record, with
// entity type "regions" and the empty id "". Each ReplaceRegions adds one history entry to
// ("regions", "") with action "replace" and one change, pointer "", whose `before` and `after`
// are the whole list of regions as JSON ([{"id", "name", "counties": [...]}, ...]) in the order
// given; and one audit row "regions.replace" (target type "regions", target id "", outcome "ok").
#pragma once

#include <string>
#include <vector>

#include "core/error.h"
#include "core/places/places.h"
#include "store/write.h"

namespace moteplass {

class PlaceStore {
 public:
  virtual ~PlaceStore() = default;

  // Every county (with its region), municipality and region, in number order (regions in the
  // order they were given).
  virtual Result<Places> Load() = 0;
  // Replaces the regions and which counties each covers, all or nothing, with history and audit
  // (see the file comment). `regions` must already be valid (ParseRegions checks it). The
  // history's `before` is read in the write's own transaction: it is exactly what this call
  // replaced, even when several replacements run at once, so that each entry's `before` is the
  // `after` of the entry before it.
  virtual Status ReplaceRegions(const std::vector<Region>& regions, const WriteContext& ctx) = 0;
};

}  // namespace moteplass
