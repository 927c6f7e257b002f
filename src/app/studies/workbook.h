// Workbooks (.xlsx) as tables of texts, for XLSForm export and import (core/studies/xlsform.h).
// Written with libxlsxwriter; read with libzip and pugixml (a real zip and XML reader), with
// limits against a zip bomb: at most 200 entries, 16 MiB unpacked per entry read and 64 MiB in
// all, at most 20,000 rows and 256 columns a sheet. Anything else is kInvalid (slug "xlsx",
// pointer "/file") saying what is wrong; never a crash.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.h"
#include "core/studies/xlsform.h"

namespace moteplass::app {

// The bytes of a workbook holding `sheets` (texts; the first row bold and frozen).
Result<std::string> WriteWorkbook(const std::vector<studies::Sheet>& sheets);

// The sheets of a workbook, in order, each row as its texts (numbers as written, booleans as
// TRUE/FALSE, empty cells "").
Result<std::vector<studies::Sheet>> ReadWorkbook(std::string_view bytes);

// Whether `bytes` look like a zip archive (an .xlsx is one).
bool IsZip(std::string_view bytes);
// Whether a zip archive is a workbook (holds xl/workbook.xml).
bool IsWorkbook(std::string_view bytes);
// The entries of a zip archive whose names end with `suffix` (such as ".csv"), by name, unpacked
// under the same limits as a workbook.
Result<std::vector<std::pair<std::string, std::string>>> ReadZipEntries(std::string_view bytes,
                                                                        std::string_view suffix);

}  // namespace moteplass::app
