// Tests of the tsvector and tsquery literals the PostgreSQL store hands to the database: they
// need no cluster (postgres_store_test.cc shows the database reading them as meant).

#include "store/postgres/search_text.h"

#include <algorithm>
#include <string>

#include <gtest/gtest.h>

namespace moteplass::postgres {
namespace {

// The tsquery of a search text, with no place names known.
std::string Query(std::string_view text) {
  static const search::PlaceNames kNoPlaces{Places{}};
  return SearchQuery(search::ParseQuery(text, kNoPlaces));
}

TEST(SearchQuery, EveryGroupMustMatchAndAnUnfinishedLastWordAlsoAsAPrefix) {
  EXPECT_EQ(Query("møteplassene"), "'møteplass'");
  EXPECT_EQ(Query("kontaktutv"), "'kontaktutv':*");
  EXPECT_EQ(Query("Rådet i Ørland"), "('0tcouncil' | 'råd') & 'ørland':*");
  EXPECT_EQ(Query("innvandrerrådet"), "('0tcouncil' | 'innvandrerråd' | ('innvandr':A & 'råd':A))");
}

TEST(SearchQuery, TextWithoutWordsFiltersNothing) {
  EXPECT_EQ(Query(""), "");
  EXPECT_EQ(Query(" ?! "), "");
  EXPECT_EQ(Query("& | ! ( ) :*"), "");
}

TEST(SearchQuery, QuotesAreDoubledSoThatTextIsNeverSyntax) {
  EXPECT_EQ(Query("O'Brien"), "'o''bri'");  // a whole word: the stemmer took its ending
  EXPECT_EQ(Query("x:y"), "'x' & 'y'");
}

TEST(SearchVector, NameStemsWeighAAndDescriptionStemsD) {
  EXPECT_EQ(SearchVector("Rådet", ""), "'råd':1A");
  EXPECT_EQ(SearchVector("Rådet", "rådet om rådet"), "'om':3D 'råd':1A,2D,4D");
  EXPECT_EQ(SearchVector("", ""), "");
  EXPECT_EQ(SearchVector("O'Brien", ""), "'o''bri':1A");
}

TEST(SearchText, ALongWordIsCutAtACharacterBoundaryAlikeInBoth) {
  std::string word;
  for (int i = 0; i < 1500; ++i) word += "å";  // 3000 bytes, two per character
  const std::string query = Query(word);
  const std::string vector = SearchVector(word, "");
  // 'lexeme':* and 'lexeme':1A, with the lexeme cut to 2046 bytes (1023 whole characters).
  ASSERT_EQ(query.size(), 2046u + 4);
  EXPECT_EQ(query.substr(1, 2046), vector.substr(1, 2046));
  EXPECT_EQ(vector.substr(2047), "':1A");
}

TEST(SearchVector, PositionsStayWithinPostgresqlsLimits) {
  std::string many;
  for (int i = 0; i < 20000; ++i) many += "ord ";
  const std::string vector = SearchVector("", many);
  // One lexeme with at most 256 positions, none past 16383.
  EXPECT_EQ(vector.rfind("'ord':1D,2D,", 0), 0u);
  EXPECT_EQ(std::count(vector.begin(), vector.end(), ','), 255);
  EXPECT_EQ(vector.find("16384"), std::string::npos);
}

}  // namespace
}  // namespace moteplass::postgres
