#include "core/register/texts.h"

#include <algorithm>

#include "core/json_text.h"
#include "core/status_macros.h"
#include "core/text.h"

namespace moteplass {
namespace {

using nlohmann::json;

Result<std::string> TextField(const json& object, const char* field, std::size_t max_chars,
                              const std::string& pointer) {
  auto it = object.find(field);
  if (it == object.end() || it->is_null()) return std::string();
  if (!it->is_string()) return Error::Invalid("expected text, got " + DescribeJsonValue(*it), pointer);
  std::string s = it->get<std::string>();
  if (CharacterCount(s) > max_chars) {
    return Error::Invalid("too long: at most " + std::to_string(max_chars) + " characters", pointer);
  }
  return s;
}

ShownText Pick(const std::string& main_text, const std::string& main_language, const Translations& translations,
               std::string_view reader, std::string TranslatedTexts::*field) {
  if (reader != main_language) {
    auto it = translations.find(reader);
    if (it != translations.end() && !(it->second.*field).empty()) return {&(it->second.*field), std::string(reader)};
  }
  return {&main_text, main_language.empty() ? std::string("nb") : main_language};
}

}  // namespace

bool IsTextLanguage(std::string_view code) { return code == "nb" || code == "nn" || code == "en"; }

Result<std::string> ParseTextLanguage(const json& body) {
  auto it = body.find("language");
  if (it == body.end() || it->is_null()) return std::string("nb");
  if (!it->is_string() || !IsTextLanguage(it->get_ref<const std::string&>())) {
    return Error::Invalid("expected the language of the description: \"nb\", \"nn\" or \"en\", got " + it->dump(),
                          "/language");
  }
  return it->get<std::string>();
}

Result<Translations> ParseTranslations(const json& body, std::string_view language, std::size_t max_description,
                                       std::size_t max_how_to_take_part) {
  Translations out;
  auto it = body.find("translations");
  if (it == body.end() || it->is_null()) return out;
  if (!it->is_object()) {
    return Error::Invalid(
        "expected an object by language, such as {\"en\": {\"description\": \"...\"}}, got " + DescribeJsonValue(*it),
        "/translations");
  }
  for (const auto& [code, entry] : it->items()) {
    const std::string pointer = "/translations/" + EscapePointerToken(code);
    if (!IsTextLanguage(code)) return Error::Invalid("unknown language; expected \"nb\", \"nn\" or \"en\"", pointer);
    if (code == language) {
      return Error::Invalid(
          "the main text is already in this language (\"language\" is \"" + std::string(language) + "\")", pointer);
    }
    if (entry.is_null()) continue;
    if (!entry.is_object()) {
      return Error::Invalid("expected an object with description and how_to_take_part, got " + DescribeJsonValue(entry),
                            pointer);
    }
    for (const auto& [key, value] : entry.items()) {
      if (key != "description" && key != "how_to_take_part") {
        return Error::Invalid("unknown field; expected description or how_to_take_part",
                              pointer + "/" + EscapePointerToken(key));
      }
    }
    TranslatedTexts t;
    ASSIGN_OR_RETURN(t.description, TextField(entry, "description", max_description, pointer + "/description"));
    ASSIGN_OR_RETURN(t.how_to_take_part,
                     TextField(entry, "how_to_take_part", max_how_to_take_part, pointer + "/how_to_take_part"));
    if (t.description.empty() && t.how_to_take_part.empty()) continue;
    out.emplace(code, std::move(t));
  }
  return out;
}

json TranslationsToJson(const Translations& translations) {
  json out = json::object();
  for (const auto& [code, t] : translations) {
    out[code] = {{"description", t.description}, {"how_to_take_part", t.how_to_take_part}};
  }
  return out;
}

std::string SearchableDescription(const std::string& description, const Translations& translations) {
  std::string out = description;
  for (const auto& [language, texts] : translations) {
    if (texts.description.empty()) continue;
    out += "\n\n";
    out += texts.description;
  }
  return out;
}

std::string SearchableDescription(const std::string& description, const std::string& stored_translations) {
  auto translations = TranslationsFromStored(stored_translations);
  return translations.ok() ? SearchableDescription(description, *translations) : description;
}

Result<Translations> TranslationsFromStored(const std::string& text) {
  Translations out;
  if (text.empty()) return out;
  json stored = json::parse(text, nullptr, false);
  if (!stored.is_object()) return Error::Internal("database: stored translations are not a JSON object");
  for (const auto& [code, entry] : stored.items()) {
    if (!entry.is_object()) return Error::Internal("database: a stored translation is not an object");
    out.emplace(code, TranslatedTexts{entry.value("description", ""), entry.value("how_to_take_part", "")});
  }
  return out;
}

ShownText DescriptionFor(const std::string& main_text, const std::string& main_language,
                         const Translations& translations, std::string_view reader) {
  return Pick(main_text, main_language, translations, reader, &TranslatedTexts::description);
}

ShownText HowToTakePartFor(const std::string& main_text, const std::string& main_language,
                           const Translations& translations, std::string_view reader) {
  return Pick(main_text, main_language, translations, reader, &TranslatedTexts::how_to_take_part);
}

}  // namespace moteplass
