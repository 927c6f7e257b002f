// The message catalogue: every user-facing text in bokmål (nb), nynorsk (nn) and English (en).
// The catalogue is the union of the embedded files src/core/messages/*.json, each an object
// {"key": {"nb": "...", "nn": "...", "en": "..."}}. Placeholders are written {name} and filled
// from the arguments. A test (messages_test.cc) fails when any key lacks a language.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace moteplass {

enum class Lang { kNb, kNn, kEn };

// "nb", "nn", "en".
std::string_view LangCode(Lang lang);
// Parses "nb", "nn", "en" (also "no" and "nob" as nb, "nno" as nn); false when unknown.
bool ParseLang(std::string_view code, Lang* lang);

using MessageArgs = std::map<std::string, std::string>;

// Returns the text of `key` in `lang` with placeholders filled. An unknown key returns the key
// itself in brackets (and the catalogue test catches it before it ships).
std::string Msg(std::string_view key, Lang lang, const MessageArgs& args = {});

// Every key in the catalogue, and the languages missing for each (empty when complete).
std::vector<std::string> MessageKeys();
std::vector<std::string> MissingTranslations();

}  // namespace moteplass
