#include "app/studies/export.h"

#include <algorithm>
#include <map>
#include <set>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/register/meeting_places.h"
#include "app/studies/codings.h"
#include "app/studies/interviews.h"
#include "app/studies/qdpx.h"
#include "app/studies/studies.h"
#include "app/studies/workbook.h"
#include "core/csv.h"
#include "core/json_text.h"
#include "core/status_macros.h"

namespace moteplass::app {
namespace {

using nlohmann::json;

constexpr const char* kXlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

// A closed answer as text: a choice name, the names joined with |, a number or a date.
std::string ValueText(const json& v) {
  if (v.is_null()) return "";
  if (v.is_string()) return v.get<std::string>();
  if (v.is_array()) {
    std::string out;
    for (const json& x : v) out += (out.empty() ? "" : "|") + ValueText(x);
    return out;
  }
  return v.dump();
}

std::string StudyCode(std::size_t index) {
  const std::string n = std::to_string(index + 1);
  return "S-" + std::string(n.size() < 2 ? 2 - n.size() : 0, '0') + n;
}

// An Excel sheet name: at most 31 characters, none of []:*?/\.
std::string SheetName(std::string name) {
  for (char& c : name) {
    if (std::string_view("[]:*?/\\").find(c) != std::string_view::npos) c = '-';
  }
  if (name.size() > 31) {
    name.resize(31);
    while (!name.empty() && (static_cast<unsigned char>(name.back()) & 0xC0) == 0x80) name.pop_back();
    if (!name.empty() && (static_cast<unsigned char>(name.back()) & 0x80)) name.pop_back();
  }
  return name;
}

// How an export names the study's `index`th meeting place: its study code, or with identities
// its name and id.
std::string PlaceName(Services& s, const Principal& who, std::size_t index, std::int64_t id, bool with_identities) {
  if (!with_identities) return StudyCode(index);
  auto place = GetMeetingPlace(s, who, id);
  return place.ok() ? place->name + " (" + std::to_string(id) + ")" : std::to_string(id);
}

struct Gathered {
  std::vector<std::vector<std::string>> rows;                // the long table, header first
  std::vector<std::pair<std::int64_t, std::string>> places;  // id and how it is named
  std::map<std::int64_t, bool> reviewed;                     // informant: every interview reviewed
};

Result<Gathered> Gather(Services& s, const Principal& who, const StudyAccess& access, bool with_identities) {
  const std::int64_t study = access.study.id;
  Gathered g;
  std::map<std::int64_t, std::string> place_name;
  const json& listed = access.study.data["meeting_places"];
  for (std::size_t i = 0; i < listed.size(); ++i) {
    const std::int64_t id = listed[i].get<std::int64_t>();
    std::string name = PlaceName(s, who, i, id, with_identities);
    place_name[id] = name;
    g.places.emplace_back(id, name);
  }
  ASSIGN_OR_RETURN(std::vector<StudyRecord> informants, s.store.studies().ListInformants(study));
  ASSIGN_OR_RETURN(std::vector<StudyRecord> interviews, s.store.studies().ListInterviews(study));
  ASSIGN_OR_RETURN(std::vector<CodingView> codings, ListCodings(s, who, study));
  std::map<std::int64_t, const StudyRecord*> by_id;
  std::map<std::int64_t, std::string> names;
  for (const StudyRecord& i : informants) {
    if (i.withdrawn) continue;
    by_id[i.id] = &i;
    if (with_identities) {
      auto identity = GetIdentity(s, who, study, i.id);
      if (identity.ok()) names[i.id] = TextMember(*identity, "name");
    }
  }
  std::map<std::pair<std::int64_t, std::string>, std::vector<std::string>> codes;
  for (const CodingView& c : codings) {
    if (c.stale) continue;
    auto& list = codes[{c.record.interview, TextMember(c.record.data, "question")}];
    const std::string code = TextMember(c.record.data, "code");
    if (std::find(list.begin(), list.end(), code) == list.end()) list.push_back(code);
  }
  std::vector<std::string> header = {"study",    "meeting_place", "informant", "side", "guide", "guide_version",
                                     "question", "value",         "status",    "text", "codes"};
  if (with_identities) header.push_back("informant_name");
  g.rows.push_back(header);
  for (const StudyRecord& v : interviews) {
    const std::int64_t informant = IntMember(v.data, "informant");
    auto i = by_id.find(informant);
    if (i == by_id.end()) continue;
    const bool reviewed = TrueMember(v.data, "reviewed_for_identifiers");
    auto r = g.reviewed.emplace(informant, reviewed);
    if (!r.second) r.first->second = r.first->second && reviewed;
    const json mp = v.data.value("meeting_place", json()).is_null() ? i->second->data.value("meeting_place", json())
                                                                    : v.data.value("meeting_place", json());
    std::string place;
    if (mp.is_number_integer()) {
      auto n = place_name.find(mp.get<std::int64_t>());
      place = n != place_name.end() ? n->second : "";
    }
    for (const json& a : v.data.value("answers", json::array())) {
      const std::string question = TextMember(a, "question");
      std::string joined;
      for (const std::string& c : codes[{v.id, question}]) joined += (joined.empty() ? "" : "|") + c;
      std::vector<std::string> row = {TextMember(access.study.data, "name"),
                                      place,
                                      TextMember(i->second->data, "pseudonym"),
                                      TextMember(i->second->data, "side"),
                                      TextMember(v.data, "guide"),
                                      std::to_string(IntMember(v.data, "guide_version")),
                                      question,
                                      ValueText(a.value("value", json())),
                                      TextMember(a, "status"),
                                      with_identities || reviewed ? TextMember(a, "text") : "",
                                      joined};
      if (with_identities) row.push_back(names[informant]);
      g.rows.push_back(std::move(row));
    }
  }
  return g;
}

std::string Csv(const std::vector<std::vector<std::string>>& rows) {
  std::string out;
  for (const auto& row : rows) {
    for (std::size_t c = 0; c < row.size(); ++c) out += (c ? "," : "") + CsvField(row[c]);
    out += "\r\n";
  }
  return out;
}

// A sheet per meeting place as the matrix: a row per question, a column per informant.
Result<std::vector<studies::Sheet>> MatrixSheets(Services& s, const Principal& who, std::int64_t study,
                                                 const Gathered& g, bool with_identities) {
  std::vector<studies::Sheet> sheets;
  std::set<std::string> used = {"answers"};
  for (const auto& [id, name] : g.places) {
    ASSIGN_OR_RETURN(json matrix, GetMatrix(s, who, study, id));
    studies::Sheet sheet;
    sheet.name = SheetName(name);
    for (int n = 2; !used.insert(sheet.name).second; ++n)
      sheet.name = SheetName(name).substr(0, 27) + "~" + std::to_string(n);
    std::vector<std::string> header = {"guide", "question", "label", "disagreement"};
    for (const json& i : matrix["informants"]) {
      header.push_back(TextMember(i, "pseudonym") + " (" + TextMember(i, "side") + ")");
    }
    sheet.rows.push_back(header);
    for (const json& r : matrix["rows"]) {
      std::vector<std::string> row = {TextMember(r, "guide"), TextMember(r, "question"),
                                      TextMember(r.value("label", json::object()), "nb"),
                                      TrueMember(r, "disagreement") ? "yes" : ""};
      for (const json& c : r["cells"]) {
        const std::int64_t informant = IntMember(c, "informant");
        auto rv = g.reviewed.find(informant);
        const bool text_ok = with_identities || (rv != g.reviewed.end() && rv->second);
        std::string cell = ValueText(c.value("value", json()));
        const std::string text = text_ok ? TextMember(c, "text") : "";
        if (!text.empty()) cell += (cell.empty() ? "" : ": ") + text;
        if (cell.empty()) cell = TextMember(c, "status");
        row.push_back(cell);
      }
      sheet.rows.push_back(std::move(row));
    }
    sheets.push_back(std::move(sheet));
  }
  return sheets;
}

}  // namespace

Result<StudyExport> ExportStudy(Services& s, const Principal& who, std::int64_t study, const std::string& format,
                                bool with_identities) {
  ASSIGN_OR_RETURN(StudyAccess access, StudyFor(s, who, study));
  if (format != "csv" && format != "xlsx" && format != "qdpx") {
    return Error::Invalid("expected csv, xlsx or qdpx", "/format");
  }
  if (with_identities) {
    RETURN_IF_ERROR(Authorize(s, who, Action::kStudyIdentity, access.where, "study", std::to_string(study)));
  }
  auto made = [&]() -> Result<StudyExport> {
    StudyExport out;
    out.filename = "study-" + std::to_string(study) + "." + format;
    if (format == "qdpx") {
      std::map<std::int64_t, std::string> places;
      const json& listed = access.study.data["meeting_places"];
      for (std::size_t i = 0; i < listed.size(); ++i) {
        const std::int64_t id = listed[i].get<std::int64_t>();
        places[id] = PlaceName(s, who, i, id, with_identities);
      }
      ASSIGN_OR_RETURN(out.bytes, WriteQdpx(s, who, access, places, with_identities));
      out.content_type = "application/zip";
      return out;
    }
    ASSIGN_OR_RETURN(Gathered g, Gather(s, who, access, with_identities));
    if (format == "csv") {
      out.bytes = Csv(g.rows);
      out.content_type = "text/csv; charset=utf-8";
      return out;
    }
    std::vector<studies::Sheet> sheets = {{"answers", g.rows}};
    ASSIGN_OR_RETURN(std::vector<studies::Sheet> matrices, MatrixSheets(s, who, study, g, with_identities));
    for (auto& m : matrices) sheets.push_back(std::move(m));
    ASSIGN_OR_RETURN(out.bytes, WriteWorkbook(sheets));
    out.content_type = kXlsxType;
    return out;
  }();
  // Audited whatever came of it: who, which study, which format, with or without identities.
  const std::string target = std::to_string(study) + ":" + format + ":" +
                             (with_identities ? "identities" : "pseudonymous");
  (void)s.store.journal().Audit(
      AuditEntry{"", AuthorOf(who), "study.export", "study", target, made.ok() ? "ok" : "error"});
  return made;
}

}  // namespace moteplass::app
