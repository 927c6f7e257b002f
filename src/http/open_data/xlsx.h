// The open-data table (core/register/open_data.h) as an XLSX workbook, written with libxlsxwriter:
// a sheet of meeting places (a header row that stays in view, typed cells: numbers, true/false,
// dates; text is always text, never a formula) and a sheet with the data dictionary in the
// reader's language and the licence.
#pragma once

#include <string>
#include <vector>

#include "core/error.h"
#include "core/messages.h"
#include "core/register/open_data.h"

namespace moteplass::http::open_data {

Result<std::string> Xlsx(const std::vector<std::vector<moteplass::open_data::Cell>>& rows, Lang lang);

}  // namespace moteplass::http::open_data
