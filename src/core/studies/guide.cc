#include "core/studies/guide.h"

#include <algorithm>
#include <set>

#include "core/resources.h"
#include "core/status_macros.h"
#include "core/text.h"

namespace moteplass::studies {
namespace {

using nlohmann::json;

bool Contains(const auto& list, std::string_view value) {
  return std::find(std::begin(list), std::end(list), value) != std::end(list);
}

Status CheckKeys(const json& object, const std::string& at, std::initializer_list<std::string_view> allowed) {
  if (!object.is_object()) return Error::Invalid("must be an object", at.empty() ? "/" : at);
  for (const auto& [key, value] : object.items()) {
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
      return Error::Invalid("unknown field \"" + key + "\"", at + "/" + key);
    }
  }
  return {};
}

Result<json> Text(const json& value, const std::string& at) {
  if (!value.is_string()) return Error::Invalid("must be a text", at);
  ASSIGN_OR_RETURN(std::string clean, CleanText(value.get<std::string>(), TextLines::kMany, at));
  return json(clean);
}

// {"nb", "nn", "en"}, each a text; null allowed when `nullable`.
Result<json> Label(const json& object, const std::string& key, const std::string& at, bool nullable) {
  const std::string here = at + "/" + key;
  const json value = object.contains(key) ? object[key] : json();
  if (value.is_null()) {
    if (nullable) return json();
    return Error::Invalid("is required, in bokmål, nynorsk and English", here);
  }
  RETURN_IF_ERROR(CheckKeys(value, here, {"nb", "nn", "en"}));
  json out = json::object();
  for (const char* lang : {"nb", "nn", "en"}) {
    if (!value.contains(lang)) return Error::Invalid("is required", here + "/" + lang);
    ASSIGN_OR_RETURN(out[lang], Text(value[lang], here + "/" + lang));
  }
  return out;
}

Result<std::string> Name(const json& object, const std::string& key, const std::string& at) {
  const std::string here = at + "/" + key;
  if (!object.contains(key) || !object[key].is_string()) return Error::Invalid("is required, as a text", here);
  const std::string name = object[key].get<std::string>();
  if (!IsXmlName(name) || name.size() > 64) {
    return Error::Invalid("\"" + name + "\" is not a name: a letter or _, then letters, digits, _, - or ., at most 64",
                          here);
  }
  return name;
}

}  // namespace

bool IsXmlName(std::string_view name) {
  if (name.empty()) return false;
  auto letter = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; };
  if (!letter(name[0])) return false;
  return std::all_of(name.begin(), name.end(),
                     [&](char c) { return letter(c) || (c >= '0' && c <= '9') || c == '-' || c == '.'; });
}

Result<json> ParseGuide(const json& body) {
  RETURN_IF_ERROR(CheckKeys(body, "", {"id", "title", "description", "sections", "lists", "questions", "version"}));
  json g = json::object();
  if (!body.contains("id") || !body["id"].is_string()) return Error::Invalid("is required, as a text", "/id");
  const std::string id = body["id"].get<std::string>();
  const bool slug =
      !id.empty() && id.size() <= 64 &&
      std::all_of(id.begin(), id.end(),
                  [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'; }) &&
      id[0] != '-' && id[0] != '_';
  if (!slug) return Error::Invalid("\"" + id + "\" is not a guide id: lower-case letters, digits, - and _", "/id");
  g["id"] = id;
  ASSIGN_OR_RETURN(g["title"], Label(body, "title", "", false));
  ASSIGN_OR_RETURN(g["description"], Label(body, "description", "", true));

  std::set<std::string> names;  // sections and questions share XLSForm's names
  auto claim = [&](const std::string& name, const std::string& at) -> Status {
    if (Contains(kReservedNames, name)) return Error::Invalid("\"" + name + "\" is reserved for the interview", at);
    if (!names.insert(name).second) return Error::Invalid("\"" + name + "\" is used twice", at, "duplicate");
    return {};
  };

  g["sections"] = json::array();
  const json sections = body.value("sections", json::array());
  if (!sections.is_array()) return Error::Invalid("must be a list", "/sections");
  for (std::size_t i = 0; i < sections.size(); ++i) {
    const std::string at = "/sections/" + std::to_string(i);
    RETURN_IF_ERROR(CheckKeys(sections[i], at, {"name", "label"}));
    ASSIGN_OR_RETURN(std::string name, Name(sections[i], "name", at));
    RETURN_IF_ERROR(claim(name, at + "/name"));
    ASSIGN_OR_RETURN(json label, Label(sections[i], "label", at, false));
    g["sections"].push_back({{"name", name}, {"label", label}});
  }
  std::set<std::string> section_names;
  for (const json& s : g["sections"]) section_names.insert(s["name"].get<std::string>());

  g["lists"] = json::array();
  const json lists = body.value("lists", json::array());
  if (!lists.is_array()) return Error::Invalid("must be a list", "/lists");
  std::set<std::string> list_names;
  for (std::size_t i = 0; i < lists.size(); ++i) {
    const std::string at = "/lists/" + std::to_string(i);
    RETURN_IF_ERROR(CheckKeys(lists[i], at, {"list", "choices"}));
    ASSIGN_OR_RETURN(std::string list, Name(lists[i], "list", at));
    if (list == "interview_mode") return Error::Invalid("\"interview_mode\" is reserved for the interview", at);
    if (!list_names.insert(list).second) return Error::Invalid("\"" + list + "\" is used twice", at, "duplicate");
    const json choices = lists[i].value("choices", json());
    if (!choices.is_array() || choices.empty()) return Error::Invalid("needs at least one choice", at + "/choices");
    json out = json::array();
    std::set<std::string> seen;
    for (std::size_t c = 0; c < choices.size(); ++c) {
      const std::string cat = at + "/choices/" + std::to_string(c);
      RETURN_IF_ERROR(CheckKeys(choices[c], cat, {"name", "label"}));
      ASSIGN_OR_RETURN(std::string name, Name(choices[c], "name", cat));
      if (!seen.insert(name).second) return Error::Invalid("\"" + name + "\" is used twice", cat, "duplicate");
      ASSIGN_OR_RETURN(json label, Label(choices[c], "label", cat, false));
      out.push_back({{"name", name}, {"label", label}});
    }
    g["lists"].push_back({{"list", list}, {"choices", out}});
  }

  g["questions"] = json::array();
  const json questions = body.value("questions", json());
  if (!questions.is_array() || questions.empty()) return Error::Invalid("needs at least one question", "/questions");
  for (std::size_t i = 0; i < questions.size(); ++i) {
    const std::string at = "/questions/" + std::to_string(i);
    const json& in = questions[i];
    RETURN_IF_ERROR(CheckKeys(
        in, at, {"name", "type", "list", "label", "hint", "required", "follows", "profile_pointer", "section", "ref"}));
    json q = json::object();
    ASSIGN_OR_RETURN(std::string name, Name(in, "name", at));
    RETURN_IF_ERROR(claim(name, at + "/name"));
    q["name"] = name;
    const std::string type = in.value("type", std::string());
    if (!Contains(kQuestionTypes, type)) {
      return Error::Invalid("must be select_one, select_multiple, integer, date, text or note", at + "/type");
    }
    q["type"] = type;
    const bool select = type == "select_one" || type == "select_multiple";
    const json list = in.value("list", json());
    if (select) {
      if (!list.is_string() || !list_names.count(list.get<std::string>())) {
        return Error::Invalid("must name one of the guide's choice lists", at + "/list");
      }
      q["list"] = list;
    } else {
      if (!list.is_null()) return Error::Invalid("only a select question has a choice list", at + "/list");
      q["list"] = nullptr;
    }
    ASSIGN_OR_RETURN(q["label"], Label(in, "label", at, false));
    ASSIGN_OR_RETURN(q["hint"], Label(in, "hint", at, true));
    const json required = in.value("required", json(false));
    if (!required.is_boolean()) return Error::Invalid("must be true or false", at + "/required");
    q["required"] = required;

    const json follows = in.value("follows", json());
    q["follows"] = nullptr;
    if (!follows.is_null()) {
      const std::string fat = at + "/follows";
      RETURN_IF_ERROR(CheckKeys(follows, fat, {"question", "values"}));
      const std::string target = follows.value("question", std::string());
      const json* earlier = FindQuestion(g, target);
      if (earlier == nullptr || (*earlier)["list"].is_null()) {
        return Error::Invalid("must name an earlier select question", fat + "/question");
      }
      const json* choices = FindList(g, (*earlier)["list"].get<std::string>());
      const json values = follows.value("values", json());
      if (!values.is_array() || values.empty()) return Error::Invalid("needs at least one value", fat + "/values");
      for (std::size_t v = 0; v < values.size(); ++v) {
        const bool known = values[v].is_string() && std::any_of(choices->begin(), choices->end(),
                                                                [&](const json& c) { return c["name"] == values[v]; });
        if (!known) {
          return Error::Invalid("must be a choice of the list " + (*earlier)["list"].get<std::string>(),
                                fat + "/values/" + std::to_string(v));
        }
      }
      q["follows"] = {{"question", target}, {"values", values}};
    }
    const json pointer = in.value("profile_pointer", json());
    q["profile_pointer"] = nullptr;
    if (!pointer.is_null()) {
      if (!pointer.is_string() || pointer.get<std::string>().rfind("/profile/", 0) != 0) {
        return Error::Invalid("must be a JSON pointer into the profile, such as /profile/functions/hearing_body",
                              at + "/profile_pointer");
      }
      if (type == "text" || type == "note") {
        return Error::Invalid("only a closed question supports a register field", at + "/profile_pointer");
      }
      q["profile_pointer"] = pointer;
    }
    const json section = in.value("section", json());
    if (!section.is_null() && (!section.is_string() || !section_names.count(section.get<std::string>()))) {
      return Error::Invalid("must name one of the guide's sections", at + "/section");
    }
    q["section"] = section;
    const json ref = in.value("ref", json());
    if (!ref.is_null()) {
      ASSIGN_OR_RETURN(q["ref"], Text(ref, at + "/ref"));
    } else {
      q["ref"] = nullptr;
    }
    g["questions"].push_back(q);
  }
  return g;
}

Result<json> BuiltInGuide(std::string_view id) {
  if (!Contains(kBuiltInGuides, id)) return Error::NotFound("no built-in guide is called " + std::string(id));
  const json doc = json::parse(resources::Get("data/guides/" + std::string(id) + ".json"));
  return ParseGuide(doc);
}

namespace {

// Whether member `key` of `item` is the text `name`, without making a json of `name` (these are
// looked up for every answer of every imported row).
bool Named(const json& item, const char* key, std::string_view name) {
  auto it = item.find(key);
  return it != item.end() && it->is_string() && it->get_ref<const std::string&>() == name;
}

}  // namespace

const json* FindQuestion(const json& guide, std::string_view name) {
  auto questions = guide.find("questions");
  if (questions == guide.end() || !questions->is_array()) return nullptr;
  for (const json& q : *questions) {
    if (Named(q, "name", name)) return &q;
  }
  return nullptr;
}

const json* FindList(const json& guide, std::string_view list) {
  auto lists = guide.find("lists");
  if (lists == guide.end() || !lists->is_array()) return nullptr;
  for (const json& l : *lists) {
    if (Named(l, "list", list)) return &l["choices"];
  }
  return nullptr;
}

}  // namespace moteplass::studies
