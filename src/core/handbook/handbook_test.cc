// The handbook's shipped pages and rules: every page in three languages, citing the report's
// pages, nynorsk without bokmål words, found by the register's Norwegian search; a page's
// content refused field by field; the workflow's moves.
#include "core/handbook/handbook.h"

#include <cctype>
#include <regex>
#include <set>

#include <gtest/gtest.h>

#include "core/analysis/analyses.h"
#include "core/handbook/links.h"
#include "core/places/places.h"

namespace moteplass::handbook {
namespace {

using nlohmann::json;

// Text outside «quotations» (the report quoted in bokmål stays bokmål).
std::string Unquoted(const std::string& text) {
  static const std::regex quoted("«[^»]*»");
  return std::regex_replace(text, quoted, " ");
}

TEST(HandbookPages, EveryShippedPageIsThereInThreeLanguagesCitingTheReport) {
  const auto pages = SeedPages();
  ASSERT_EQ(pages.size(), 5u);  // data/handbook/pages.json: each page must parse
  const std::regex cites_nb(R"((s\.|kap\.) \d+)");
  const std::regex cites_en(R"((p\.|pp\.|ch\.) \d+)");
  for (const auto& p : pages) {
    SCOPED_TRACE(p.slug);
    EXPECT_TRUE(ValidSlug(p.slug));
    EXPECT_FALSE(p.content.kinds.empty()) << "every page links examples of some kind";
    for (auto lang : {Lang::kNb, Lang::kNn, Lang::kEn}) {
      const Text& t = p.content.In(lang);
      EXPECT_GT(t.title.size(), 10u);
      EXPECT_GT(t.body.size(), 1000u);
      EXPECT_TRUE(std::regex_search(t.body, lang == Lang::kEn ? cites_en : cites_nb)) << LangCode(lang);
    }
  }
}

TEST(HandbookPages, EveryShippedPageLinksAnalysesThatExist) {
  for (const auto& p : SeedPages()) {
    SCOPED_TRACE(p.slug);
    const auto analyses = AnalysesOf(p.slug);
    EXPECT_FALSE(analyses.empty()) << "every page links the analysis of what it speaks of";
    for (const auto& name : analyses) EXPECT_TRUE(analysis::IsAnalysis(name)) << name;
  }
  EXPECT_TRUE(AnalysesOf("ingen-slik-side").empty());
}

TEST(HandbookPages, NynorskAsANativeWriterWritesIt) {
  // Words that are bokmål and not nynorsk; in nynorsk: ikkje, korleis, nokon, berre, viss/om,
  // frå, òg, kva, eit, mykje, sjølv, blei/blir (not "ble"), kjem, somme, dykkar.
  const std::set<std::string> bokmal = {"ikke", "hvordan", "noen",    "bare",  "hvis",     "fra",
                                        "også", "hva",     "et",      "mye",   "selv",     "ble",
                                        "hjem", "kommer",  "enkelte", "deres", "utvalget", "innvandrere"};
  for (const auto& p : SeedPages()) {
    const std::string text = Unquoted(p.content.In(Lang::kNn).title + "\n" + p.content.In(Lang::kNn).body);
    // Words: runs of letters, where every byte of a UTF-8 letter such as "å" counts as one.
    std::string word;
    for (char ch : text + " ") {
      const auto c = static_cast<unsigned char>(ch);
      if (std::isalpha(c) || c >= 0x80) {
        word += static_cast<char>(std::tolower(c));
      } else {
        EXPECT_FALSE(bokmal.contains(word)) << p.slug << ": «" << word << "»";
        word.clear();
      }
    }
  }
}

TEST(HandbookSearch, TheRegistersNorwegianSearchFindsThePages) {
  const Places places = DefaultPlaces();
  const search::PlaceNames names(places);
  auto best = [&](const std::string& text) {
    const search::Query q = search::ParseQuery(text, names);
    std::string slug;
    double top = 0;
    for (const auto& p : SeedPages()) {
      const double s = Score(DocumentOf(p.content), q);
      if (s > top) {
        top = s;
        slug = p.slug;
      }
    }
    return slug;
  };
  EXPECT_EQ(best("ungdomsrådet"), "ungdom");               // a compound, stemmed
  EXPECT_EQ(best("integrasjonsråda"), "danske-modellen");  // nynorsk form
  EXPECT_EQ(best("sjekkliste"), "etablere");
  EXPECT_EQ(best("fiery souls"), "fellestrekk");  // English
  EXPECT_EQ(best("xyzzy"), "");
}

TEST(HandbookContent, RefusesAPageNamingTheField) {
  const json good = ToJson(SeedPages().front().content);
  ASSERT_TRUE(ParseContent(good).ok());
  auto pointer = [&](void (*spoil)(json&)) {
    json doc = good;
    spoil(doc);
    auto r = ParseContent(doc);
    EXPECT_FALSE(r.ok());
    return r.ok() ? std::string("ok") : r.error().pointer;
  };
  EXPECT_EQ(pointer([](json& d) { d.erase("nn"); }), "/nn");
  EXPECT_EQ(pointer([](json& d) { d["nn"]["title"] = ""; }), "/nn/title");
  EXPECT_EQ(pointer([](json& d) { d["en"]["title"] = "Two\nlines"; }), "/en/title");
  EXPECT_EQ(pointer([](json& d) { d["nb"]["body"] = std::string(40001, 'a'); }), "/nb/body");
  EXPECT_EQ(pointer([](json& d) { d["kinds"] = {"council", "parliament"}; }), "/kinds/1");
  EXPECT_EQ(pointer([](json& d) { d["author"] = "kari"; }), "/author");
}

TEST(HandbookWorkflow, DraftThenReviewThenPublished) {
  EXPECT_TRUE(CanMove("draft", "review"));
  EXPECT_TRUE(CanMove("review", "published"));
  EXPECT_TRUE(CanMove("review", "draft"));
  EXPECT_FALSE(CanMove("draft", "published"));
  EXPECT_FALSE(CanMove("published", "draft"));
  EXPECT_FALSE(CanMove("published", "review"));
}

}  // namespace
}  // namespace moteplass::handbook
