// A meeting place's real influence (contracts/operations.md, "Influence"): the cases it received
// by kind, whether its statements came before the deadline, what the decisions did with them,
// per year (the year a case was received) and in total. A pure computation over the cases'
// documents (core/operations/records.h), so that the API, the pages and the annual report agree.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace moteplass::ops {

// `cases`: the canonical documents of the cases to count. `from`/`to`: the years to show (each
// year between them appears, with zeros where nothing happened); nullopt: from the first to the
// last year a case was received. `today` ("YYYY-MM-DD", Europe/Oslo) is what
// months_since_last_hearing counts to: for a year, its last day (or today, for this year).
// The total covers the years shown.
nlohmann::json Influence(const std::vector<nlohmann::json>& cases, std::optional<int> from, std::optional<int> to,
                         const std::string& today);

// Whole months from `from` to `to` (both "YYYY-MM-DD"); a month is counted once its day of the
// month is reached (from 2026-01-31 to 2026-02-28 is 0).
int WholeMonths(const std::string& from, const std::string& to);

}  // namespace moteplass::ops
