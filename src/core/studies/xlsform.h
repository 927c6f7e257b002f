// A guide as an XLSForm (contracts/studies.md): the sheets `survey`, `choices` and `settings` as
// ODK and KoboToolbox read them, and back. Pure: the workbook's bytes are written and read by
// app/studies/workbook.h; here a sheet is a table of texts.
//
// The export carries the interview's context (hidden calculate fields moteplass_guide and
// moteplass_version, the fields informant, meeting_place and mode, and the standard start and
// end), the sections as groups, follow-ups as `relevant`, and two columns of our own that the
// tools ignore: moteplass_profile_pointer and moteplass_ref. Reading skips the context, accepts
// `begin group` and `begin_group`, and recognises a language column by its code in brackets
// (`label::Norsk bokmål (nb)`); a plain `label` is bokmål.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/error.h"

namespace moteplass::studies {

struct Sheet {
  std::string name;
  std::vector<std::vector<std::string>> rows;  // the first row is the header
};

// The XLSForm of a guide document (guide.h) at `version`.
std::vector<Sheet> ToXlsForm(const nlohmann::json& guide, std::int64_t version);

// The guide document an XLSForm describes, checked by ParseGuide. kInvalid (slug "xlsform") with
// a message that names the sheet, the row and the column ("sheet survey, row 7, column C
// (label::nynorsk (nn)): ...") and the pointer "/survey/7/C".
Result<nlohmann::json> FromXlsForm(const std::vector<Sheet>& sheets);

// "A", "B", ..., "Z", "AA", ... for a column index from 0.
std::string ColumnLetter(std::size_t index);

}  // namespace moteplass::studies
