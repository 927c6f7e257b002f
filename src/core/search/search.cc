#include "core/search/search.h"

#include <algorithm>
#include <set>

#include "core/norwegian.h"
#include "core/search/lexicon.h"

namespace moteplass::search {
namespace {

bool EndsWith(std::string_view s, std::string_view tail) {
  return s.size() >= tail.size() && s.substr(s.size() - tail.size()) == tail;
}

// Characters, not bytes, of UTF-8 text.
std::size_t Characters(std::string_view s) {
  return static_cast<std::size_t>(
      std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

bool IsAscii(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

// The Snowball stem, made more even where Snowball treats alike words apart: "innvandrer" and
// "innvandrere", "politiker" and "politikere", nynorsk "innvandrar"; "flerkulturelt" and
// "flerkulturell", "internasjonalt" and "internasjonal".
std::string Base(std::string_view word) {
  std::string s = NorwegianStem(word);
  if (EndsWith(s, "elt")) {
    s.back() = 'l';
  } else if (EndsWith(s, "alt") && s.size() >= 8) {
    s.pop_back();
  }
  if ((EndsWith(s, "er") || EndsWith(s, "ar")) && s.size() >= 7) s.resize(s.size() - 2);
  return s;
}

std::string Join(const std::vector<std::string>& words, std::size_t from, std::size_t count) {
  std::string key;
  for (std::size_t i = from; i < from + count; ++i) {
    if (i > from) key += ' ';
    key += words[i];
  }
  return key;
}

// The lexicon, stemmed as searches are: built once, read-only after.
struct Lexicon {
  std::map<std::string, std::string> spellings;
  std::vector<std::string> heads;  // longest first
  std::set<std::string> stop;
  std::map<std::string, std::vector<std::string>> concepts;  // stems joined by ' ' -> tags
  std::map<std::string, std::vector<std::string>> folded_concepts;
  std::size_t longest_concept = 1;
  std::map<std::string, std::vector<std::string>> translations;  // stem -> stems
  std::set<std::string> known;  // stems of words the lexicon knows whole (never a prefix)

  std::string Term(std::string_view word) const {
    std::string s = Base(word);
    auto it = spellings.find(s);
    return it == spellings.end() ? s : it->second;
  }

  std::vector<std::string> Terms(std::string_view text) const {
    std::vector<std::string> out;
    for (const std::string& word : NorwegianWords(text)) out.push_back(Term(word));
    return out;
  }

  // A compound's modifier and head: "innvandrerråd" -> {"innvandr", "råd"}; the modifier has at
  // least four letters, so that "rådhus" stays whole.
  std::optional<std::pair<std::string, std::string>> Split(const std::string& term) const {
    for (const std::string& head : heads) {
      if (term.size() <= head.size() || !EndsWith(term, head)) continue;
      std::string modifier = term.substr(0, term.size() - head.size());
      if (modifier.size() >= 6 && modifier.back() == 's') modifier.pop_back();  // "livssyns|forum"
      if (Characters(modifier) < 4) continue;
      auto it = spellings.find(head);
      return std::make_pair(Term(modifier), it == spellings.end() ? head : it->second);
    }
    return std::nullopt;
  }

  Lexicon() {
    for (const lexicon::Spelling& s : lexicon::Spellings()) spellings[Base(s.from)] = Base(s.to);
    for (std::string_view h : lexicon::Heads()) heads.push_back(Base(h));  // as written: "utval" too
    std::sort(heads.begin(), heads.end(), [](const std::string& a, const std::string& b) {
      return a.size() != b.size() ? a.size() > b.size() : a < b;
    });
    heads.erase(std::unique(heads.begin(), heads.end()), heads.end());
    for (std::string_view w : lexicon::StopWords()) {
      stop.insert(Term(w));
      known.insert(Term(w));
    }
    for (const lexicon::Concept& c : lexicon::Concepts()) {
      std::vector<std::string> tags;
      if (!c.kind.empty()) tags.push_back(KindTag(c.kind));
      if (!c.subtype.empty()) tags.push_back(SubtypeTag(c.subtype));
      for (std::string_view phrase : c.phrases) {
        std::vector<std::string> terms = Terms(phrase);
        if (terms.empty()) continue;
        for (const std::string& t : terms) known.insert(t);
        const std::string key = Join(terms, 0, terms.size());
        std::vector<std::string>& at = concepts[key];
        for (const std::string& t : tags) {
          if (std::find(at.begin(), at.end(), t) == at.end()) at.push_back(t);
        }
        longest_concept = std::max(longest_concept, terms.size());
        if (terms.size() == 1 && Characters(Folded(key)) >= 4 && Folded(key) != key) {
          folded_concepts[Folded(key)] = at;
        }
      }
    }
    for (const lexicon::Translation& t : lexicon::Translations()) {
      const std::string from = Term(t.english);
      known.insert(from);
      for (const std::string& to : Terms(t.norwegian)) {
        std::vector<std::string>& at = translations[from];
        if (to != from && std::find(at.begin(), at.end(), to) == at.end()) at.push_back(to);
      }
    }
    for (const std::string& h : heads) known.insert(h);
  }
};

const Lexicon& Words() {
  static const Lexicon lexicon;
  return lexicon;
}

void Add(Group& group, Conjunction conjunction) {
  if (conjunction.empty()) return;
  if (std::find(group.begin(), group.end(), conjunction) == group.end()) group.push_back(std::move(conjunction));
}

// The words from `from` on that name the most: a place or a kind; 0 when neither.
struct Match {
  std::size_t length = 0;
  const std::vector<std::string>* tags = nullptr;
};

Match PlaceAt(const PlaceNames& places, const std::vector<std::string>& words, std::size_t from) {
  for (std::size_t n = std::min(places.longest(), words.size() - from); n > 0; --n) {
    if (const std::vector<std::string>* tags = places.Find(words, from, n)) return {n, tags};
  }
  return {};
}

Match ConceptAt(const Lexicon& lex, const std::vector<std::string>& terms, std::size_t from) {
  for (std::size_t n = std::min(lex.longest_concept, terms.size() - from); n > 0; --n) {
    auto it = lex.concepts.find(Join(terms, from, n));
    if (it != lex.concepts.end()) return {n, &it->second};
  }
  return {};
}

}  // namespace

std::string MunicipalityTag(std::string_view number) { return "0k" + std::string(number); }
std::string CountyTag(std::string_view number) { return "0f" + std::string(number); }

std::string KindTag(std::string_view kind) {
  std::string tag = "0t";
  for (char c : kind) {
    if (c != '_') tag += c;
  }
  return tag;
}

std::string SubtypeTag(std::string_view subtype) {
  std::string tag = KindTag(subtype);
  tag[1] = 's';
  return tag;
}

std::string Folded(std::string_view word) {
  static const std::pair<std::string_view, std::string_view> kLetters[] = {
      {"æ", "a"}, {"ø", "o"}, {"å", "a"}, {"á", "a"}, {"à", "a"}, {"ä", "a"}, {"â", "a"}, {"č", "c"},
      {"đ", "d"}, {"ŋ", "n"}, {"š", "s"}, {"ŧ", "t"}, {"ž", "z"}, {"ï", "i"}, {"í", "i"}, {"é", "e"},
      {"è", "e"}, {"ê", "e"}, {"ó", "o"}, {"ò", "o"}, {"ô", "o"}, {"ö", "o"}, {"ü", "u"}, {"ú", "u"}};
  std::string out;
  for (std::size_t i = 0; i < word.size();) {
    bool replaced = false;
    for (const auto& [letter, plain] : kLetters) {
      if (word.substr(i, letter.size()) == letter) {
        out += plain;
        i += letter.size();
        replaced = true;
        break;
      }
    }
    if (!replaced) out += word[i++];
  }
  // "baerum", "tromsoe" and "aafjord" as people write Bærum, Tromsø and Åfjord without the letters.
  std::string even;
  for (std::size_t i = 0; i < out.size(); ++i) {
    even += out[i];
    if (i + 1 < out.size() &&
        ((out[i] == 'a' && (out[i + 1] == 'e' || out[i + 1] == 'a')) || (out[i] == 'o' && out[i + 1] == 'e'))) {
      ++i;
    }
  }
  return even;
}

std::vector<std::string> TextTerms(std::string_view text) {
  const Lexicon& lex = Words();
  std::vector<std::string> out;
  auto add = [&](std::string term) {
    if (term.empty()) return;
    auto parts = lex.Split(term);
    out.push_back(std::move(term));
    if (parts) {
      out.push_back(std::move(parts->first));
      out.push_back(std::move(parts->second));
    }
  };
  const std::vector<std::string> words = NorwegianWords(text);
  for (std::size_t i = 0; i < words.size(); ++i) {
    add(lex.Term(words[i]));
    // "tros- og livssynssamfunn" also says "trossamfunn": the first word takes the head of the
    // compound after "og" or "eller" (the hyphen is often left out, and adds nothing here).
    if (i + 2 < words.size() && (words[i + 1] == "og" || words[i + 1] == "eller") && Characters(words[i]) >= 3) {
      if (auto parts = lex.Split(lex.Term(words[i + 2]))) add(lex.Term(words[i] + parts->second));
    }
  }
  return out;
}

Document DocumentOf(std::string_view name, std::string_view description, std::string_view municipality,
                    std::string_view county, std::string_view kind, std::string_view subtype) {
  Document d;
  d.name = TextTerms(name);
  d.body = TextTerms(description);
  if (!municipality.empty()) d.tags.push_back(MunicipalityTag(municipality));
  if (!county.empty()) d.tags.push_back(CountyTag(county));
  if (!kind.empty()) d.tags.push_back(KindTag(kind));
  if (!subtype.empty()) d.tags.push_back(SubtypeTag(subtype));
  return d;
}

std::string SubtypeOf(const nlohmann::json& classification) {
  if (!classification.is_object()) return "";
  auto it = classification.find("subtype");
  return it != classification.end() && it->is_string() ? it->get<std::string>() : "";
}

Document DocumentOf(const MeetingPlace& place) {
  // As ToJson: a recorded kind other than dialogue has no police-forum subtype.
  const bool subtype = !place.recorded_kind || place.recorded_kind->kind == "dialogue";
  return DocumentOf(place.name, SearchableDescription(place.input.description, place.input.translations),
                    place.municipality, place.county, place.kind, subtype ? SubtypeOf(place.classification) : "");
}

PlaceNames::PlaceNames(const Places& places) {
  auto add = [&](std::string_view name, const std::string& tag) {
    std::string text(name);
    // "Herøy (Nordland)" is also just "Herøy".
    std::vector<std::string> names = {text};
    if (auto open = text.find(" ("); open != std::string::npos) names.push_back(text.substr(0, open));
    for (const std::string& n : names) {
      std::vector<std::string> words = NorwegianWords(n);
      if (words.empty()) continue;
      longest_ = std::max(longest_, words.size());
      const std::string key = Join(words, 0, words.size());
      for (auto* map : {&exact_, &folded_}) {
        std::vector<std::string>& tags = (*map)[map == &exact_ ? key : Folded(key)];
        if (std::find(tags.begin(), tags.end(), tag) == tags.end()) tags.push_back(tag);
      }
    }
  };
  for (const Municipality& m : places.municipalities) add(m.name, MunicipalityTag(m.number));
  for (const County& c : places.counties) add(c.name, CountyTag(c.number));
  for (const lexicon::OtherName& other : lexicon::OtherNames()) {
    const std::string number(other.number);
    const bool county = number.size() == 2;
    if (county ? FindCounty(places, number) == nullptr : FindMunicipality(places, number) == nullptr) continue;
    add(other.name, county ? CountyTag(number) : MunicipalityTag(number));
  }
}

const std::vector<std::string>* PlaceNames::Find(const std::vector<std::string>& words, std::size_t from,
                                                 std::size_t count) const {
  const std::string key = Join(words, from, count);
  if (auto it = exact_.find(key); it != exact_.end()) return &it->second;
  // Typed without Norwegian or Sami letters: "tromso", "baerum", "karasjohka"; not for very
  // short names, where plain words would turn into places ("as" into Ås).
  if (!IsAscii(key)) return nullptr;
  const std::string folded = Folded(key);
  if (Characters(folded) < 4) return nullptr;
  auto it = folded_.find(folded);
  return it == folded_.end() ? nullptr : &it->second;
}

Query ParseQuery(std::string_view text, const PlaceNames& places) {
  const Lexicon& lex = Words();
  const std::vector<std::string> words = NorwegianWords(text);
  std::vector<std::string> terms;
  for (const std::string& w : words) terms.push_back(lex.Term(w));
  const bool all_stop = std::all_of(terms.begin(), terms.end(),
                                    [&](const std::string& t) { return lex.stop.count(t) > 0; });
  auto is_stop = [&](std::size_t i) { return !all_stop && lex.stop.count(terms[i]) > 0; };
  // The words themselves, as a conjunction (stop words left out); several words of a kind's
  // name must all be in the record's name ("råd for innvandrere", not "gir råd" somewhere).
  auto literal = [&](std::size_t from, std::size_t n) {
    Conjunction c;
    for (std::size_t i = from; i < from + n; ++i) {
      if (!is_stop(i) && !terms[i].empty()) c.push_back({terms[i], false, false});
    }
    if (c.size() > 1) {
      for (Term& t : c) t.name_only = true;
    }
    return c;
  };

  Query query;
  for (std::size_t i = 0; i < words.size();) {
    const Match place = PlaceAt(places, words, i);
    const Match kind = ConceptAt(lex, terms, i);
    const Match& best = place.length >= kind.length ? place : kind;
    Group group;
    std::size_t n = std::max<std::size_t>(best.length, 1);
    if (best.length > 0) {
      for (const std::string& tag : *best.tags) Add(group, {{tag, false}});
      Add(group, literal(i, n));
      // The same words in Norwegian: "police forum" as "politi forum" (and so "politiforum").
      Conjunction translated = literal(i, n);
      for (Term& t : translated) {
        auto it = lex.translations.find(t.text);
        if (it != lex.translations.end() && !it->second.empty()) t.text = it->second.front();
      }
      Add(group, std::move(translated));
    } else if (is_stop(i) || terms[i].empty()) {
      ++i;
      continue;
    } else {
      // One word: its term, the last word also as a prefix while it may be unfinished (the
      // stemmer took nothing off and the lexicon does not know it as a whole word).
      const std::string& term = terms[i];
      const bool prefix = i + 1 == words.size() && term == words[i] && !lex.known.count(term) && Characters(term) >= 3;
      Add(group, {{term, prefix}});
      if (IsAscii(words[i])) {
        if (auto it = lex.folded_concepts.find(Folded(term)); it != lex.folded_concepts.end()) {
          for (const std::string& tag : it->second) Add(group, {{tag, false}});
        }
      }
    }
    if (n == 1 && !group.empty()) {
      const std::string& term = terms[i];
      // A compound's parts, both in the name: "innvandrerråd" finds "Rådet for innvandrere".
      if (auto parts = lex.Split(term)) Add(group, {{parts->first, false, true}, {parts->second, false, true}});
      if (auto it = lex.translations.find(term); it != lex.translations.end()) {
        for (const std::string& to : it->second) Add(group, {{to, false}});
      }
    }
    if (!group.empty()) query.push_back(std::move(group));
    i += n;
  }
  return query;
}

std::string JoinedTerms(const std::vector<std::string>& terms) {
  std::string out;
  for (const std::string& term : terms) {
    if (!out.empty()) out += ' ';
    out += term;
  }
  return out;
}

}  // namespace moteplass::search
