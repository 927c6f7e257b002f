// Norwegian text for the register: the sort order people expect (Æ, Ø, Å after Z) and the word
// stems full-text search matches on ("møteplassene" finds "møteplass"). The store keeps the
// sort key and the stems beside each record, so that any database can sort and search without
// knowing Norwegian itself. Pure functions, safe to call from several threads at once.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace moteplass {

// Returns a binary key whose byte-wise order (memcmp, then length) is Norwegian bokmål
// collation of `utf8`: case and accents only break ties, and Æ, Ø, Å sort after Z. Suitable for
// a BLOB column. Invalid UTF-8 is replaced (U+FFFD), never an error.
std::string NorwegianSortKey(std::string_view utf8);

// Splits `utf8` into words (Unicode word boundaries), lowercases them and reduces each to its
// Norwegian stem (Snowball). Punctuation and spaces are dropped; numbers stay as they are.
// Letters are kept as written, so "Ørland" and "Orland" stay distinct.
std::vector<std::string> NorwegianStems(std::string_view utf8);

// The words of `utf8` as NorwegianStems splits them (NFC, lower-cased), before stemming.
std::vector<std::string> NorwegianWords(std::string_view utf8);

// The Snowball Norwegian stem of one lower-cased word.
std::string NorwegianStem(std::string_view word);

// Names the rules behind NorwegianSortKey and NorwegianStems (ICU's collation version and the
// stemming code's). Keys and stems stored under another version must be computed again, since
// an ICU upgrade may change the bytes of a sort key.
std::string NorwegianTextVersion();

}  // namespace moteplass
