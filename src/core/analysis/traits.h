// The analysis `traits` (contracts/analysis.md): the report's common traits (chapter 4, the
// default codebook's codes other than the typology's criteria) by kind of meeting place, each
// cell the number of meeting places whose informants raised the trait.
//
// A meeting place counts once for a trait when at least one of its informants' answers carries a
// coding with the trait's code, however many informants (or answers) raised it; the informants
// who raised it contribute (a visitor's cell needs three). Codings whose answer was edited since
// (stale, core/studies/coding.h) are left out by the use case; with years, only interviews that
// started in them count.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/analysis/analyses.h"
#include "core/analysis/dataset.h"

namespace moteplass::analysis {

// The categories of dimension `trait`: the ids of the default codebook's common traits, in the
// codebook's order (every code whose group is not one of the typology's criteria).
const std::vector<std::string>& TraitIds();

// The analysis over meeting places already chosen (place filters and period); `from`, `to`:
// the years of the interviews counted (every year when unset). Dimensions trait, then kind
// (`kinds`: the categories of dimension kind).
Dataset Traits(const std::vector<const Unit*>& units, const std::vector<std::string>& kinds, std::optional<int> from,
               std::optional<int> to);

}  // namespace moteplass::analysis
