// Exports of a mapping study (contracts/studies.md, "Exports"): a long CSV (one row per answer),
// an XLSX workbook (the same rows, plus a sheet per meeting place laid out as the matrix) and a
// REFI-QDA project (.qdpx) for qualitative analysis tools.
// Without identities a meeting place is its study code (S-03, its place in the study's list)
// and only interviews marked reviewed_for_identifiers give their free text; a study's leads
// and administrators may ask for identities (study.identity: meeting places by name, the
// informants' names). Those the study names read it (study.read); others get 404. Every export
// is audited as study.export: who, which study, which format, with or without identities; never
// what it holds.
#pragma once

#include <cstdint>
#include <string>

#include "app/services.h"

namespace moteplass::app {

struct StudyExport {
  std::string bytes;
  std::string content_type;
  std::string filename;  // such as "study-3.csv"
};

// `format`: "csv", "xlsx" or "qdpx" (a REFI-QDA project, app/studies/qdpx.h); anything else is
// kInvalid at /format.
Result<StudyExport> ExportStudy(Services& s, const Principal& who, std::int64_t study, const std::string& format,
                                bool with_identities);

}  // namespace moteplass::app
