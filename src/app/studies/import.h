// `moteplass study import-answers STUDY FILE` (contracts/studies.md): answers collected in
// KoboToolbox or ODK with an exported guide, read into the study's interviews all or nothing.
// The file is a CSV (Kobo or ODK Central), a Kobo .xlsx (its first sheet) or ODK Central's .zip
// (its main CSV), unpacked under the workbook's limits (app/studies/workbook.h); the rows are
// read by core/studies/answers_import.h and tied to the study's informants by pseudonym. Who may:
// study.interview (the study's interviewers and leads, administrators, the command line).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "app/services.h"
#include "core/studies/answers_import.h"

namespace moteplass::app {

// What became of each row: "created", "revised", "unchanged", "skipped: older edit",
// "skipped: withdrawn" or "skipped: erased", with the interview where there is one.
struct ImportedRow {
  std::size_t row = 0;
  std::string submission;
  std::string pseudonym;
  std::string outcome;
};

// kInvalid (slug "answers", "xlsx") naming row and column, or the line, of what is wrong; every
// bad row at once, one a line; nothing is written then.
Result<std::vector<ImportedRow>> ImportAnswers(Services& s, const Principal& who, std::int64_t study,
                                               std::string_view bytes);

// The table of an answer file: a CSV, a Kobo workbook's first sheet, or the main CSV of an ODK
// zip (the one with the shortest name: the others are repeat groups). The first step of
// ImportAnswers, apart for the fuzzer (fuzz/answers_import.cc).
Result<studies::AnswerTable> ReadAnswerFile(std::string_view bytes);

}  // namespace moteplass::app
