#include "core/overview/overview.h"

#include <algorithm>
#include <set>

namespace moteplass::overview {
namespace {

int YearOf(const std::string& date) {
  if (date.size() < 4) return 0;
  int y = 0;
  for (int i = 0; i < 4; ++i) {
    if (date[i] < '0' || date[i] > '9') return 0;
    y = y * 10 + (date[i] - '0');
  }
  return y;
}

}  // namespace

int StartYear(const MeetingPlace& p) {
  if (int y = YearOf(p.input.established); y > 0) return y;
  if (p.input.profile.is_object() && p.input.profile.contains("established_year") &&
      p.input.profile["established_year"].is_number_integer()) {
    return p.input.profile["established_year"].get<int>();
  }
  return 0;
}

Overview Build(const std::vector<MeetingPlace>& register_places, const Places& places,
               const std::vector<std::string>& regions, int target, int current_year,
               const std::map<std::string, std::int64_t>& immigrants, int ssb_year) {
  Overview o;
  o.target = target;
  o.current_year = current_year;
  o.has_ssb = !immigrants.empty();
  o.ssb_year = ssb_year;
  auto wanted = [&](const std::string& region) {
    return regions.empty() || std::find(regions.begin(), regions.end(), region) != regions.end();
  };
  const int first = current_year - kYears + 1;
  std::set<std::string> covered;  // municipalities with a meeting place that has not ceased
  for (const Region& r : places.regions) {
    if (!wanted(r.id)) continue;
    RegionOverview ro{r.id, r.name, {}, 0, 0, 0};
    for (int y = first; y <= current_year; ++y) ro.years.push_back({y, 0, 0, false});
    for (const MeetingPlace& p : register_places) {
      if (p.region != r.id) continue;
      const int start = StartYear(p);
      const int end = YearOf(p.input.ceased);
      if (start >= first && start <= current_year) ro.years[start - first].started++;
      if (end >= first && end <= current_year) ro.years[end - first].ceased++;
      if (end == 0 || end > current_year) {
        ro.active++;
        if (start == 0) ro.undated++;
      }
    }
    for (auto& y : ro.years) {
      y.behind = y.started < target;
      if (y.behind) ro.behind_years++;
    }
    o.regions.push_back(std::move(ro));
  }
  for (const MeetingPlace& p : register_places) {
    if (!wanted(p.region)) continue;
    const int end = YearOf(p.input.ceased);
    if (end == 0 || end > current_year) {
      if (!p.municipality.empty()) covered.insert(p.municipality);
      continue;
    }
    if (end < first) continue;
    const Municipality* m = FindMunicipality(places, p.municipality);
    o.ceased.push_back({p.id, p.name, m ? m->name : "", p.region, p.input.ceased});
  }
  std::sort(o.ceased.begin(), o.ceased.end(), [](const CeasedPlace& a, const CeasedPlace& b) {
    return a.ceased != b.ceased ? a.ceased > b.ceased : a.id < b.id;
  });
  for (const auto& [number, n] : immigrants) {
    if (n < kManyImmigrants || covered.contains(number)) continue;
    const Municipality* m = FindMunicipality(places, number);
    if (m == nullptr) continue;
    const County* c = FindCounty(places, m->county);
    const std::string region = c ? c->region : "";
    if (!wanted(region)) continue;
    o.uncovered.push_back({number, m->name, region, n});
  }
  std::sort(o.uncovered.begin(), o.uncovered.end(), [](const Uncovered& a, const Uncovered& b) {
    return a.immigrants != b.immigrants ? a.immigrants > b.immigrants : a.municipality < b.municipality;
  });
  return o;
}

}  // namespace moteplass::overview
