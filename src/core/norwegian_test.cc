#include "core/norwegian.h"

#include <algorithm>
#include <thread>

#include <gtest/gtest.h>

namespace moteplass {
namespace {

std::vector<std::string> SortedNorwegian(std::vector<std::string> names) {
  std::sort(names.begin(), names.end(),
            [](const std::string& a, const std::string& b) { return NorwegianSortKey(a) < NorwegianSortKey(b); });
  return names;
}

TEST(NorwegianSortKey, LettersAeOeAaComeAfterZ) {
  EXPECT_EQ(SortedNorwegian({"Åsnes", "Ørland", "Ærøy", "Zeta", "Aremark", "Oslo"}),
            (std::vector<std::string>{"Aremark", "Oslo", "Zeta", "Ærøy", "Ørland", "Åsnes"}));
}

TEST(NorwegianSortKey, CaseDoesNotSeparateWords) {
  EXPECT_EQ(SortedNorwegian({"bergen", "Bodø", "Arendal", "alta"}),
            (std::vector<std::string>{"alta", "Arendal", "bergen", "Bodø"}));
}

TEST(NorwegianSortKey, ComposedAndDecomposedAreEqual) {
  EXPECT_EQ(NorwegianSortKey("\xC3\x85snes"), NorwegianSortKey("A\xCC\x8Asnes"));  // Å vs A + ring
}

TEST(NorwegianSortKey, KeysHaveNoTrailingNul) {
  std::string key = NorwegianSortKey("Oslo");
  ASSERT_FALSE(key.empty());
  EXPECT_NE(key.back(), '\0');
  EXPECT_LT(NorwegianSortKey("Osl"), NorwegianSortKey("Oslo"));
}

TEST(NorwegianStems, DefiniteAndPluralShareTheStem) {
  auto a = NorwegianStems("møteplassene");
  auto b = NorwegianStems("møteplass");
  ASSERT_EQ(a.size(), 1u);
  ASSERT_EQ(b.size(), 1u);
  EXPECT_EQ(a[0], b[0]);
}

TEST(NorwegianStems, OrlandIsNotOerland) {
  auto a = NorwegianStems("Ørland");
  auto b = NorwegianStems("Orland");
  ASSERT_EQ(a.size(), 1u);
  ASSERT_EQ(b.size(), 1u);
  EXPECT_NE(a[0], b[0]);
}

TEST(NorwegianStems, SplitsWordsLowercasesAndDropsPunctuation) {
  auto stems = NorwegianStems("Innvandrerrådet i ØRLAND, 2024!");
  ASSERT_EQ(stems.size(), 4u);
  EXPECT_EQ(stems[1], "i");
  EXPECT_EQ(stems[2], NorwegianStems("ørland")[0]);
  EXPECT_EQ(stems[3], "2024");
  EXPECT_EQ(stems[0], NorwegianStems("innvandrerråd")[0]);
}

TEST(NorwegianStems, EmptyAndPunctuationOnlyGiveNothing) {
  EXPECT_TRUE(NorwegianStems("").empty());
  EXPECT_TRUE(NorwegianStems(" -- !? ").empty());
}

TEST(NorwegianTextVersion, NamesCollationAndStemming) {
  std::string version = NorwegianTextVersion();
  EXPECT_EQ(version.rfind("icu-nb-", 0), 0u) << version;
  EXPECT_EQ(version.find("none"), std::string::npos) << version;
  EXPECT_NE(version.find(";stems-"), std::string::npos) << version;
  EXPECT_EQ(version, NorwegianTextVersion());
}

TEST(Norwegian, SafeFromSeveralThreads) {
  const std::string expected_key = NorwegianSortKey("Møteplassene i Ørland");
  const auto expected_stems = NorwegianStems("Møteplassene i Ørland");
  std::vector<std::thread> threads;
  std::vector<int> ok(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      int good = 0;
      for (int i = 0; i < 200; ++i) {
        good += NorwegianSortKey("Møteplassene i Ørland") == expected_key &&
                NorwegianStems("Møteplassene i Ørland") == expected_stems;
      }
      ok[t] = good;
    });
  }
  for (auto& th : threads) th.join();
  for (int good : ok) EXPECT_EQ(good, 200);
}

}  // namespace
}  // namespace moteplass
