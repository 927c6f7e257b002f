#include "app/operations/case_import.h"

#include "app/operations/operations.h"
#include "core/operations/case_csv.h"
#include "core/status_macros.h"

namespace moteplass::app {

Result<std::vector<ops::Record>> ImportCases(Services& s, const Principal& who, std::int64_t meeting_place,
                                             std::string_view csv) {
  const Action action = Action::kOperationsManage;
  const std::string target = std::to_string(meeting_place);
  ASSIGN_OR_RETURN(OperationsAccess access, OperationsOf(s, who, meeting_place));
  RETURN_IF_ERROR(Authorize(s, who, action, LocationOf(access.place), "meeting_place", target));
  auto stored = [&]() -> Result<std::vector<ops::Record>> {
    ops::CaseCsv parsed = ops::ParseCaseCsv(csv);
    if (!parsed.problems.empty()) return ops::CsvError(parsed.problems);
    return s.store.operations().CreateAll(ops::Kind::kCase, meeting_place, parsed.cases,
                                          WriteContext{AuthorOf(who), 0});
  }();
  if (!stored.ok()) return Outcome(s, who, action, "meeting_place", target, stored.error(), false).error();
  s.changed({MeetingPlaceTag(meeting_place)});
  return stored;
}

}  // namespace moteplass::app
