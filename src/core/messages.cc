#include "core/messages.h"

#include <array>
#include <set>

#include <nlohmann/json.hpp>

#include "core/resources.h"

namespace moteplass {
namespace {

struct Catalogue {
  // key -> [nb, nn, en]
  std::map<std::string, std::array<std::string, 3>, std::less<>> texts;
  // key -> the file it comes from (src/core/messages/register.json)
  std::map<std::string, std::string, std::less<>> files;
  std::vector<std::string> problems;
};

// One file into the catalogue. nlohmann keeps the last of two equal keys in an object without a
// word, so the parser's callback counts them: a key given twice in one file is a problem too.
void AddFile(Catalogue& c, const resources::Entry& entry) {
  const std::string name(entry.name);
  std::vector<std::set<std::string>> open;  // the keys seen in each object being read
  std::string message;                      // the top-level key being read
  auto count_keys = [&](int depth, nlohmann::json::parse_event_t event, nlohmann::json& parsed) {
    using Event = nlohmann::json::parse_event_t;
    if (event == Event::object_start) {
      open.emplace_back();
    } else if (event == Event::object_end) {
      if (!open.empty()) open.pop_back();
    } else if (event == Event::key && parsed.is_string()) {
      const std::string key = parsed.get<std::string>();
      if (depth == 1) message = key;
      if (!open.empty() && !open.back().insert(key).second) {
        c.problems.push_back(name + ": " + (depth == 1 ? key : message + " " + key) + " given twice in the file");
      }
    }
    return true;
  };
  auto doc = nlohmann::json::parse(entry.content, count_keys, /*allow_exceptions=*/false);
  if (!doc.is_object()) {
    c.problems.push_back(name + ": not a JSON object");
    return;
  }
  for (auto& [key, langs] : doc.items()) {
    if (auto before = c.files.find(key); before != c.files.end()) {
      c.problems.push_back(key + ": defined twice, in " + before->second + " and in " + name);
      continue;  // the first file's text stays
    }
    std::array<std::string, 3> t;
    const char* codes[] = {"nb", "nn", "en"};
    for (int i = 0; i < 3; ++i) {
      if (langs.is_object() && langs.contains(codes[i]) && langs[codes[i]].is_string() &&
          !langs[codes[i]].get<std::string>().empty()) {
        t[i] = langs[codes[i]].get<std::string>();
      } else {
        c.problems.push_back(key + ": missing " + codes[i] + " (" + name + ")");
      }
    }
    c.texts[key] = std::move(t);
    c.files[key] = name;
  }
}

Catalogue Load(const std::vector<resources::Entry>& files) {
  Catalogue c;
  for (const auto& entry : files) {
    if (entry.name.ends_with(".json")) AddFile(c, entry);
  }
  return c;
}

const Catalogue& TheCatalogue() {
  static const Catalogue catalogue = Load(resources::List("src/core/messages/"));
  return catalogue;
}

}  // namespace

std::string_view LangCode(Lang lang) {
  switch (lang) {
    case Lang::kNb: return "nb";
    case Lang::kNn: return "nn";
    case Lang::kEn: return "en";
  }
  return "nb";
}

bool ParseLang(std::string_view code, Lang* lang) {
  if (code == "nb" || code == "no" || code == "nob") {
    *lang = Lang::kNb;
  } else if (code == "nn" || code == "nno") {
    *lang = Lang::kNn;
  } else if (code == "en" || code == "eng") {
    *lang = Lang::kEn;
  } else {
    return false;
  }
  return true;
}

std::string Msg(std::string_view key, Lang lang, const MessageArgs& args) {
  const auto& texts = TheCatalogue().texts;
  auto it = texts.find(key);
  if (it == texts.end()) return "[" + std::string(key) + "]";
  // The singular: "{n} faste plasser" has "KEY_one" for 1 ("1 fast plass").
  if (auto n = args.find("n"); n != args.end() && n->second == "1") {
    if (auto one = texts.find(std::string(key) + "_one"); one != texts.end()) it = one;
  }
  const std::string& tmpl = it->second[static_cast<int>(lang)];
  std::string out;
  out.reserve(tmpl.size() + 16);
  for (std::size_t i = 0; i < tmpl.size(); ++i) {
    if (tmpl[i] == '{') {
      auto close = tmpl.find('}', i);
      if (close != std::string::npos) {
        auto arg = args.find(tmpl.substr(i + 1, close - i - 1));
        if (arg != args.end()) {
          out += arg->second;
          i = close;
          continue;
        }
      }
    }
    out += tmpl[i];
  }
  return out;
}

std::vector<std::string> MessageKeys() {
  std::vector<std::string> keys;
  for (const auto& [k, v] : TheCatalogue().texts) keys.push_back(k);
  return keys;
}

std::vector<std::string> MissingTranslations() { return TheCatalogue().problems; }

std::string MessageFile(std::string_view key) {
  const auto& files = TheCatalogue().files;
  auto it = files.find(key);
  if (it == files.end()) return "";
  std::string_view name = it->second;
  name.remove_prefix(name.rfind('/') + 1);  // npos + 1 is 0: a name without a folder stays whole
  name.remove_suffix(std::string_view(".json").size());
  return std::string(name);
}

std::vector<std::string> CatalogueProblems(const std::vector<resources::Entry>& files) { return Load(files).problems; }

}  // namespace moteplass
