#include "core/messages.h"

#include <array>

#include <nlohmann/json.hpp>

#include "core/resources.h"

namespace moteplass {
namespace {

struct Catalogue {
  // key -> [nb, nn, en]
  std::map<std::string, std::array<std::string, 3>, std::less<>> texts;
  std::vector<std::string> problems;
};

const Catalogue& TheCatalogue() {
  static const Catalogue catalogue = [] {
    Catalogue c;
    for (const auto& entry : resources::List("src/core/messages/")) {
      if (!entry.name.ends_with(".json")) continue;
      auto doc = nlohmann::json::parse(entry.content, nullptr, /*allow_exceptions=*/false);
      if (!doc.is_object()) {
        c.problems.push_back(std::string(entry.name) + ": not a JSON object");
        continue;
      }
      for (auto& [key, langs] : doc.items()) {
        if (c.texts.count(key)) c.problems.push_back(key + ": defined twice");
        std::array<std::string, 3> t;
        const char* codes[] = {"nb", "nn", "en"};
        for (int i = 0; i < 3; ++i) {
          if (langs.is_object() && langs.contains(codes[i]) && langs[codes[i]].is_string() &&
              !langs[codes[i]].get<std::string>().empty()) {
            t[i] = langs[codes[i]].get<std::string>();
          } else {
            c.problems.push_back(key + ": missing " + codes[i]);
          }
        }
        c.texts[key] = std::move(t);
      }
    }
    return c;
  }();
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

}  // namespace moteplass
