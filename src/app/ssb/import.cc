#include "app/ssb/import.h"

#include "core/json_text.h"
#include "core/status_macros.h"

namespace moteplass::app {

Result<ssb::Table> ImportSsbTable(Services& s, const Principal& who, std::string_view json_text,
                                  std::string_view what) {
  RETURN_IF_ERROR(Authorize(s, who, Action::kSsbImport, RecordLocation{}, "ssb_table", ""));
  auto parsed = [&]() -> Result<ssb::Table> {
    ASSIGN_OR_RETURN(nlohmann::json doc, ParseJsonText(json_text, what));
    return ssb::ParseTable(doc, s.places);
  }();
  if (!parsed.ok()) {
    RETURN_IF_ERROR(Outcome(s, who, Action::kSsbImport, "ssb_table", "", parsed.error(), false));
  }
  RETURN_IF_ERROR(s.store.ssb().Replace(*parsed, WriteContext{AuthorOf(who), 0}));
  s.changed({"ssb"});
  return parsed;
}

}  // namespace moteplass::app
