// A year's cases from a spreadsheet (issue 10, item 3): CSV as Excel or LibreOffice saves it
// (UTF-8, with or without a byte-order mark; ',' or ';' between fields, whichever the header row
// uses; quoted fields may hold the separator, quotes doubled and line breaks), one case per row
// after a header row naming the columns by the contract's names:
//   title, kind, from_body, case_number, received, deadline, statement, sent, public,
//   decision_body, decision_date, decision_outcome, decision_note, decision_reference
// Only title, kind and received are required; columns may come in any order and be left out.
// Dates are typed as 01.02.2026 or 2026-02-01; public is true/false or ja/nei (yes/no), true
// when empty; a decision is recorded when any decision_ column has a value. Each row is checked
// by ParseCase (the API's rule), so a row is refused exactly when the API would refuse the case.
// Rows are numbered as a spreadsheet shows them: the header is row 1.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/error.h"

namespace moteplass::ops {

inline constexpr std::string_view kCaseCsvColumns[] = {
    "title", "kind",   "from_body",     "case_number",   "received",         "deadline",      "statement",
    "sent",  "public", "decision_body", "decision_date", "decision_outcome", "decision_note", "decision_reference"};

struct CsvProblem {
  int row = 0;          // as a spreadsheet numbers it (the header is 1)
  std::string column;   // the column's name; "" for the row as a whole
  std::string message;  // what is wrong, in English
};

struct CaseCsv {
  std::vector<nlohmann::json> cases;  // the case documents (ParseCase's), in the file's order
  std::vector<CsvProblem> problems;   // one per bad row (its first problem), in order
};

// Reads the file; `max_rows` data rows at most (more is one problem).
CaseCsv ParseCaseCsv(std::string_view text, std::size_t max_rows = 5000);

// "row 3, column deadline: expected a date"; the whole list as one kInvalid Error whose message
// names every bad row (one a line) and whose pointer names the first ("/rows/3/deadline").
std::string Describe(const CsvProblem& problem);
Error CsvError(const std::vector<CsvProblem>& problems);

}  // namespace moteplass::ops
