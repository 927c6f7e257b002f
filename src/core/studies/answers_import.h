// Answers collected in KoboToolbox or ODK with a guide's XLSForm (contracts/studies.md,
// `study import-answers`), read into interview documents. Pure: the bytes of an .xlsx or an ODK
// .zip are unpacked by app/studies/import.h; here a file is a table of texts.
//
// What is read: KoboToolbox's export with "XML values and headers" (CSV with `;` or `,`, or XLSX;
// group paths joined with `/`; `_uuid`, `_submission_time`, `meta/rootUuid`) and ODK Central's
// CSV (group paths joined with `-`; `KEY`, `SubmissionDate`, `meta-instanceID`, `Edits`). Each
// row is tied to a guide version and an interview by the hidden fields the export writes
// (xlsform.h): moteplass_guide, moteplass_version, informant (the pseudonym), meeting_place,
// mode, start and end. The tools' own columns (submitter, device, status, attachments, ...) are
// dropped. A header that is a question's label rather than its name is refused naming it: such
// a file was exported with labels.
//
// Every refusal is kInvalid with slug "answers" and a message naming the place: "row 4, column
// H (section_meeting_place/hearing_body): ..." (rows counted as a spreadsheet shows them, the
// header being row 1), "line 7: ..." for a CSV that is not UTF-8. Bad rows are all reported
// at once, one a line.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/error.h"

namespace moteplass::studies {

// A file's cells: the header, then the rows (row i of `rows` is the file's row i + 2).
struct AnswerTable {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
};

// A CSV file (RFC 4180 quoting; separator `;` or `,`, whichever the header uses; a UTF-8 byte
// order mark is skipped). Refused naming the line when it is not UTF-8 (a file saved as Latin-1
// or Windows-1252) or a quote is never closed.
Result<AnswerTable> ReadAnswerCsv(std::string_view text);

// One row read: the submission, the informant's pseudonym and the interview document
// (ParseInterview's body, with "informant" 0 to be filled in by the caller).
struct Submission {
  std::size_t row = 0;    // the file's row number
  std::string id;         // Kobo's _uuid (or meta/rootUuid), ODK's KEY, without "uuid:"
  std::string marker;     // ODK's Edits, zero-padded; empty when the file has none
  std::string informant;  // the pseudonym, such as "I-07"
  nlohmann::json interview;
};

// The guide document of (guide, version), or nullptr when there is no such version.
using GuideOf = std::function<const nlohmann::json*(const std::string& guide, std::int64_t version)>;

// The rows of `table` as submissions, each checked against its guide version (ParseInterview).
// With `row_errors`, a bad row's error is added there (row number, message) and the good rows
// are returned, so that the caller can add its own and report them all at once.
using RowErrors = std::vector<std::pair<std::size_t, std::string>>;
Result<std::vector<Submission>> ReadSubmissions(const AnswerTable& table, const GuideOf& guide_of,
                                                RowErrors* row_errors = nullptr);

// The message of all row errors, in row order, one a line (at most the first 50).
std::string RowErrorsText(RowErrors errors);

// An error of one row, in the form ReadSubmissions uses ("row 4, column H (informant): ...").
Error RowError(const AnswerTable& table, std::size_t row, std::string_view column, const std::string& what);

}  // namespace moteplass::studies
