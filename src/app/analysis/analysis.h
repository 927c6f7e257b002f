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
  std::string study;  // not answered yet: the mapping studies are another capability
};

// kNotFound for an unknown analysis; kInvalid naming "/region", "/county", "/to" or "/study".
Result<analysis::Dataset> RunAnalysis(Services& s, const Principal& who, std::string_view name,
                                      const AnalysisQuery& query);

// Whether `who` gets full tables.
bool FullTables(const Principal& who);

// The region categories: the IMDi regions the register knows, in its order.
std::vector<analysis::RegionName> RegionNames(const Places& places);

}  // namespace moteplass::app
