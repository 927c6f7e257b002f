#include "core/studies/xlsform.h"

#include <algorithm>
#include <map>
#include <optional>
#include <regex>

#include "core/status_macros.h"
#include "core/studies/guide.h"

namespace moteplass::studies {
namespace {

using nlohmann::json;

constexpr const char* kLangs[] = {"nb", "nn", "en"};
const std::map<std::string, std::string> kLanguageNames = {
    {"nb", "bokmål (nb)"}, {"nn", "nynorsk (nn)"}, {"en", "English (en)"}};

std::string Lang(const json& label, const char* lang) {
  return label.is_object() && label[lang].is_string() ? label[lang].get<std::string>() : "";
}

std::string Relevant(const json& follows) {
  std::string out;
  for (const json& v : follows["values"]) {
    if (!out.empty()) out += " or ";
    out += "selected(${" + follows["question"].get<std::string>() + "}, '" + v.get<std::string>() + "')";
  }
  return out;
}

std::string Trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  const auto e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

// The columns of a sheet by what they hold: "type", "name", "label:nb", "hint:en", ...
struct Columns {
  std::map<std::string, std::size_t> index;
  std::vector<std::string> header;
  static Columns Of(const Sheet& sheet) {
    Columns c;
    if (sheet.rows.empty()) return c;
    c.header = sheet.rows[0];
    for (std::size_t i = 0; i < c.header.size(); ++i) {
      const std::string h = Trim(c.header[i]);
      if (h.empty()) continue;
      std::string key = Lower(h);
      const auto sep = h.find("::");
      if (sep != std::string::npos) {
        const std::string base = Lower(Trim(h.substr(0, sep)));
        std::string lang = Trim(h.substr(sep + 2));
        const auto open = lang.rfind('(');
        const auto close = lang.rfind(')');
        if (open != std::string::npos && close == lang.size() - 1 && close > open) {
          lang = Lower(Trim(lang.substr(open + 1, close - open - 1)));
        } else {
          lang = Lower(lang);
        }
        key = base + ":" + lang;
      } else if (key == "label" || key == "hint" || key == "title" || key == "description") {
        key += ":nb";
      }
      c.index.emplace(key, i);
    }
    return c;
  }
  std::optional<std::size_t> Find(const std::string& key) const {
    auto it = index.find(key);
    if (it == index.end()) return std::nullopt;
    return it->second;
  }
  std::string Get(const std::vector<std::string>& row, const std::string& key) const {
    auto i = Find(key);
    if (!i || *i >= row.size()) return "";
    return Trim(row[*i]);
  }
};

Error Cell(const std::string& sheet, std::size_t row, std::optional<std::size_t> column, const Columns& cols,
           const std::string& what) {
  std::string where = "sheet " + sheet + ", row " + std::to_string(row);
  std::string pointer = "/" + sheet + "/" + std::to_string(row);
  if (column) {
    const std::string header = *column < cols.header.size() ? cols.header[*column] : "";
    where += ", column " + ColumnLetter(*column) + (header.empty() ? "" : " (" + header + ")");
    pointer += "/" + ColumnLetter(*column);
  }
  return Error::Invalid(where + ": " + what, pointer, "xlsform");
}

bool Empty(const std::vector<std::string>& row) {
  return std::all_of(row.begin(), row.end(), [](const std::string& c) { return Trim(c).empty(); });
}

const Sheet* FindSheet(const std::vector<Sheet>& sheets, const std::string& name) {
  for (const Sheet& s : sheets) {
    if (Lower(Trim(s.name)) == name) return &s;
  }
  return nullptr;
}

// A label from its three language columns; null when all are empty (and `nullable`).
Result<json> LabelOf(const std::string& sheet, std::size_t row_number, const std::vector<std::string>& row,
                     const Columns& cols, const std::string& base, bool nullable) {
  json out = json::object();
  bool any = false;
  for (const char* lang : kLangs) {
    const std::string text = cols.Get(row, base + ":" + lang);
    if (!text.empty()) any = true;
    out[lang] = text;
  }
  if (!any && nullable) return json();
  for (const char* lang : kLangs) {
    if (out[lang] == "") {
      auto column = cols.Find(base + ":" + lang);
      if (!column) {
        return Cell(sheet, 1, std::nullopt, cols,
                    "no column " + base + "::" + kLanguageNames.at(lang) + " (every " + base +
                        " is needed in bokmål, nynorsk and English)");
      }
      return Cell(sheet, row_number, column, cols, "the " + base + " in " + kLanguageNames.at(lang) + " is missing");
    }
  }
  return out;
}

// `selected(${q}, 'v') or ...` or `${q} = 'v'`, as {"question", "values"}.
std::optional<json> ParseRelevant(const std::string& text) {
  static const std::regex selected(R"(^\s*selected\(\s*\$\{([A-Za-z_][A-Za-z0-9_.-]*)\}\s*,\s*'([^']*)'\s*\)\s*)");
  static const std::regex equals(R"(^\s*\$\{([A-Za-z_][A-Za-z0-9_.-]*)\}\s*=\s*'([^']*)'\s*)");
  static const std::regex joiner(R"(^\s*or\s+)");
  std::string rest = text;
  std::string question;
  json values = json::array();
  while (true) {
    std::smatch m;
    if (!std::regex_search(rest, m, selected) && !std::regex_search(rest, m, equals)) return std::nullopt;
    if (!question.empty() && question != m[1].str()) return std::nullopt;
    question = m[1].str();
    values.push_back(m[2].str());
    rest = m.suffix().str();
    if (Trim(rest).empty()) break;
    std::smatch o;
    if (!std::regex_search(rest, o, joiner)) return std::nullopt;
    rest = o.suffix().str();
  }
  return json{{"question", question}, {"values", values}};
}

bool IsContext(const std::string& type, const std::string& name) {
  static const std::string kMeta[] = {"start",       "end",   "today",     "deviceid",     "username",
                                      "phonenumber", "audit", "simserial", "subscriberid", "start-geopoint"};
  if (std::find(std::begin(kMeta), std::end(kMeta), type) != std::end(kMeta)) return true;
  return name == "informant" || name == "meeting_place" || name == "mode" || name == "moteplass_guide" ||
         name == "moteplass_version";
}

}  // namespace

std::string ColumnLetter(std::size_t index) {
  std::string out;
  ++index;
  while (index > 0) {
    const std::size_t r = (index - 1) % 26;
    out.insert(out.begin(), static_cast<char>('A' + r));
    index = (index - 1) / 26;
  }
  return out;
}

std::vector<Sheet> ToXlsForm(const json& guide, std::int64_t version) {
  Sheet survey{"survey", {}};
  std::vector<std::string> header = {"type", "name"};
  for (const char* base : {"label", "hint"}) {
    for (const char* lang : kLangs) header.push_back(std::string(base) + "::" + kLanguageNames.at(lang));
  }
  for (const char* c : {"relevant", "required", "calculation", "moteplass_profile_pointer", "moteplass_ref"}) {
    header.push_back(c);
  }
  survey.rows.push_back(header);
  auto row = [&](const std::string& type, const std::string& name, const json& label, const json& hint,
                 const std::string& relevant, const std::string& required, const std::string& calculation,
                 const std::string& pointer, const std::string& ref) {
    std::vector<std::string> r = {type, name};
    for (const char* lang : kLangs) r.push_back(Lang(label, lang));
    for (const char* lang : kLangs) r.push_back(Lang(hint, lang));
    for (const std::string& c : {relevant, required, calculation, pointer, ref}) r.push_back(c);
    survey.rows.push_back(std::move(r));
  };
  const json none;
  row("start", "start", none, none, "", "", "", "", "");
  row("end", "end", none, none, "", "", "", "", "");
  row("calculate", "moteplass_guide", none, none, "", "", "'" + guide["id"].get<std::string>() + "'", "", "");
  row("calculate", "moteplass_version", none, none, "", "", "'" + std::to_string(version) + "'", "", "");
  row("text", "informant",
      {{"nb", "Informant (pseudonym)"}, {"nn", "Informant (pseudonym)"}, {"en", "Informant (pseudonym)"}}, none, "",
      "yes", "", "", "");
  row("integer", "meeting_place",
      {{"nb", "Møteplass (nummer i registeret)"},
       {"nn", "Møteplass (nummer i registeret)"},
       {"en", "Meeting place (number in the register)"}},
      none, "", "", "", "", "");
  row("select_one interview_mode", "mode", {{"nb", "Intervjuform"}, {"nn", "Intervjuform"}, {"en", "Interview mode"}},
      none, "", "yes", "", "", "");

  std::string open;
  std::vector<std::string> done;
  auto begin = [&](const std::string& name) {
    for (const json& s : guide["sections"]) {
      if (s["name"] == name) row("begin group", name, s["label"], none, "", "", "", "", "");
    }
    open = name;
    done.push_back(name);
  };
  for (const json& q : guide["questions"]) {
    const std::string section = q["section"].is_string() ? q["section"].get<std::string>() : "";
    if (section != open) {
      if (!open.empty()) row("end group", "", none, none, "", "", "", "", "");
      open.clear();
      if (!section.empty()) begin(section);
    }
    std::string type = q["type"].get<std::string>();
    if (q["list"].is_string()) type += " " + q["list"].get<std::string>();
    row(type, q["name"].get<std::string>(), q["label"], q["hint"], q["follows"].is_null() ? "" : Relevant(q["follows"]),
        q["required"].get<bool>() ? "yes" : "", "",
        q["profile_pointer"].is_string() ? q["profile_pointer"].get<std::string>() : "",
        q["ref"].is_string() ? q["ref"].get<std::string>() : "");
  }
  if (!open.empty()) row("end group", "", none, none, "", "", "", "", "");
  for (const json& s : guide["sections"]) {
    if (std::find(done.begin(), done.end(), s["name"].get<std::string>()) != done.end()) continue;
    begin(s["name"].get<std::string>());
    row("end group", "", none, none, "", "", "", "", "");
  }

  Sheet choices{"choices", {{"list_name", "name"}}};
  for (const char* lang : kLangs) choices.rows[0].push_back("label::" + kLanguageNames.at(lang));
  for (const json& l : guide["lists"]) {
    for (const json& c : l["choices"]) {
      choices.rows.push_back({l["list"].get<std::string>(), c["name"].get<std::string>(), Lang(c["label"], "nb"),
                              Lang(c["label"], "nn"), Lang(c["label"], "en")});
    }
  }
  const std::vector<std::vector<std::string>> modes = {{"phone", "Telefon", "Telefon", "Telephone"},
                                                       {"in_person", "Personlig møte", "Personleg møte", "In person"},
                                                       {"email", "E-post", "E-post", "E-mail"},
                                                       {"video", "Video", "Video", "Video"}};
  for (const auto& m : modes) choices.rows.push_back({"interview_mode", m[0], m[1], m[2], m[3]});

  Sheet settings{"settings",
                 {{"form_title", "form_id", "version", "default_language", "title::nynorsk (nn)", "title::English (en)",
                   "description::bokmål (nb)", "description::nynorsk (nn)", "description::English (en)"}}};
  settings.rows.push_back({Lang(guide["title"], "nb"), guide["id"].get<std::string>(), std::to_string(version),
                           "bokmål (nb)", Lang(guide["title"], "nn"), Lang(guide["title"], "en"),
                           Lang(guide["description"], "nb"), Lang(guide["description"], "nn"),
                           Lang(guide["description"], "en")});
  return {survey, choices, settings};
}

Result<json> FromXlsForm(const std::vector<Sheet>& sheets) {
  const Sheet* survey = FindSheet(sheets, "survey");
  if (survey == nullptr || survey->rows.empty()) {
    return Error::Invalid("sheet survey, row 1: the workbook has no sheet \"survey\" with a header row", "/survey/1",
                          "xlsform");
  }
  const Sheet* settings = FindSheet(sheets, "settings");
  if (settings == nullptr || settings->rows.size() < 2) {
    return Error::Invalid("sheet settings, row 2: the workbook has no sheet \"settings\" naming the form_id",
                          "/settings/2", "xlsform");
  }
  const Sheet* choices = FindSheet(sheets, "choices");

  // Where each part of the guide came from, to name the cell when ParseGuide refuses it.
  struct Origin {
    const Sheet* sheet;
    std::size_t row;
  };
  std::vector<Origin> question_rows, section_rows, list_rows;
  std::vector<std::vector<Origin>> choice_rows;

  const Columns sc = Columns::Of(*settings);
  const std::vector<std::string>& srow = settings->rows[1];
  json body = json::object();
  body["id"] = sc.Get(srow, "form_id");
  if (body["id"] == "") return Cell("settings", 2, sc.Find("form_id"), sc, "the form_id (the guide id) is missing");
  json title = json::object();
  for (const char* lang : kLangs) {
    std::string t = sc.Get(srow, std::string("title:") + lang);
    if (t.empty() && std::string(lang) == "nb") t = sc.Get(srow, "form_title");
    if (t.empty()) {
      return Cell("settings", 2, sc.Find(std::string("title:") + lang), sc,
                  std::string("the title in ") + kLanguageNames.at(lang) + " is missing");
    }
    title[lang] = t;
  }
  body["title"] = title;
  ASSIGN_OR_RETURN(body["description"], LabelOf("settings", 2, srow, sc, "description", true));

  body["lists"] = json::array();
  if (choices != nullptr && !choices->rows.empty()) {
    const Columns cc = Columns::Of(*choices);
    for (const char* needed : {"list_name", "name"}) {
      if (!cc.Find(needed)) return Cell("choices", 1, std::nullopt, cc, std::string("no column ") + needed);
    }
    std::map<std::string, std::size_t> at;
    for (std::size_t r = 1; r < choices->rows.size(); ++r) {
      const auto& row = choices->rows[r];
      if (Empty(row)) continue;
      const std::string list = cc.Get(row, "list_name");
      if (list == "interview_mode") continue;
      if (list.empty()) return Cell("choices", r + 1, cc.Find("list_name"), cc, "the list_name is missing");
      ASSIGN_OR_RETURN(json label, LabelOf("choices", r + 1, row, cc, "label", false));
      if (!at.count(list)) {
        at[list] = body["lists"].size();
        body["lists"].push_back({{"list", list}, {"choices", json::array()}});
        list_rows.push_back({choices, r + 1});
        choice_rows.emplace_back();
      }
      body["lists"][at[list]]["choices"].push_back({{"name", cc.Get(row, "name")}, {"label", label}});
      choice_rows[at[list]].push_back({choices, r + 1});
    }
  }

  const Columns c = Columns::Of(*survey);
  for (const char* needed : {"type", "name"}) {
    if (!c.Find(needed)) return Cell("survey", 1, std::nullopt, c, std::string("no column ") + needed);
  }
  body["sections"] = json::array();
  body["questions"] = json::array();
  std::string section;
  for (std::size_t r = 1; r < survey->rows.size(); ++r) {
    const auto& row = survey->rows[r];
    const std::size_t n = r + 1;
    if (Empty(row)) continue;
    std::string type = Lower(c.Get(row, "type"));
    type = std::regex_replace(type, std::regex(R"(\s+)"), " ");
    const std::string name = c.Get(row, "name");
    if (type == "begin group" || type == "begin_group") {
      if (!section.empty()) return Cell("survey", n, c.Find("type"), c, "groups inside groups are not supported");
      ASSIGN_OR_RETURN(json label, LabelOf("survey", n, row, c, "label", false));
      body["sections"].push_back({{"name", name}, {"label", label}});
      section_rows.push_back({survey, n});
      section = name;
      continue;
    }
    if (type == "end group" || type == "end_group") {
      if (section.empty()) return Cell("survey", n, c.Find("type"), c, "an end group without a begin group");
      section.clear();
      continue;
    }
    if (type.empty()) return Cell("survey", n, c.Find("type"), c, "the type is missing");
    if (IsContext(type, name)) continue;
    json q = json::object();
    q["name"] = name;
    if (type.rfind("select_one ", 0) == 0 || type.rfind("select_multiple ", 0) == 0) {
      const auto space = type.find(' ');
      q["type"] = type.substr(0, space);
      q["list"] = Trim(c.Get(row, "type").substr(c.Get(row, "type").find_first_of(" \t") + 1));
      q["list"] = Trim(q["list"].get<std::string>());
    } else if (type == "integer" || type == "date" || type == "text" || type == "note") {
      q["type"] = type;
      q["list"] = nullptr;
    } else {
      return Cell("survey", n, c.Find("type"), c,
                  "the type \"" + c.Get(row, "type") +
                      "\" is not one a guide uses (select_one LIST, select_multiple LIST, integer, date, text, note)");
    }
    ASSIGN_OR_RETURN(q["label"], LabelOf("survey", n, row, c, "label", false));
    ASSIGN_OR_RETURN(q["hint"], LabelOf("survey", n, row, c, "hint", true));
    const std::string required = Lower(c.Get(row, "required"));
    if (required == "yes" || required == "true" || required == "true()" || required == "1") {
      q["required"] = true;
    } else if (required.empty() || required == "no" || required == "false" || required == "false()" ||
               required == "0") {
      q["required"] = false;
    } else {
      return Cell("survey", n, c.Find("required"), c, "required must be yes or empty");
    }
    const std::string relevant = c.Get(row, "relevant");
    q["follows"] = nullptr;
    if (!relevant.empty()) {
      auto follows = ParseRelevant(relevant);
      if (!follows) {
        return Cell("survey", n, c.Find("relevant"), c,
                    "relevant must be selected(${question}, 'choice'), joined with or, for one question");
      }
      q["follows"] = *follows;
    }
    const std::string pointer = c.Get(row, "moteplass_profile_pointer");
    q["profile_pointer"] = pointer.empty() ? json() : json(pointer);
    q["section"] = section.empty() ? json() : json(section);
    const std::string ref = c.Get(row, "moteplass_ref");
    q["ref"] = ref.empty() ? json() : json(ref);
    body["questions"].push_back(q);
    question_rows.push_back({survey, n});
  }
  if (!section.empty()) return Cell("survey", survey->rows.size(), c.Find("type"), c, "a group is never ended");
  if (body["questions"].empty()) return Cell("survey", 2, c.Find("type"), c, "the form has no questions");

  Result<json> guide = ParseGuide(body);
  if (guide.ok()) return guide;
  // Name the cell of what ParseGuide refused: /questions/3/label/nn -> the question's row, the
  // column of the nynorsk label.
  const Error& e = guide.error();
  std::vector<std::string> parts;
  for (std::size_t i = 1, j; i <= e.pointer.size(); i = j + 1) {
    j = e.pointer.find('/', i);
    if (j == std::string::npos) j = e.pointer.size();
    parts.push_back(e.pointer.substr(i, j - i));
  }
  auto index = [&](std::size_t k) { return k < parts.size() ? std::stoul(parts[k]) : 0UL; };
  auto field = [&](std::size_t k) { return k < parts.size() ? parts[k] : std::string(); };
  const std::string what = e.message;
  if (!parts.empty() && parts[0] == "questions" && parts.size() > 1 && index(1) < question_rows.size()) {
    std::string key = field(2);
    if (key == "label" || key == "hint") key += ":" + (field(3).empty() ? "nb" : field(3));
    if (key == "follows") key = "relevant";
    if (key == "list") key = "type";
    if (key == "profile_pointer") key = "moteplass_profile_pointer";
    if (key == "ref") key = "moteplass_ref";
    return Cell("survey", question_rows[index(1)].row, c.Find(key), c, what);
  }
  if (!parts.empty() && parts[0] == "sections" && parts.size() > 1 && index(1) < section_rows.size()) {
    return Cell("survey", section_rows[index(1)].row, c.Find(field(2) == "label" ? "label:" + field(3) : "name"), c,
                what);
  }
  if (!parts.empty() && parts[0] == "lists" && parts.size() > 1 && index(1) < list_rows.size()) {
    const Columns cc = Columns::Of(*choices);
    if (field(2) == "choices" && parts.size() > 3 && index(3) < choice_rows[index(1)].size()) {
      std::string key = field(4) == "label" ? "label:" + field(5) : "name";
      return Cell("choices", choice_rows[index(1)][index(3)].row, cc.Find(key), cc, what);
    }
    return Cell("choices", list_rows[index(1)].row, cc.Find("list_name"), cc, what);
  }
  if (field(0) == "id") return Cell("settings", 2, sc.Find("form_id"), sc, what);
  if (field(0) == "title" || field(0) == "description") {
    return Cell("settings", 2, sc.Find(field(0) + ":" + (field(1).empty() ? "nb" : field(1))), sc, what);
  }
  return Error::Invalid("the form: " + what, e.pointer, "xlsform");
}

}  // namespace moteplass::studies
