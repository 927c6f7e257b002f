// The message catalogue: every user-facing text in bokmål (nb), nynorsk (nn) and English (en).
// The catalogue is the union of the embedded files src/core/messages/*.json, each an object
// {"key": {"nb": "...", "nn": "...", "en": "..."}}. Placeholders are written {name} and filled
// from the arguments. A test (messages_test.cc) fails when any key lacks a language or is defined
// twice (in one file or in two).
//
// One file per capability, named like its folder of templates (templates/<capability>/):
// register.json, places.json, accounts.json, site.json, typology.json. common.json holds the page
// frame that every page shows (app.*, lang.*, page.*, and error.* of the shared error page) and
// the few keys more than one capability uses. A template in templates/<capability>/ uses only
// keys of <capability>.json and common.json; one at templates/ root (layout, error) only those
// of common.json (templates_test.cc checks it).
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/resources.h"

namespace moteplass {

enum class Lang { kNb, kNn, kEn };

// "nb", "nn", "en".
std::string_view LangCode(Lang lang);
// Parses "nb", "nn", "en" (also "no" and "nob" as nb, "nno" as nn); false when unknown.
bool ParseLang(std::string_view code, Lang* lang);

using MessageArgs = std::map<std::string, std::string>;

// Returns the text of `key` in `lang` with placeholders filled. Plurals: when the argument n is
// "1" and the catalogue has KEY_one, that text is used ("1 fast plass" beside "{n} faste plasser";
// 0 and 2 and more take KEY, as in bokmål, nynorsk and English alike). An unknown key returns the key
// itself in brackets (and the catalogue test catches it before it ships).
std::string Msg(std::string_view key, Lang lang, const MessageArgs& args = {});

// Every key in the catalogue, and the catalogue's problems (empty when complete): a language
// missing for a key, a key defined twice, a file that is not a JSON object.
std::vector<std::string> MessageKeys();
std::vector<std::string> MissingTranslations();

// The file a key comes from, by its stem: "register" for src/core/messages/register.json; empty
// for a key not in the catalogue.
std::string MessageFile(std::string_view key);

// The problems (as MissingTranslations) of a catalogue made of `files` instead of the embedded
// ones, each named like "src/core/messages/NAME.json". For tests.
std::vector<std::string> CatalogueProblems(const std::vector<resources::Entry>& files);

}  // namespace moteplass
