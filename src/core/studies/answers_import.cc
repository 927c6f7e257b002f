#include "core/studies/answers_import.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "core/operations/fields.h"
#include "core/status_macros.h"
#include "core/studies/guide.h"
#include "core/studies/interview.h"
#include "core/studies/xlsform.h"

namespace moteplass::studies {
namespace {

using nlohmann::json;

constexpr std::size_t kMaxReported = 50;

Error Bad(const std::string& what) { return Error::Invalid(what, "", "answers"); }

std::string Trim(std::string_view s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return "";
  const auto e = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(b, e - b + 1));
}

// The length of the UTF-8 sequence at `i`, or 0 when it is not one.
std::size_t Utf8Length(std::string_view s, std::size_t i) {
  const auto c = static_cast<unsigned char>(s[i]);
  std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
  if (n == 0 || i + n > s.size() || (n == 2 && c < 0xC2)) return 0;
  for (std::size_t k = 1; k < n; ++k) {
    if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return 0;
  }
  return n;
}

// The tools' own columns, dropped: who submitted, from which device, review state, attachments.
bool IsToolColumn(const std::string& h) {
  static const std::set<std::string> kTool = {
      "SubmissionDate", "KEY",         "SubmitterID", "SubmitterName", "AttachmentsPresent", "AttachmentsExpected",
      "Status",         "ReviewState", "DeviceID",    "Edits",         "FormVersion",        "instanceID",
      "deviceid",       "username",    "phonenumber", "simserial",     "subscriberid",       "today",
      "audit",          "email",       "formhub/uuid"};
  return h.empty() || h[0] == '_' || h.rfind("meta/", 0) == 0 || h.rfind("meta-", 0) == 0 || kTool.count(h) > 0;
}

constexpr std::string_view kContext[] = {
    "moteplass_guide", "moteplass_version", "informant", "meeting_place", "mode", "start", "end"};
bool IsContext(const std::string& h) {
  return std::find(std::begin(kContext), std::end(kContext), h) != std::end(kContext);
}

// A header made of names joined with `/` or `-`, as the tools write a field's path.
bool IsPath(const std::string& h) {
  std::string segment;
  for (char c : h + "/") {
    if (c == '/') {
      if (segment.empty() || !IsXmlName(segment)) return false;
      segment.clear();
    } else {
      segment += c;
    }
  }
  return true;
}

// Which question each header of the table answers, for one guide version: "q", "s/q", "s-q";
// a select_multiple's own columns of 0 and 1 ("s/q/choice") are skipped.
struct Columns {
  std::map<std::size_t, const json*> question;  // column -> question
  std::set<std::size_t> skipped;
  std::optional<std::size_t> label;  // a header that is a question's label
};

Columns ColumnsOf(const std::vector<std::string>& header, const json& guide) {
  std::map<std::string, const json*> path;
  std::map<std::string, const json*> labels;
  for (const json& q : guide["questions"]) {
    const std::string name = q["name"];
    std::vector<std::string> paths = {name};
    if (q["section"].is_string()) {
      paths.push_back(q["section"].get<std::string>() + "/" + name);
      paths.push_back(q["section"].get<std::string>() + "-" + name);
    }
    for (const std::string& p : paths) {
      path[p] = &q;
      if (q["type"] == "select_multiple" && q["list"].is_string()) {
        if (const json* list = FindList(guide, q["list"].get<std::string>())) {
          for (const json& c : *list) {
            path[p + "/" + c["name"].get<std::string>()] = nullptr;
            path[p + "-" + c["name"].get<std::string>()] = nullptr;
          }
        }
      }
    }
    for (const char* lang : {"nb", "nn", "en"}) labels[Trim(q["label"][lang].get<std::string>())] = &q;
  }
  Columns out;
  for (std::size_t i = 0; i < header.size(); ++i) {
    const std::string h = Trim(header[i]);
    if (IsToolColumn(h) || IsContext(h)) continue;
    auto it = path.find(h);
    if (it != path.end()) {
      if (it->second == nullptr) {
        out.skipped.insert(i);
      } else {
        out.question[i] = it->second;
      }
    } else if (labels.count(h) && !out.label) {
      out.label = i;
    }
  }
  return out;
}

std::optional<std::size_t> Find(const std::vector<std::string>& header, std::string_view name) {
  for (std::size_t i = 0; i < header.size(); ++i) {
    if (Trim(header[i]) == name) return i;
  }
  return std::nullopt;
}

Error RowAt(const AnswerTable& t, std::size_t row, std::optional<std::size_t> column, const std::string& what) {
  std::string where = "row " + std::to_string(row);
  if (column) where += ", column " + ColumnLetter(*column) + " (" + Trim(t.header[*column]) + ")";
  return Bad(where + ": " + what);
}

std::optional<std::int64_t> WholeNumber(const std::string& text) {
  std::string s = text;
  const auto dot = s.find('.');
  if (dot != std::string::npos) {
    if (s.find_first_not_of('0', dot + 1) != std::string::npos) return std::nullopt;
    s.resize(dot);
  }
  if (s.empty() || s.size() > 15) return std::nullopt;
  std::size_t start = s[0] == '-' ? 1 : 0;
  if (start == s.size() || s.find_first_not_of("0123456789", start) != std::string::npos) return std::nullopt;
  return std::stoll(s);
}

std::string Names(const json* list) {
  std::string out;
  if (list == nullptr) return out;
  for (const json& c : *list) out += (out.empty() ? "" : ", ") + c["name"].get<std::string>();
  return out;
}

bool IsLabelOf(const json* list, const std::string& text) {
  if (list == nullptr) return false;
  for (const json& c : *list) {
    for (const char* lang : {"nb", "nn", "en"}) {
      if (c["label"][lang] == text) return true;
    }
  }
  return false;
}

// The closed value or text of one cell for `q`; an error says what was expected.
Result<json> Answer(const json& q, const json& guide, const std::string& cell) {
  const std::string type = q["type"];
  json answer = {{"question", q["name"]}, {"status", "answered"}};
  if (type == "text") {
    answer["text"] = cell;
    return answer;
  }
  const json* list = q["list"].is_string() ? FindList(guide, q["list"].get<std::string>()) : nullptr;
  auto choice = [&](const std::string& v) -> Status {
    if (list != nullptr && std::any_of(list->begin(), list->end(), [&](const json& c) { return c["name"] == v; })) {
      return {};
    }
    if (IsLabelOf(list, v)) {
      return Bad("\"" + v + "\" is a choice's label, not its name: export the answers with \"XML values and headers\"");
    }
    return Bad("expected one of " + Names(list) + ", not \"" + v + "\"");
  };
  if (type == "select_one") {
    RETURN_IF_ERROR(choice(cell));
    answer["value"] = cell;
  } else if (type == "select_multiple") {
    json values = json::array();
    std::string word;
    for (char c : cell + " ") {
      if (c == ' ' || c == '\t') {
        if (!word.empty()) {
          RETURN_IF_ERROR(choice(word));
          values.push_back(word);
        }
        word.clear();
      } else {
        word += c;
      }
    }
    answer["value"] = values;
  } else if (type == "integer") {
    auto n = WholeNumber(cell);
    if (!n) return Bad("expected a whole number, not \"" + cell + "\"");
    answer["value"] = *n;
  } else if (type == "date") {
    const std::string day = cell.substr(0, 10);
    if (!ops::IsDate(day) || (cell.size() > 10 && cell[10] != 'T' && cell[10] != ' ')) {
      return Bad("expected a date such as 2026-02-01, not \"" + cell + "\"");
    }
    answer["value"] = day;
  } else {
    return json();  // a note is not answered
  }
  return answer;
}

// A time as the tools write it, in UTC ("2026-02-01T10:15:30Z"); a time without an offset is UTC
// (Kobo's _submission_time).
Result<json> Instant(const std::string& cell) {
  if (cell.empty()) return json();
  std::string text = cell;
  const bool offset = text.size() > 19 && (text.back() == 'Z' || text.find_first_of("+-", 19) != std::string::npos);
  if (!offset) text += "Z";
  auto t = ops::InstantField(json{{"t", text}}, "t", "", false);
  if (!t.ok()) return Bad("expected a time such as 2026-02-01T10:15:30+01:00, not \"" + cell + "\"");
  return t;
}

// The file's column for a pointer ParseInterview named.
std::optional<std::size_t> ColumnOfPointer(const AnswerTable& t, const Columns& cols, const json& answers,
                                           const std::string& pointer) {
  static const std::map<std::string, std::string> kFields = {{"/meeting_place", "meeting_place"},
                                                             {"/mode", "mode"},
                                                             {"/started_at", "start"},
                                                             {"/ended_at", "end"},
                                                             {"/guide_version", "moteplass_version"}};
  for (const auto& [prefix, column] : kFields) {
    if (pointer.rfind(prefix, 0) == 0) return Find(t.header, column);
  }
  if (pointer.rfind("/answers/", 0) == 0) {
    const std::size_t i = std::stoul(pointer.substr(9));
    if (i < answers.size()) {
      for (const auto& [column, q] : cols.question) {
        if ((*q)["name"] == answers[i]["question"]) return column;
      }
    }
  }
  return std::nullopt;
}

}  // namespace

Error RowError(const AnswerTable& table, std::size_t row, std::string_view column, const std::string& what) {
  return RowAt(table, row, Find(table.header, column), what);
}

Result<AnswerTable> ReadAnswerCsv(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  std::size_t line = 1;
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t n = Utf8Length(text, i);
    if (n == 0) {
      return Bad("line " + std::to_string(line) +
                 ": the file is not UTF-8 (it looks like Latin-1 or Windows-1252); export it again from KoboToolbox or "
                 "ODK, or save it as UTF-8");
    }
    if (text[i] == '\n') ++line;
    i += n;
  }
  // The separator the header uses.
  std::size_t semicolons = 0, commas = 0;
  bool quoted = false;
  for (char c : text) {
    if (c == '"') quoted = !quoted;
    if (!quoted && c == '\n') break;
    if (!quoted && c == ';') ++semicolons;
    if (!quoted && c == ',') ++commas;
  }
  const char sep = semicolons > commas ? ';' : ',';

  std::vector<std::vector<std::string>> records;
  std::vector<std::string> record;
  std::string field;
  quoted = false;
  line = 1;
  std::size_t record_line = 1;
  bool any = false;
  auto end_record = [&] {
    record.push_back(std::move(field));
    field.clear();
    if (any || record.size() > 1 || !record[0].empty()) records.push_back(std::move(record));
    record.clear();
    any = false;
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        if (c == '\n') ++line;
        field += c;
      }
    } else if (c == '"' && field.empty()) {
      quoted = any = true;
    } else if (c == sep) {
      record.push_back(std::move(field));
      field.clear();
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      continue;
    } else if (c == '\n') {
      end_record();
      record_line = ++line;
    } else {
      field += c;
    }
  }
  if (quoted) return Bad("line " + std::to_string(record_line) + ": a quoted field is never closed");
  if (!field.empty() || !record.empty()) end_record();
  if (records.empty()) return Bad("line 1: the file is empty; expected a header row");
  AnswerTable t;
  t.header = std::move(records[0]);
  t.rows.assign(std::make_move_iterator(records.begin() + 1), std::make_move_iterator(records.end()));
  return t;
}

std::string RowErrorsText(RowErrors errors) {
  std::stable_sort(errors.begin(), errors.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::string message;
  for (std::size_t i = 0; i < errors.size() && i < kMaxReported; ++i) {
    message += (message.empty() ? "" : "\n") + errors[i].second;
  }
  if (errors.size() > kMaxReported) {
    message += "\n(and " + std::to_string(errors.size() - kMaxReported) + " more bad rows)";
  }
  return message;
}

Result<std::vector<Submission>> ReadSubmissions(const AnswerTable& t, const GuideOf& guide_of, RowErrors* row_errors) {
  // Headers first: a file exported with labels as headers is refused as a whole.
  for (std::size_t i = 0; i < t.header.size(); ++i) {
    const std::string h = Trim(t.header[i]);
    if (!IsToolColumn(h) && !IsContext(h) && !IsPath(h)) {
      return Bad("row 1, column " + ColumnLetter(i) + ": the header \"" + h +
                 "\" is a label, not a field's name: export the answers with \"XML values and headers\"");
    }
  }
  for (std::string_view needed : {"moteplass_guide", "moteplass_version", "informant"}) {
    if (!Find(t.header, needed)) {
      return Bad("row 1: there is no column " + std::string(needed) +
                 ": the answers were not collected with a form exported by moteplass guide export");
    }
  }
  std::optional<std::size_t> id_column;
  for (std::string_view name : {"KEY", "meta/rootUuid", "_uuid", "meta-instanceID", "meta/instanceID"}) {
    if ((id_column = Find(t.header, name))) break;
  }
  if (!id_column) {
    return Bad("row 1: there is no column _uuid (KoboToolbox) or KEY (ODK Central) naming each submission");
  }
  auto cell = [&](const std::vector<std::string>& row, std::string_view name) -> std::string {
    auto i = Find(t.header, name);
    return i && *i < row.size() ? Trim(row[*i]) : "";
  };

  std::vector<Submission> out;
  RowErrors errors;
  std::map<std::string, std::size_t> seen;
  std::map<std::pair<std::string, std::int64_t>, Columns> columns_of;
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    const std::vector<std::string>& row = t.rows[r];
    const std::size_t n = r + 2;
    if (std::all_of(row.begin(), row.end(), [](const std::string& c) { return Trim(c).empty(); })) continue;
    auto fail = [&](std::optional<std::size_t> column, const std::string& what) {
      errors.emplace_back(n, RowAt(t, n, column, what).message);
    };
    Submission s;
    s.row = n;
    // The submission.
    for (std::string_view name : {"KEY", "meta/rootUuid", "_uuid", "meta-instanceID", "meta/instanceID"}) {
      s.id = cell(row, name);
      if (!s.id.empty()) break;
    }
    if (s.id.rfind("uuid:", 0) == 0) s.id = s.id.substr(5);
    if (s.id.empty()) {
      fail(id_column, "the submission has no id");
      continue;
    }
    if (seen.count(s.id)) {
      fail(id_column, "the submission " + s.id + " is also on row " + std::to_string(seen[s.id]));
      continue;
    }
    seen[s.id] = n;
    if (const std::string edits = cell(row, "Edits"); !edits.empty()) {
      auto e = WholeNumber(edits);
      if (!e || *e < 0) {
        fail(Find(t.header, "Edits"), "expected the number of edits, not \"" + edits + "\"");
        continue;
      }
      s.marker = std::to_string(*e);
      s.marker.insert(0, 10 - std::min<std::size_t>(10, s.marker.size()), '0');
    }
    // The guide version and the interview's context.
    const std::string guide_id = cell(row, "moteplass_guide");
    auto version = WholeNumber(cell(row, "moteplass_version"));
    if (guide_id.empty()) {
      fail(Find(t.header, "moteplass_guide"), "the guide is missing");
      continue;
    }
    if (!version || *version < 1) {
      fail(Find(t.header, "moteplass_version"), "expected the guide's version number");
      continue;
    }
    const json* guide = guide_of(guide_id, *version);
    if (guide == nullptr) {
      fail(Find(t.header, "moteplass_version"),
           "the guide " + guide_id + " has no version " + std::to_string(*version) + " (see moteplass guide list)");
      continue;
    }
    auto key = std::make_pair(guide_id, *version);
    if (!columns_of.count(key)) columns_of.emplace(key, ColumnsOf(t.header, *guide));
    const Columns& cols = columns_of.at(key);
    if (cols.label) {
      return Bad("row 1, column " + ColumnLetter(*cols.label) + ": the header \"" + Trim(t.header[*cols.label]) +
                 "\" is a label, not a field's name: export the answers with \"XML values and headers\"");
    }
    s.informant = cell(row, "informant");
    if (s.informant.empty()) {
      fail(Find(t.header, "informant"), "the informant's pseudonym (such as I-07) is missing");
      continue;
    }
    json body = {{"informant", 1}, {"guide_version", *version}, {"answers", json::array()}};
    if (const std::string mp = cell(row, "meeting_place"); !mp.empty()) {
      auto id = WholeNumber(mp);
      if (!id || *id < 1) {
        fail(Find(t.header, "meeting_place"),
             "expected the meeting place's number in the register, not \"" + mp + "\"");
        continue;
      }
      body["meeting_place"] = *id;
    }
    if (const std::string mode = cell(row, "mode"); !mode.empty()) body["mode"] = mode;
    bool ok = true;
    for (const auto& [name, field] : {std::pair{"start", "started_at"}, std::pair{"end", "ended_at"}}) {
      auto at = Instant(cell(row, name));
      if (!at.ok()) {
        fail(Find(t.header, name), at.error().message);
        ok = false;
        break;
      }
      body[field] = *at;
    }
    if (!ok) continue;
    for (std::size_t c = 0; c < row.size() && ok; ++c) {
      const std::string value = Trim(row[c]);
      if (value.empty() || cols.skipped.count(c)) continue;
      auto q = cols.question.find(c);
      if (q == cols.question.end()) {
        const std::string h = c < t.header.size() ? Trim(t.header[c]) : "";
        if (c >= t.header.size() || (!IsToolColumn(h) && !IsContext(h))) {
          fail(c < t.header.size() ? std::optional(c) : std::nullopt,
               "not a question of " + guide_id + " version " + std::to_string(*version));
          ok = false;
        }
        continue;
      }
      auto answer = Answer(*q->second, *guide, value);
      if (!answer.ok()) {
        fail(c, answer.error().message);
        ok = false;
      } else if (!answer->is_null()) {
        body["answers"].push_back(std::move(*answer));
      }
    }
    if (!ok) continue;
    auto doc = ParseInterview(body, *guide);
    if (!doc.ok()) {
      fail(ColumnOfPointer(t, cols, body["answers"], doc.error().pointer), doc.error().message);
      continue;
    }
    s.interview = std::move(*doc);
    s.interview["informant"] = 0;
    out.push_back(std::move(s));
  }
  if (row_errors != nullptr) {
    row_errors->insert(row_errors->end(), errors.begin(), errors.end());
  } else if (!errors.empty()) {
    return Bad(RowErrorsText(std::move(errors)));
  }
  return out;
}

}  // namespace moteplass::studies
