#include "app/overview/overview.h"

#include <algorithm>

#include "app/register/meeting_places.h"
#include "core/status_macros.h"

namespace moteplass::app {

Result<int> OverviewTarget(Services& s) {
  ASSIGN_OR_RETURN(std::optional<int> set, s.store.overview().Target());
  return set.value_or(overview::kDefaultTarget);
}

Result<overview::Overview> GetOverview(Services& s, const Principal& who, int current_year) {
  std::vector<std::string> regions;
  for (const Region& r : s.places.regions) {
    RecordLocation where;
    where.region = r.id;
    if (Decide(who, Action::kImdiOverview, where).allowed) regions.push_back(r.id);
  }
  if (regions.empty()) {
    const Decision d = Decide(who, Action::kImdiOverview, RecordLocation{});
    return d.error ? *d.error : Error::Forbidden("IMDi's overview is for national and regional users");
  }
  ASSIGN_OR_RETURN(int target, OverviewTarget(s));
  ASSIGN_OR_RETURN(std::vector<MeetingPlace> all, EveryMeetingPlaceLean(s));
  std::vector<MeetingPlace> counted;
  for (auto& p : all) {
    // Published meeting places the typology (or a person) gives a kind: what the public sees.
    if (p.input.is_public && p.deleted_at.empty() && !p.kind.empty()) counted.push_back(std::move(p));
  }
  ASSIGN_OR_RETURN(std::optional<SsbTableInfo> ssb, s.store.ssb().Info());
  std::map<std::string, std::int64_t> immigrants;
  if (ssb) {
    ASSIGN_OR_RETURN(immigrants, s.store.ssb().ImmigrantPopulation());
  }
  // A national user's overview covers every region, and the places of none (a county no region has).
  const bool everywhere = regions.size() == s.places.regions.size();
  return overview::Build(counted, s.places, everywhere ? std::vector<std::string>{} : regions, target, current_year,
                         immigrants, ssb ? ssb->latest_year : 0);
}

Status SetOverviewTarget(Services& s, const Principal& who, const std::string& text) {
  RETURN_IF_ERROR(Authorize(s, who, Action::kImdiSetTarget, RecordLocation{}, "imdi_target", ""));
  int target = -1;
  if (!text.empty() && text.size() <= 3 &&
      std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    target = std::stoi(text);
  }
  if (target < 0 || target > overview::kMaxTarget) {
    return Outcome(s, who, Action::kImdiSetTarget, "imdi_target", "",
                   Error::Invalid("/target: expected a whole number from 0 to 100", "/target"), false);
  }
  Status st = s.store.overview().SetTarget(target, WriteContext{AuthorOf(who), 0});
  if (!st.ok()) return Outcome(s, who, Action::kImdiSetTarget, "imdi_target", "", st, false);
  s.changed({"imdi"});
  return {};
}

}  // namespace moteplass::app
