// Search that finds what residents and officers type: the terms a record is indexed under and
// the query a search text becomes. Both backends store and match exactly these terms (SQLite
// as an FTS5 index, PostgreSQL as a tsvector), so they find the same records.
//
// A record is indexed under the stems of its name and description (core/norwegian.h), made a
// little more even (nynorsk and bokmål spellings of the register's words, -er/-ar endings), the
// parts of its compounds ("innvandrerrådet": also "innvandr" and "råd"), and tags: where it is
// (its municipality and county) and its kind and subtype.
//
// A search text becomes groups that must all match. A place's name (also an older, Sami, Kven
// or folded spelling: "Kárášjohka", "Karasjok", "tromso") matches the records there; a kind's
// name in bokmål, nynorsk or English ("innvandrarråd", "immigrant council", "politiforum")
// matches the records of that kind as well as the words themselves; English words also match
// their Norwegian counterparts; stop words ("i", "for", "the") are left out. docs/SEARCH.md
// says what was decided and how well it does on tests/search/queries.json.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/places/places.h"
#include "core/register/meeting_place.h"

namespace moteplass::search {

// One term of the index; `prefix` also matches longer terms (search as you type); `name_only`
// matches only in the name.
struct Term {
  std::string text;
  bool prefix = false;
  bool name_only = false;
  bool operator==(const Term&) const = default;
};
using Conjunction = std::vector<Term>;   // every term must occur
using Group = std::vector<Conjunction>;  // one of them must match
// Every group must match; no groups: no text filter.
using Query = std::vector<Group>;

// What a record is indexed under, by field: the name counts most, then the tags.
struct Document {
  std::vector<std::string> name;
  std::vector<std::string> body;
  std::vector<std::string> tags;
};

// Tags: terms no word of a text becomes (they start with a digit and a letter).
std::string MunicipalityTag(std::string_view number);
std::string CountyTag(std::string_view number);
std::string KindTag(std::string_view kind);
std::string SubtypeTag(std::string_view subtype);

// The search terms of a text: for each word its normalised stem, then the parts of a compound.
std::vector<std::string> TextTerms(std::string_view text);

// The document of a record. `kind` is the kind in force, `subtype` the classification's.
Document DocumentOf(std::string_view name, std::string_view description, std::string_view municipality,
                    std::string_view county, std::string_view kind, std::string_view subtype);
// The document of a stored record: its kind in force and its classification's subtype.
Document DocumentOf(const MeetingPlace& place);
// Terms as the full-text index holds them: space-separated.
std::string JoinedTerms(const std::vector<std::string>& terms);
// A classification's subtype ("police_forum"), "" when none.
std::string SubtypeOf(const nlohmann::json& classification);

// The names of the places a search may name: each municipality and county by its name in
// `places`, its other names (data in lexicon.cc), and each spelled without Norwegian or Sami
// letters. Built once per store; reading it is safe from several threads.
class PlaceNames {
 public:
  explicit PlaceNames(const Places& places);
  // The tags of the places whose name is `words` (lower-cased words); empty when none.
  const std::vector<std::string>* Find(const std::vector<std::string>& words, std::size_t from,
                                       std::size_t count) const;
  std::size_t longest() const { return longest_; }

 private:
  std::map<std::string, std::vector<std::string>> exact_;
  std::map<std::string, std::vector<std::string>> folded_;
  std::size_t longest_ = 1;
};

// The query of a search text.
Query ParseQuery(std::string_view text, const PlaceNames& places);

// `word` without Norwegian and Sami letters: "Bærum" and "baerum" both give "barum".
std::string Folded(std::string_view word);

}  // namespace moteplass::search
