// A meeting place's texts in several languages (issue 13, item 3). The description and "how to
// take part" of MeetingPlaceInput are the main text, written in `language` (bokmål unless the
// client says otherwise); `translations` holds the same two texts in the other languages, by
// language code. On the API:
//   "language": "nb" | "nn" | "en",
//   "translations": {"en": {"description": "Markdown", "how_to_take_part": "Markdown"}, "nn": {...}}
// A page shows the text in the reader's language when there is one, otherwise the main text,
// marked with its own language (ShownText).
#pragma once

#include <map>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/error.h"

namespace moteplass {

struct TranslatedTexts {
  std::string description;       // Markdown, "" when not translated
  std::string how_to_take_part;  // Markdown, "" when not translated
  bool operator==(const TranslatedTexts&) const = default;
};

// By language code ("nn", "en"), never the main text's own language; no entry is empty.
using Translations = std::map<std::string, TranslatedTexts, std::less<>>;

// Whether `code` is a language a text may be written in: "nb", "nn" or "en".
bool IsTextLanguage(std::string_view code);

// Reads "language" (absent or null: "nb") and "translations" (absent or null: none) from a
// request body whose texts are already clean. Errors name the field ("/language",
// "/translations/de", "/translations/en/description"). A translation into the main text's own
// language is refused; an entry with both texts empty is dropped.
Result<std::string> ParseTextLanguage(const nlohmann::json& body);
Result<Translations> ParseTranslations(const nlohmann::json& body, std::string_view language,
                                       std::size_t max_description, std::size_t max_how_to_take_part);

// The translations as the API shows them and the stores keep them (an object, {} when none).
nlohmann::json TranslationsToJson(const Translations& translations);
// The stored form back; kInternal when it is not what TranslationsToJson wrote.
Result<Translations> TranslationsFromStored(const std::string& text);

// What search indexes as a record's description (core/search): the main text, then each
// translation's description, so that a reader finds a place by the words of any language it is
// written in.
std::string SearchableDescription(const std::string& description, const Translations& translations);
// The same from the stored translations (TranslationsFromStored); text that does not read gives
// the main text alone.
std::string SearchableDescription(const std::string& description, const std::string& stored_translations);

// Which text a reader of `reader` sees for one field: the translation into the reader's
// language when there is one, else the main text in its own language.
struct ShownText {
  const std::string* text = nullptr;  // never null
  std::string language;               // the language the text is written in
};
ShownText DescriptionFor(const std::string& main_text, const std::string& main_language,
                         const Translations& translations, std::string_view reader);
ShownText HowToTakePartFor(const std::string& main_text, const std::string& main_language,
                           const Translations& translations, std::string_view reader);

}  // namespace moteplass
