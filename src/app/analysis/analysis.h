// The analyses of the register and the operations data (contracts/analysis.md) as a use case:
// reads the published meeting places with their memberships and cases from the store, checks the
// filters, and runs core/analysis in full for those the access table lets read full tables
// (analysis.full_tables: national users, administrators, the command line) and with small cells
// hidden for everyone else. The API, the command line and the pages call it alike.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "app/services.h"
#include "core/analysis/analyses.h"

namespace moteplass::app {

// The filters of an analysis, as typed; checked by RunAnalysis.
struct AnalysisQuery {
  std::string region;  // an IMDi region id, "" for all
  std::string county;  // a two-digit county number, "" for all
  std::optional<int> from;
  std::optional<int> to;
  // A study's id: only its meeting places (those it names and those its interviews are about),
  // and for perceived_vs_real its interviews, for traits its codings (without a study, traits reads
  // every study's codings). Full tables for the study's leads and analysts
  // (researchers included) and administrators; the study must be one the caller may see (else
  // kNotFound, as for the studies); anonymous callers get kUnauthenticated.
  std::string study;
};

// kNotFound for an unknown analysis (or a study the caller may not see); kInvalid naming
// "/region", "/county", "/to" or "/study"; perceived_vs_real is built from interviews: with a
// study, only for its leads and analysts (kForbidden for others); without, only for
// administrators (all studies; kInvalid "/study" for other users, kUnauthenticated for visitors).
Result<analysis::Dataset> RunAnalysis(Services& s, const Principal& who, std::string_view name,
                                      const AnalysisQuery& query);

// Whether `who` gets full tables.
bool FullTables(const Principal& who);

// The region categories: the IMDi regions the register knows, in its order.
std::vector<analysis::RegionName> RegionNames(const Places& places);

}  // namespace moteplass::app
