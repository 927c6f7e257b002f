#include "http/open_data/xlsx.h"

#include <unistd.h>
#include <xlsxwriter.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace moteplass::http::open_data {

namespace od = moteplass::open_data;

namespace {

// Excel keeps at most 32,767 characters in a cell; longer text is cut between characters.
std::string FitCell(const std::string& text) {
  constexpr std::size_t kMax = 32767;
  if (text.size() <= kMax) return text;
  std::size_t end = kMax;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end);
}

// "2024-01-31" or "2024-01-31T12:00:00Z" as a spreadsheet date; false when it is neither.
bool ParseDateTime(const std::string& text, lxw_datetime* out) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
  if (text.size() == 10 && std::sscanf(text.c_str(), "%4d-%2d-%2d", &y, &mo, &d) == 3) {
    *out = {y, mo, d, 0, 0, 0};
    return true;
  }
  if (text.size() >= 19 && std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d", &y, &mo, &d, &h, &mi, &s) == 6) {
    *out = {y, mo, d, h, mi, static_cast<double>(s)};
    return true;
  }
  return false;
}

// Removes the temporary file however the writing ends.
struct TempFile {
  std::string path;
  ~TempFile() {
    if (!path.empty()) std::remove(path.c_str());
  }
};

}  // namespace

Result<std::string> Xlsx(const std::vector<std::vector<od::Cell>>& rows, Lang lang) {
  // libxlsxwriter 1.1 writes to a file only: one of our own, readable by its owner alone.
  std::string pattern = (std::filesystem::temp_directory_path() / "moteplass-XXXXXX.xlsx").string();
  const int fd = mkstemps(pattern.data(), 5);
  if (fd < 0) return Error::Internal("cannot create a temporary file for the workbook");
  close(fd);
  TempFile file{pattern};

  lxw_workbook* workbook = workbook_new(file.path.c_str());
  if (workbook == nullptr) return Error::Internal("cannot start the workbook");
  lxw_format* bold = workbook_add_format(workbook);
  format_set_bold(bold);
  lxw_format* date = workbook_add_format(workbook);
  format_set_num_format(date, "yyyy-mm-dd");
  lxw_format* datetime = workbook_add_format(workbook);
  format_set_num_format(datetime, "yyyy-mm-dd hh:mm:ss");
  lxw_format* wrap = workbook_add_format(workbook);
  format_set_text_wrap(wrap);

  const auto columns = od::Columns();
  lxw_worksheet* sheet = workbook_add_worksheet(workbook, "moteplasser");
  for (std::size_t c = 0; c < columns.size(); ++c) {
    worksheet_write_string(sheet, 0, static_cast<lxw_col_t>(c), std::string(columns[c].name).c_str(), bold);
  }
  worksheet_freeze_panes(sheet, 1, 0);
  for (std::size_t r = 0; r < rows.size(); ++r) {
    const auto row = static_cast<lxw_row_t>(r + 1);
    for (std::size_t c = 0; c < rows[r].size() && c < columns.size(); ++c) {
      const od::Cell& cell = rows[r][c];
      if (!cell) continue;  // null: an empty cell
      const auto col = static_cast<lxw_col_t>(c);
      const std::string_view type = columns[c].type;
      lxw_datetime when{};
      if (type == "integer" || type == "number") {
        worksheet_write_number(sheet, row, col, std::strtod(cell->c_str(), nullptr), nullptr);
      } else if (type == "boolean") {
        worksheet_write_boolean(sheet, row, col, *cell == "true", nullptr);
      } else if ((type == "date" || type == "datetime") && ParseDateTime(*cell, &when)) {
        worksheet_write_datetime(sheet, row, col, &when, type == "date" ? date : datetime);
      } else {
        worksheet_write_string(sheet, row, col, FitCell(*cell).c_str(), nullptr);
      }
    }
  }
  worksheet_autofilter(sheet, 0, 0, static_cast<lxw_row_t>(rows.size()), static_cast<lxw_col_t>(columns.size() - 1));

  // The data dictionary, in the reader's language, and the licence.
  lxw_worksheet* about = workbook_add_worksheet(workbook, Msg("data.sheet.dictionary", lang).c_str());
  const std::string headings[] = {Msg("data.dict.column", lang), Msg("data.dict.type", lang),
                                  Msg("data.dict.title", lang), Msg("data.dict.meaning", lang)};
  for (lxw_col_t c = 0; c < 4; ++c) worksheet_write_string(about, 0, c, headings[c].c_str(), bold);
  worksheet_set_column(about, 3, 3, 80, wrap);
  for (std::size_t i = 0; i < columns.size(); ++i) {
    const auto row = static_cast<lxw_row_t>(i + 1);
    const std::string key = "data.col." + std::string(columns[i].name);
    const std::string meaning = "data.meaning." + std::string(columns[i].name);
    worksheet_write_string(about, row, 0, std::string(columns[i].name).c_str(), nullptr);
    worksheet_write_string(about, row, 1, std::string(columns[i].type).c_str(), nullptr);
    worksheet_write_string(about, row, 2, Msg(key, lang).c_str(), nullptr);
    worksheet_write_string(about, row, 3, Msg(meaning, lang).c_str(), nullptr);
  }
  const auto after = static_cast<lxw_row_t>(columns.size() + 2);
  worksheet_write_string(about, after, 0, Msg("data.licence.sentence", lang).c_str(), nullptr);
  worksheet_write_string(about, after + 1, 0,
                         Msg("data.schema_version", lang, {{"version", std::string(od::kSchemaVersion)}}).c_str(),
                         nullptr);

  if (workbook_close(workbook) != LXW_NO_ERROR) return Error::Internal("cannot write the workbook");
  std::ifstream in(file.path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (!in) return Error::Internal("cannot read the workbook back");
  return bytes.str();
}

}  // namespace moteplass::http::open_data
