// A year's cases from a spreadsheet (issue 10, item 3): the CSV of core/operations/case_csv.h
// imported into one meeting place, all or nothing. Authorised as operations.manage; every row is
// checked as the API checks one case, every bad row is named (row and column) and then nothing is
// stored; otherwise all the cases are stored in one transaction (OperationsStore::CreateAll),
// each with its history entry and audit row. The API, the command line and any page share it.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "app/services.h"
#include "core/operations/records.h"

namespace moteplass::app {

Result<std::vector<ops::Record>> ImportCases(Services& s, const Principal& who, std::int64_t meeting_place,
                                             std::string_view csv);

}  // namespace moteplass::app
