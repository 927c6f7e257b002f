// Counties, municipalities and IMDi regions in the store. Counties and municipalities are loaded
// at first start and never change; the mapping of counties to regions can be replaced. Reached
// through Store::places().
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
  // ("regions.replace"). `regions` must already be valid (ParseRegions checks it).
  virtual Status ReplaceRegions(const std::vector<Region>& regions, const WriteContext& ctx) = 0;
};

}  // namespace moteplass
