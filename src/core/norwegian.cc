#include "core/norwegian.h"

#include <libstemmer.h>

#include <cstdint>
#include <memory>

#include <unicode/brkiter.h>
#include <unicode/coll.h>
#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/ubrk.h>
#include <unicode/unistr.h>
#include <unicode/uversion.h>

namespace moteplass {
namespace {

// Bump when NorwegianStems or the search terms built on it (core/search) change what they produce:
// the stores then index every record again at start.
constexpr const char* kStemmingVersion = "stems-3";  // 3: translations are indexed

const icu::Locale& Bokmal() {
  static const icu::Locale locale("nb");
  return locale;
}

// ICU collators and break iterators keep per-call state, and Snowball stemmers are not
// thread-safe at all. Each thread gets its own, cloned from one built at first use: creating
// them from locale data is the slow part, cloning is cheap, and no lock is held while working.
struct ThreadTools {
  std::unique_ptr<icu::Collator> collator;
  std::unique_ptr<icu::BreakIterator> words;
  struct StemmerDeleter {
    void operator()(sb_stemmer* s) const { sb_stemmer_delete(s); }
  };
  std::unique_ptr<sb_stemmer, StemmerDeleter> stemmer;
};

const icu::Collator* MasterCollator() {
  static const icu::Collator* const collator = [] {
    UErrorCode status = U_ZERO_ERROR;
    icu::Collator* c = icu::Collator::createInstance(Bokmal(), status);
    return U_SUCCESS(status) ? c : nullptr;
  }();
  return collator;
}

const icu::BreakIterator* MasterWordBreaker() {
  static const icu::BreakIterator* const breaker = [] {
    UErrorCode status = U_ZERO_ERROR;
    icu::BreakIterator* b = icu::BreakIterator::createWordInstance(Bokmal(), status);
    return U_SUCCESS(status) ? b : nullptr;
  }();
  return breaker;
}

ThreadTools& Tools() {
  thread_local ThreadTools tools = [] {
    ThreadTools t;
    if (const icu::Collator* c = MasterCollator()) t.collator.reset(c->clone());
    if (const icu::BreakIterator* b = MasterWordBreaker()) t.words.reset(b->clone());
    t.stemmer.reset(sb_stemmer_new("norwegian", "UTF_8"));
    return t;
  }();
  return tools;
}

// NFC, so that "å" typed as a + combining ring sorts and matches like the precomposed letter.
icu::UnicodeString Normalized(std::string_view utf8) {
  icu::UnicodeString text =
      icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status) || nfc == nullptr) return text;
  icu::UnicodeString out = nfc->normalize(text, status);
  return U_SUCCESS(status) ? out : text;
}

}  // namespace

std::string NorwegianSortKey(std::string_view utf8) {
  icu::UnicodeString text = Normalized(utf8);
  icu::Collator* collator = Tools().collator.get();
  if (collator == nullptr) {
    // Without ICU data there is no Norwegian order; code-point order is the honest fallback.
    std::string fallback;
    text.toUTF8String(fallback);
    return fallback;
  }
  std::string key(static_cast<std::size_t>(text.length()) * 4 + 16, '\0');
  int32_t needed = collator->getSortKey(text, reinterpret_cast<uint8_t*>(key.data()), static_cast<int32_t>(key.size()));
  if (needed > static_cast<int32_t>(key.size())) {
    key.resize(static_cast<std::size_t>(needed));
    needed = collator->getSortKey(text, reinterpret_cast<uint8_t*>(key.data()), needed);
  }
  // The key ends with a NUL that adds nothing to the order.
  key.resize(needed > 0 ? static_cast<std::size_t>(needed - 1) : 0);
  return key;
}

std::vector<std::string> NorwegianWords(std::string_view utf8) {
  std::vector<std::string> out;
  icu::UnicodeString text = Normalized(utf8);
  text.toLower(Bokmal());
  ThreadTools& tools = Tools();
  if (tools.words == nullptr) return out;
  icu::BreakIterator& words = *tools.words;
  words.setText(text);
  int32_t start = words.first();
  for (int32_t end = words.next(); end != icu::BreakIterator::DONE; start = end, end = words.next()) {
    // Rule status UBRK_WORD_NONE marks spaces and punctuation.
    if (words.getRuleStatus() == UBRK_WORD_NONE) continue;
    std::string word;
    text.tempSubStringBetween(start, end).toUTF8String(word);
    if (!word.empty()) out.push_back(std::move(word));
  }
  // The iterator must not keep pointing at this call's text once it is gone.
  words.setText(icu::UnicodeString());
  return out;
}

std::string NorwegianStem(std::string_view word) {
  ThreadTools& tools = Tools();
  if (!tools.stemmer || word.empty()) return std::string(word);
  const sb_symbol* stem = sb_stemmer_stem(tools.stemmer.get(), reinterpret_cast<const sb_symbol*>(word.data()),
                                          static_cast<int>(word.size()));
  if (stem == nullptr) return std::string(word);
  return std::string(reinterpret_cast<const char*>(stem),
                     static_cast<std::size_t>(sb_stemmer_length(tools.stemmer.get())));
}

std::vector<std::string> NorwegianStems(std::string_view utf8) {
  std::vector<std::string> stems;
  for (const std::string& word : NorwegianWords(utf8)) {
    std::string stem = NorwegianStem(word);
    if (!stem.empty()) stems.push_back(std::move(stem));
  }
  return stems;
}

std::string NorwegianTextVersion() {
  std::string version = "icu-nb-";
  if (const icu::Collator* collator = MasterCollator()) {
    UVersionInfo info;
    collator->getVersion(info);
    char text[U_MAX_VERSION_STRING_LENGTH];
    u_versionToString(info, text);
    version += text;
  } else {
    version += "none";
  }
  return version + ";" + kStemmingVersion;
}

}  // namespace moteplass
