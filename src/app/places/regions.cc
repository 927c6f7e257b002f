#include "app/places/regions.h"

#include "core/status_macros.h"

namespace moteplass::app {

Result<std::vector<Region>> ReplaceRegions(Services& s, const Principal& who, std::string_view json_text) {
  RETURN_IF_ERROR(Authorize(s, who, Action::kRegionsReplace, RecordLocation{}, "regions", ""));
  ASSIGN_OR_RETURN(std::vector<Region> regions, ParseRegions(json_text, s.places.counties));
  RETURN_IF_ERROR(s.store.places().ReplaceRegions(regions, WriteContext{AuthorOf(who), 0}));
  s.changed({"places"});
  return regions;
}

}  // namespace moteplass::app
