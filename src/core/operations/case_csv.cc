#include "core/operations/case_csv.h"

#include <algorithm>
#include <cctype>
#include <map>

#include "core/local_time.h"
#include "core/operations/records.h"

namespace moteplass::ops {
namespace {

using nlohmann::json;

// Splits CSV text into rows of fields (RFC 4180, with `sep`); false on an unclosed quote.
bool SplitRows(std::string_view text, char sep, std::vector<std::vector<std::string>>& rows) {
  std::vector<std::string> row;
  std::string field;
  bool quoted = false, any = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char ch = text[i];
    if (quoted) {
      if (ch == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (ch == '"') {
        quoted = false;
      } else if (ch == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
        continue;  // a line break inside a field is kept as "\n"
      } else {
        field += ch;
      }
      continue;
    }
    if (ch == '"' && field.empty()) {
      quoted = any = true;
    } else if (ch == sep) {
      row.push_back(std::move(field));
      field.clear();
      any = true;
    } else if (ch == '\r' || ch == '\n') {
      if (ch == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      row.push_back(std::move(field));
      field.clear();
      rows.push_back(std::move(row));
      row.clear();
      any = false;
    } else {
      field += ch;
      any = true;
    }
  }
  if (quoted) return false;
  if (any || !field.empty() || !row.empty()) {
    row.push_back(std::move(field));
    rows.push_back(std::move(row));
  }
  return true;
}

// The separator the header row uses: ';' when it has more of them than ',' outside quotes.
char SeparatorOf(std::string_view text) {
  int commas = 0, semicolons = 0;
  bool quoted = false;
  for (char ch : text) {
    if (ch == '"') quoted = !quoted;
    if (quoted) continue;
    if (ch == '\n' || ch == '\r') break;
    if (ch == ',') ++commas;
    if (ch == ';') ++semicolons;
  }
  return semicolons > commas ? ';' : ',';
}

std::string Trimmed(const std::string& s) {
  const auto a = s.find_first_not_of(" \t");
  if (a == std::string::npos) return "";
  return s.substr(a, s.find_last_not_of(" \t") - a + 1);
}

// The column a pointer of ParseCase names ("/decision/outcome" -> "decision_outcome").
std::string ColumnOf(const std::string& pointer) {
  std::string p = pointer.empty() ? "" : pointer.substr(1);
  if (p.rfind("decision/", 0) == 0) p = "decision_" + p.substr(9);
  return p;
}

bool IsDateColumn(std::string_view c) {
  return c == "received" || c == "deadline" || c == "sent" || c == "decision_date";
}

// One row as the body of a case (before ParseCase); a problem when a cell cannot be read.
bool RowBody(const std::vector<std::string>& header, const std::vector<std::string>& cells, json& body,
             CsvProblem& problem) {
  body = json::object();
  json decision = json::object();
  for (std::size_t i = 0; i < header.size(); ++i) {
    const std::string& column = header[i];
    const std::string value = i < cells.size() ? Trimmed(cells[i]) : "";
    if (value.empty()) continue;
    if (column == "public") {
      std::string v = value;
      std::transform(v.begin(), v.end(), v.begin(), [](unsigned char c) { return std::tolower(c); });
      if (v == "true" || v == "ja" || v == "yes") {
        body["public"] = true;
      } else if (v == "false" || v == "nei" || v == "no") {
        body["public"] = false;
      } else {
        problem.column = column;
        problem.message = "expected true or false (ja or nei)";
        return false;
      }
      continue;
    }
    json cell = value;
    if (IsDateColumn(column)) {
      auto date = ParseTypedDate(value);
      if (!date) {
        problem.column = column;
        problem.message = "expected a date such as 01.02.2026 or 2026-02-01";
        return false;
      }
      cell = *date;
    }
    if (column.rfind("decision_", 0) == 0) {
      decision[column.substr(9)] = cell;
    } else {
      body[column] = cell;
    }
  }
  if (!decision.empty()) body["decision"] = decision;
  return true;
}

}  // namespace

CaseCsv ParseCaseCsv(std::string_view text, std::size_t max_rows) {
  CaseCsv out;
  if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  std::vector<std::vector<std::string>> rows;
  if (!SplitRows(text, SeparatorOf(text), rows)) {
    out.problems.push_back({0, "", "a quoted field is not closed"});
    return out;
  }
  if (rows.empty()) {
    out.problems.push_back({1, "", "the file is empty: the first row names the columns (title, kind, received, ...)"});
    return out;
  }
  std::vector<std::string> header;
  for (const std::string& name : rows[0]) {
    const std::string column = Trimmed(name);
    if (std::find(std::begin(kCaseCsvColumns), std::end(kCaseCsvColumns), column) == std::end(kCaseCsvColumns)) {
      out.problems.push_back({1, column,
                              "not a column of a case (title, kind, from_body, case_number, received, "
                              "deadline, statement, sent, public, decision_body, decision_date, "
                              "decision_outcome, decision_note, decision_reference)"});
      return out;
    }
    if (std::find(header.begin(), header.end(), column) != header.end()) {
      out.problems.push_back({1, column, "the column is named twice"});
      return out;
    }
    header.push_back(column);
  }
  for (std::string_view required : {"title", "kind", "received"}) {
    if (std::find(header.begin(), header.end(), required) == header.end()) {
      out.problems.push_back({1, std::string(required), "the column is required"});
      return out;
    }
  }
  std::size_t data_rows = 0;
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const int row = static_cast<int>(r) + 1;
    const auto& cells = rows[r];
    if (std::all_of(cells.begin(), cells.end(), [](const std::string& c) { return Trimmed(c).empty(); })) continue;
    if (++data_rows > max_rows) {
      out.problems.push_back({row, "", "at most " + std::to_string(max_rows) + " cases in one file"});
      break;
    }
    if (cells.size() > header.size()) {
      out.problems.push_back(
          {row, "",
           "the row has " + std::to_string(cells.size()) + " fields, the header " + std::to_string(header.size())});
      continue;
    }
    json body;
    CsvProblem problem{row, "", ""};
    if (!RowBody(header, cells, body, problem)) {
      out.problems.push_back(problem);
      continue;
    }
    auto parsed = ParseCase(body);
    if (!parsed.ok()) {
      out.problems.push_back({row, ColumnOf(parsed.error().pointer), parsed.error().message});
      continue;
    }
    out.cases.push_back(std::move(*parsed));
  }
  if (out.problems.empty() && out.cases.empty()) {
    out.problems.push_back({2, "", "the file has no cases under its header row"});
  }
  return out;
}

std::string Describe(const CsvProblem& p) {
  std::string where = p.row > 0 ? "row " + std::to_string(p.row) : "the file";
  if (!p.column.empty()) where += ", column " + p.column;
  return where + ": " + p.message;
}

Error CsvError(const std::vector<CsvProblem>& problems) {
  std::string message = "nothing was imported: ";
  message += problems.size() == 1 ? "one row is wrong" : std::to_string(problems.size()) + " rows are wrong";
  for (const CsvProblem& p : problems) message += "\n" + Describe(p);
  std::string pointer = "/rows";
  if (!problems.empty()) {
    pointer += "/" + std::to_string(problems[0].row);
    if (!problems[0].column.empty()) pointer += "/" + problems[0].column;
  }
  return Error::Invalid(message, pointer);
}

}  // namespace moteplass::ops
