#include "core/search/search.h"

#include <algorithm>

#include <gtest/gtest.h>

namespace moteplass::search {
namespace {

bool Has(const std::vector<std::string>& terms, const std::string& term) {
  return std::find(terms.begin(), terms.end(), term) != terms.end();
}

TEST(TextTerms, CompoundsAreAlsoIndexedByTheirParts) {
  const std::vector<std::string> terms = TextTerms("Innvandrerrådet");
  EXPECT_EQ(terms, (std::vector<std::string>{"innvandrerråd", "innvandr", "råd"}));
  EXPECT_TRUE(Has(TextTerms("Politiforumet"), "politi"));
  EXPECT_TRUE(Has(TextTerms("Livssynsforum"), "livssyn"));
  EXPECT_TRUE(Has(TextTerms("kontaktutvalet"), "utvalg"));  // nynorsk utval as bokmål utvalg
  // "tros- og livssynssamfunn" holds "trossamfunn".
  EXPECT_TRUE(Has(TextTerms("tros- og livssynssamfunn"), "trossamfunn"));
  // A modifier of fewer than four letters stays: the town hall is not a council.
  EXPECT_EQ(TextTerms("rådhuset"), (std::vector<std::string>{"rådhus"}));
}

TEST(TextTerms, BokmalAndNynorskFormsMeet) {
  EXPECT_EQ(TextTerms("innvandrere"), TextTerms("innvandrarar"));
  EXPECT_EQ(TextTerms("innvandrer"), TextTerms("innvandrar"));
  EXPECT_EQ(TextTerms("flerkulturelt"), TextTerms("fleirkulturell"));
  EXPECT_EQ(TextTerms("politikere"), TextTerms("politiker"));
  EXPECT_NE(TextTerms("politiets"), TextTerms("politikere"));
}

TEST(Folded, NorwegianAndSamiLettersAsPeopleTypeThemWithout) {
  EXPECT_EQ(Folded("bærum"), Folded("baerum"));
  EXPECT_EQ(Folded("bærum"), Folded("barum"));
  EXPECT_EQ(Folded("tromsø"), "tromso");
  EXPECT_EQ(Folded("åfjord"), Folded("aafjord"));
  EXPECT_EQ(Folded("kárášjohka"), "karasjohka");
  EXPECT_EQ(Folded("guovdageaidnu"), "guovdageaidnu");
}

TEST(ParseQuery, PlacesAndKindsBecomeTags) {
  const PlaceNames names(DefaultPlaces());
  const Query q = ParseQuery("innvandrerråd i Drammen", names);
  ASSERT_EQ(q.size(), 2u);  // "i" is a stop word
  EXPECT_NE(std::find(q[0].begin(), q[0].end(), Conjunction{{KindTag("council"), false}}), q[0].end());
  EXPECT_NE(std::find(q[1].begin(), q[1].end(), Conjunction{{MunicipalityTag("3301"), false}}), q[1].end());
  // Two counties once had one name.
  const Query old = ParseQuery("Troms og Finnmark", names);
  ASSERT_EQ(old.size(), 1u);
  EXPECT_NE(std::find(old[0].begin(), old[0].end(), Conjunction{{CountyTag("55"), false}}), old[0].end());
  EXPECT_NE(std::find(old[0].begin(), old[0].end(), Conjunction{{CountyTag("56"), false}}), old[0].end());
  // Short names are not found by folding: "as" is a word, not Ås.
  const Query as = ParseQuery("as", names);
  ASSERT_EQ(as.size(), 1u);
  EXPECT_EQ(as[0].size(), 1u);
}

TEST(ParseQuery, OnlyAnUnfinishedLastWordIsAPrefix) {
  const PlaceNames names(Places{});
  EXPECT_TRUE(ParseQuery("kontaktutv", names)[0][0][0].prefix);
  EXPECT_FALSE(ParseQuery("politiets", names)[0][1][0].prefix);  // the stemmer took an ending
  EXPECT_FALSE(ParseQuery("kontaktutv råd", names)[0][0][0].prefix);
  EXPECT_TRUE(ParseQuery("  ", names).empty());
}

TEST(DocumentOf, TagsNameThePlaceAndTheKind) {
  const Document d = DocumentOf("Rådet", "Om oss", "4601", "46", "contact_committee", "police_forum");
  EXPECT_EQ(d.tags, (std::vector<std::string>{"0k4601", "0f46", "0tcontactcommittee", "0spoliceforum"}));
  EXPECT_EQ(d.name, (std::vector<std::string>{"råd"}));
}

}  // namespace
}  // namespace moteplass::search
