// The words search knows (core/search/search.h): kinds' names and synonyms in bokmål, nynorsk
// and English (from the 2007 report's own words for them), English words and their Norwegian
// counterparts, nynorsk spellings and their bokmål ones, the heads compounds are split at,
// stop words, and the places' other names. Plain data, written as people write the words: the
// search code stems them as it stems what people type.
#pragma once

#include <span>
#include <string_view>

namespace moteplass::search::lexicon {

// A kind (or subtype) and the phrases that name it.
struct Concept {
  std::string_view kind;     // a kind of typology.h, or "" for a subtype
  std::string_view subtype;  // "police_forum", or ""
  std::span<const std::string_view> phrases;
};
std::span<const Concept> Concepts();

// An English word and the Norwegian words it may stand for (space-separated).
struct Translation {
  std::string_view english;
  std::string_view norwegian;
};
std::span<const Translation> Translations();

// A nynorsk (or other) spelling and the bokmål one the index uses, both as stems.
struct Spelling {
  std::string_view from;
  std::string_view to;
};
std::span<const Spelling> Spellings();

// Stems a compound may end with; the rest before it is indexed too.
std::span<const std::string_view> Heads();

// Words left out of a search (when it has other words).
std::span<const std::string_view> StopWords();

// Other names of a municipality or county: older names, names in Sami and Kven, and the names
// of the counties before 2024 (a county of 2024 may have several, a name several counties).
struct OtherName {
  std::string_view number;
  std::string_view name;
};
std::span<const OtherName> OtherNames();

}  // namespace moteplass::search::lexicon
