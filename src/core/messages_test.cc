#include "core/messages.h"

#include <algorithm>
#include <regex>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace moteplass {
namespace {

TEST(Messages, EveryKeyHasEveryLanguage) {
  auto problems = MissingTranslations();
  for (const auto& p : problems) ADD_FAILURE() << p;
  EXPECT_FALSE(MessageKeys().empty());
}

TEST(Messages, FillsPlaceholdersAndPicksLanguage) {
  EXPECT_EQ(Msg("app.name", Lang::kNn), "Møteplassar");
  EXPECT_EQ(Msg("app.name", Lang::kEn), "Meeting places");
  EXPECT_EQ(Msg("no.such.key", Lang::kNb), "[no.such.key]");
}

TEST(Messages, OneTakesTheSingular) {
  EXPECT_EQ(Msg("mp.seats.politicians", Lang::kNb, {{"n", "5"}}), "Politikere: 5 faste plasser");
  EXPECT_EQ(Msg("mp.seats.politicians", Lang::kNb, {{"n", "1"}}), "Politikere: 1 fast plass");
  EXPECT_EQ(Msg("mp.seats.politicians", Lang::kNn, {{"n", "1"}}), "Politikarar: 1 fast plass");
  EXPECT_EQ(Msg("mp.seats.politicians", Lang::kEn, {{"n", "1"}}), "Politicians: 1 standing seat");
  EXPECT_EQ(Msg("mp.seats.politicians", Lang::kEn, {{"n", "0"}}), "Politicians: 0 standing seats");
  EXPECT_EQ(Msg("login.too_many", Lang::kNb, {{"n", "1"}}), "For mange mislykkede forsøk. Prøv igjen om 1 minutt.");
  EXPECT_EQ(Msg("login.too_many", Lang::kEn, {{"n", "1"}}), "Too many failed attempts. Try again in 1 minute.");
  EXPECT_EQ(Msg("login.too_many", Lang::kNb, {{"n", "15"}}), "For mange mislykkede forsøk. Prøv igjen om 15 minutter.");
  // Every singular has its plural beside it (directory.result_one, the older one, has results).
  const auto keys = MessageKeys();
  auto known = [&](const std::string& k) { return std::find(keys.begin(), keys.end(), k) != keys.end(); };
  for (const auto& key : keys) {
    if (!key.ends_with("_one")) continue;
    const std::string plural = key.substr(0, key.size() - 4);
    EXPECT_TRUE(known(plural) || known(plural + "s")) << key;
  }
}

bool Has(const std::vector<std::string>& problems, const std::string& problem) {
  return std::find(problems.begin(), problems.end(), problem) != problems.end();
}

TEST(Messages, AKeyDefinedTwiceIsAProblem) {
  const char* one = R"({"x.greeting": {"nb": "Hei", "nn": "Hei", "en": "Hello"}})";
  const char* other = R"({"x.other": {"nb": "Annen", "nn": "Annan", "en": "Other"}})";
  EXPECT_TRUE(CatalogueProblems({{"src/core/messages/a.json", one}, {"src/core/messages/b.json", other}}).empty());

  // In two files: the loader names both (the catalogue is the union of the files, so one text
  // would otherwise win in silence).
  auto problems = CatalogueProblems({{"src/core/messages/a.json", one}, {"src/core/messages/b.json", one}});
  EXPECT_TRUE(Has(problems, "x.greeting: defined twice, in src/core/messages/a.json and in src/core/messages/b.json"))
      << ::testing::PrintToString(problems);

  // In one file (JSON parsers keep the last of two equal keys without a word).
  const char* twice = R"({"x.greeting": {"nb": "Hei", "nn": "Hei", "en": "Hello"},
                          "x.greeting": {"nb": "Hallo", "nn": "Hallo", "en": "Hi"}})";
  problems = CatalogueProblems({{"src/core/messages/a.json", twice}});
  EXPECT_TRUE(Has(problems, "src/core/messages/a.json: x.greeting given twice in the file"))
      << ::testing::PrintToString(problems);
  const char* language_twice = R"({"x.greeting": {"nb": "Hei", "nb": "Hallo", "nn": "Hei", "en": "Hello"}})";
  problems = CatalogueProblems({{"src/core/messages/a.json", language_twice}});
  EXPECT_TRUE(Has(problems, "src/core/messages/a.json: x.greeting nb given twice in the file"))
      << ::testing::PrintToString(problems);
}

TEST(Messages, OtherProblemsNameTheFile) {
  auto problems = CatalogueProblems({{"src/core/messages/a.json", R"({"x.y": {"nb": "Hei", "en": "Hello"}})"},
                                     {"src/core/messages/b.json", "[1, 2]"}});
  EXPECT_TRUE(Has(problems, "x.y: missing nn (src/core/messages/a.json)")) << ::testing::PrintToString(problems);
  EXPECT_TRUE(Has(problems, "src/core/messages/b.json: not a JSON object")) << ::testing::PrintToString(problems);
}

TEST(Messages, KnowsTheFileOfEachKey) {
  EXPECT_EQ(MessageFile("app.name"), "common");
  EXPECT_EQ(MessageFile("page.skip"), "common");
  EXPECT_EQ(MessageFile("login.title"), "accounts");
  EXPECT_EQ(MessageFile("mp.edit"), "register");
  EXPECT_EQ(MessageFile("place.none"), "places");
  EXPECT_EQ(MessageFile("about.title"), "site");
  EXPECT_EQ(MessageFile("typology.not_meeting_place"), "typology");
  EXPECT_EQ(MessageFile("no.such.key"), "");
  for (const auto& key : MessageKeys()) EXPECT_FALSE(MessageFile(key).empty()) << key;
}

TEST(Messages, ParsesLanguageCodes) {
  Lang lang;
  ASSERT_TRUE(ParseLang("nn", &lang));
  EXPECT_EQ(lang, Lang::kNn);
  EXPECT_FALSE(ParseLang("de", &lang));
}

// The strings issue 13, item 8 asked to be fixed, as a table: each as it reads now.
TEST(Messages, TheLanguageFixesOfIssue13Hold) {
  struct Case {
    const char* key;
    Lang lang;
    MessageArgs args;
    const char* text;
  };
  const Case cases[] = {
      {"accessibility.title", Lang::kNn, {}, "Tilgjengelegheitserklæring"},
      {"page.nav_accessibility", Lang::kNn, {}, "Tilgjengelegheitserklæring"},
      {"typology.function.hearing_body", Lang::kNn, {}, "Møteplassen er ein høyringsinstans"},
      {"typology.function.advisory_body", Lang::kNb, {}, "Den er et rådgivende organ"},
      {"typology.function.advisory_body", Lang::kEn, {}, "It is a consultative body"},
      {"mp.chair", Lang::kNb, {{"who", "annen"}}, "Leder: annen"},
      {"enum.chair.other", Lang::kNb, {}, "annen"},
      {"typology.level.intermunicipal", Lang::kNn, {}, "fleire kommunar saman"},
      {"directory.sort_name", Lang::kEn, {}, "Name (A–Z)"},
  };
  for (const Case& c : cases) EXPECT_EQ(Msg(c.key, c.lang, c.args), c.text) << c.key;
}

// No text addresses the reader as «du» and as «dere» (nynorsk «dykk») at once.
TEST(Messages, NoTextSwitchesFromDuToDe) {
  const std::regex du(R"((^|[^A-Za-zæøåÆØÅ])([Dd]u|[Dd]eg|[Dd]in|[Dd]itt|[Dd]ine)($|[^A-Za-zæøåÆØÅ]))");
  const std::regex de_nb(R"((^|[^A-Za-zæøåÆØÅ])([Dd]ere|[Dd]eres)($|[^A-Za-zæøåÆØÅ]))");
  const std::regex de_nn(R"((^|[^A-Za-zæøåÆØÅ])([Dd]ykk|[Dd]ykkar)($|[^A-Za-zæøåÆØÅ]))");
  for (const auto& key : MessageKeys()) {
    const std::string nb = Msg(key, Lang::kNb);
    const std::string nn = Msg(key, Lang::kNn);
    EXPECT_FALSE(std::regex_search(nb, du) && std::regex_search(nb, de_nb)) << key << ": " << nb;
    EXPECT_FALSE(std::regex_search(nn, du) && std::regex_search(nn, de_nn)) << key << ": " << nn;
  }
}

}  // namespace
}  // namespace moteplass
