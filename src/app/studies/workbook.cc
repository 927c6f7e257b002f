#include "app/studies/workbook.h"

#include <unistd.h>
#include <xlsxwriter.h>
#include <zip.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>

#include <pugixml.hpp>

#include "app/studies/zip_handles.h"
#include "core/status_macros.h"

namespace moteplass::app {
namespace {

constexpr zip_int64_t kMaxEntries = 200;
constexpr std::size_t kMaxEntryBytes = 16 << 20;
constexpr std::size_t kMaxTotalBytes = 64 << 20;
constexpr std::size_t kMaxRows = 20000;
constexpr std::size_t kMaxColumns = 256;

Error Bad(const std::string& what) {
  return Error::Invalid("the file is not a workbook we can read: " + what, "/file", "xlsx");
}

struct TempFile {
  std::string path;
  ~TempFile() {
    if (!path.empty()) std::remove(path.c_str());
  }
};

class Archive {
 public:
  static Result<Archive> Open(std::string_view bytes) {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
    if (source == nullptr) return Bad("it cannot be read");
    zip_t* z = zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &error);
    if (z == nullptr) {
      zip_source_free(source);
      const std::string why = zip_error_strerror(&error);
      zip_error_fini(&error);
      return Bad("it is not a zip archive (" + why + ")");
    }
    zip_error_fini(&error);
    Archive a;
    a.zip_.reset(z);
    if (zip_get_num_entries(z, 0) > kMaxEntries) return Bad("it holds more than 200 files");
    return a;
  }

  // The names of the entries, in the archive's order.
  std::vector<std::string> Names() const {
    std::vector<std::string> out;
    const zip_int64_t n = zip_get_num_entries(zip_.get(), 0);
    for (zip_int64_t i = 0; i < n; ++i) {
      const char* name = zip_get_name(zip_.get(), static_cast<zip_uint64_t>(i), 0);
      if (name != nullptr) out.emplace_back(name);
    }
    return out;
  }

  // The entry `name` unpacked; nullopt when absent.
  Result<std::optional<std::string>> Read(const std::string& name) {
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat(zip_.get(), name.c_str(), 0, &st) != 0) return std::optional<std::string>();
    if ((st.valid & ZIP_STAT_SIZE) && st.size > kMaxEntryBytes) return Bad(name + " unpacks to more than 16 MiB");
    std::unique_ptr<zip_file_t, ZipFileCloser> f(zip_fopen(zip_.get(), name.c_str(), 0));
    if (!f) return Bad(name + " cannot be unpacked");
    std::string out;
    char buffer[65536];
    for (;;) {
      const zip_int64_t n = zip_fread(f.get(), buffer, sizeof buffer);
      if (n < 0) return Bad(name + " is damaged");
      if (n == 0) break;
      out.append(buffer, static_cast<std::size_t>(n));
      // The declared size may lie: count what really comes out.
      if (out.size() > kMaxEntryBytes) return Bad(name + " unpacks to more than 16 MiB");
      total_ += static_cast<std::size_t>(n);
      if (total_ > kMaxTotalBytes) return Bad("it unpacks to more than 64 MiB");
    }
    return std::optional<std::string>(std::move(out));
  }

 private:
  std::unique_ptr<zip_t, ZipCloser> zip_;
  std::size_t total_ = 0;
};

Result<pugi::xml_document> ParseXml(const std::string& name, const std::string& text) {
  pugi::xml_document doc;
  // No DTD is processed: pugixml never expands entities it does not know.
  const pugi::xml_parse_result r = doc.load_buffer(text.data(), text.size(), pugi::parse_default);
  if (!r) return Bad(name + " is not well-formed XML (" + r.description() + ")");
  return doc;
}

// All text of an <si> or <is>: its <t>, or the <t> of each run.
std::string TextOf(const pugi::xml_node& node) {
  std::string out;
  for (pugi::xml_node child : node.children()) {
    const std::string tag = child.name();
    if (tag == "t") out += child.text().get();
    if (tag == "r") out += child.child("t").text().get();
  }
  return out;
}

// "C12" -> column 2 (from 0); nullopt when it is not a reference.
std::optional<std::size_t> ColumnOf(const std::string& ref) {
  std::size_t col = 0, i = 0;
  while (i < ref.size() && ref[i] >= 'A' && ref[i] <= 'Z') {
    col = col * 26 + static_cast<std::size_t>(ref[i] - 'A' + 1);
    if (col > 16384) return std::nullopt;
    ++i;
  }
  if (i == 0) return std::nullopt;
  return col - 1;
}

std::string Resolve(std::string target) {
  if (target.rfind("/", 0) == 0) return target.substr(1);
  return "xl/" + target;
}

}  // namespace

Result<std::string> WriteWorkbook(const std::vector<studies::Sheet>& sheets) {
  std::string pattern = (std::filesystem::temp_directory_path() / "moteplass-XXXXXX.xlsx").string();
  const int fd = mkstemps(pattern.data(), 5);
  if (fd < 0) return Error::Internal("cannot create a temporary file for the workbook");
  close(fd);
  TempFile file{pattern};
  lxw_workbook* workbook = workbook_new(file.path.c_str());
  if (workbook == nullptr) return Error::Internal("cannot start the workbook");
  lxw_format* bold = workbook_add_format(workbook);
  format_set_bold(bold);
  for (const studies::Sheet& sheet : sheets) {
    lxw_worksheet* ws = workbook_add_worksheet(workbook, sheet.name.c_str());
    for (std::size_t r = 0; r < sheet.rows.size(); ++r) {
      for (std::size_t c = 0; c < sheet.rows[r].size(); ++c) {
        if (sheet.rows[r][c].empty()) continue;
        worksheet_write_string(ws, static_cast<lxw_row_t>(r), static_cast<lxw_col_t>(c), sheet.rows[r][c].c_str(),
                               r == 0 ? bold : nullptr);
      }
    }
    worksheet_freeze_panes(ws, 1, 0);
  }
  if (workbook_close(workbook) != LXW_NO_ERROR) return Error::Internal("cannot write the workbook");
  std::ifstream in(file.path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

Result<std::vector<studies::Sheet>> ReadWorkbook(std::string_view bytes) {
  ASSIGN_OR_RETURN(Archive archive, Archive::Open(bytes));
  ASSIGN_OR_RETURN(std::optional<std::string> workbook_xml, archive.Read("xl/workbook.xml"));
  if (!workbook_xml) return Bad("it has no xl/workbook.xml");
  ASSIGN_OR_RETURN(pugi::xml_document workbook, ParseXml("xl/workbook.xml", *workbook_xml));

  std::map<std::string, std::string> targets;
  ASSIGN_OR_RETURN(std::optional<std::string> rels_xml, archive.Read("xl/_rels/workbook.xml.rels"));
  if (rels_xml) {
    ASSIGN_OR_RETURN(pugi::xml_document rels, ParseXml("xl/_rels/workbook.xml.rels", *rels_xml));
    for (pugi::xml_node r : rels.child("Relationships").children("Relationship")) {
      targets[r.attribute("Id").value()] = Resolve(r.attribute("Target").value());
    }
  }
  std::vector<std::string> shared;
  ASSIGN_OR_RETURN(std::optional<std::string> shared_xml, archive.Read("xl/sharedStrings.xml"));
  if (shared_xml) {
    ASSIGN_OR_RETURN(pugi::xml_document sst, ParseXml("xl/sharedStrings.xml", *shared_xml));
    for (pugi::xml_node si : sst.child("sst").children("si")) shared.push_back(TextOf(si));
  }

  std::vector<studies::Sheet> out;
  std::size_t index = 0;
  for (pugi::xml_node s : workbook.child("workbook").child("sheets").children("sheet")) {
    ++index;
    studies::Sheet sheet{s.attribute("name").value(), {}};
    const std::string id = s.attribute("r:id").value();
    std::string path = targets.count(id) ? targets[id] : "xl/worksheets/sheet" + std::to_string(index) + ".xml";
    ASSIGN_OR_RETURN(std::optional<std::string> xml, archive.Read(path));
    if (!xml) return Bad("the sheet " + sheet.name + " is missing (" + path + ")");
    ASSIGN_OR_RETURN(pugi::xml_document doc, ParseXml(path, *xml));
    std::size_t next_row = 1;
    for (pugi::xml_node row : doc.child("worksheet").child("sheetData").children("row")) {
      const std::size_t r = row.attribute("r").empty() ? next_row : row.attribute("r").as_ullong();
      if (r == 0 || r > kMaxRows) return Bad("the sheet " + sheet.name + " has more than 20,000 rows");
      next_row = r + 1;
      if (sheet.rows.size() < r) sheet.rows.resize(r);
      std::vector<std::string>& cells = sheet.rows[r - 1];
      std::size_t next_col = 0;
      for (pugi::xml_node c : row.children("c")) {
        std::optional<std::size_t> col = c.attribute("r").empty() ? next_col : ColumnOf(c.attribute("r").value());
        if (!col || *col >= kMaxColumns) return Bad("the sheet " + sheet.name + " has more than 256 columns");
        next_col = *col + 1;
        const std::string type = c.attribute("t").value();
        std::string value;
        if (type == "s") {
          const auto i = c.child("v").text().as_ullong(shared.size());
          if (i >= shared.size()) return Bad("the sheet " + sheet.name + " points at a text that is not there");
          value = shared[i];
        } else if (type == "inlineStr") {
          value = TextOf(c.child("is"));
        } else if (type == "b") {
          value = std::string(c.child("v").text().get()) == "1" ? "TRUE" : "FALSE";
        } else {
          value = c.child("v").text().get();
        }
        if (cells.size() <= *col) cells.resize(*col + 1);
        cells[*col] = std::move(value);
      }
    }
    out.push_back(std::move(sheet));
  }
  if (out.empty()) return Bad("it has no sheets");
  return out;
}

bool IsZip(std::string_view bytes) { return bytes.substr(0, 4) == std::string_view("PK\x03\x04", 4); }

bool IsWorkbook(std::string_view bytes) {
  auto archive = Archive::Open(bytes);
  if (!archive.ok()) return false;
  for (const std::string& name : archive->Names()) {
    if (name == "xl/workbook.xml") return true;
  }
  return false;
}

Result<std::vector<std::pair<std::string, std::string>>> ReadZipEntries(std::string_view bytes,
                                                                        std::string_view suffix) {
  ASSIGN_OR_RETURN(Archive archive, Archive::Open(bytes));
  std::vector<std::pair<std::string, std::string>> out;
  for (const std::string& name : archive.Names()) {
    if (name.size() < suffix.size() || name.compare(name.size() - suffix.size(), suffix.size(), suffix) != 0) continue;
    ASSIGN_OR_RETURN(std::optional<std::string> text, archive.Read(name));
    if (text) out.emplace_back(name, std::move(*text));
  }
  return out;
}

}  // namespace moteplass::app
