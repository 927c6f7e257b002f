// The analyses by meeting place (contracts/analysis.md): origin_spread and perceived_vs_real.
// Called by analyses.cc with the meeting places already chosen (place filters and period).
//
// origin_spread: for each meeting place, countries_among_members is the number of countries of
// background among its members in force in the period (people whose country is unknown or who
// declined to say left out), and top_countries_in_municipality_covered how many of the
// municipality's kTopCountries most common countries of background in Statistics Norway's
// imported table are among them. People contribute to both cells, so a meeting place with fewer
// than three members of known country is hidden for visitors.
//
// perceived_vs_real: for each meeting place with an opinion or a decided case in the period,
// perceived is the mean over informants of each one's mean score (core/analysis/perceived.h),
// informants contributing; real is the followed share of the cases received in the period with
// a decision followed, partly followed or not followed (contracts/operations.md followed_share),
// the cases contributing.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/analysis/analyses.h"
#include "core/analysis/dataset.h"

namespace moteplass::analysis {

inline constexpr int kTopCountries = 5;

// The period: from `start` to `end` ("YYYY-MM-DD"); the years of cases and interviews counted,
// `from` to `to` (every year when unset).
struct Span {
  std::string start;
  std::string end;
  std::optional<int> from;
  std::optional<int> to;
};

Dataset OriginSpread(const std::vector<const Unit*>& units, const Span& span);
Dataset PerceivedVsReal(const std::vector<const Unit*>& units, const Span& span);

}  // namespace moteplass::analysis
