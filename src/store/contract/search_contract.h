// What search finds (core/search/search.h), as a typed suite both backends run: places by their
// names (other, Sami, Kven and older names, and typed without the letters), kinds by their names
// in bokmål, nynorsk and English, compounds, stop words, and stems that must stay apart.
// tests/search/queries.json holds the larger set of real queries, run over HTTP.
#pragma once

#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "store/contract/store_fixture.h"

namespace moteplass::store_contract {

template <class Backend>
class SearchContractTest : public StoreContractTest<Backend> {
 protected:
  // A meeting place the typology gave `kind` (and `subtype`); "" for no verdict at all.
  void CreateKind(const std::string& name, const std::string& kind, const std::string& subtype = "",
                  const std::string& municipality = "0301", const std::string& description = "") {
    nlohmann::json verdict;
    if (!kind.empty()) {
      verdict = {{"is_meeting_place", true},
                 {"kind", kind},
                 {"subtype", subtype.empty() ? nlohmann::json() : nlohmann::json(subtype)}};
    }
    auto created = this->meeting_places().Create(Input(name, municipality, description), verdict, false, kWriter);
    ASSERT_TRUE(created.ok()) << created.error().message;
  }
};

TYPED_TEST_SUITE_P(SearchContractTest);

TYPED_TEST_P(SearchContractTest, PlaceNamesFindTheMeetingPlacesThere) {
  this->CreateKind("Rådet A", "council", "", "4601");  // Bergen, Vestland
  this->CreateKind("Rådet B", "council", "", "5501");  // Tromsø, Troms
  this->CreateKind("Rådet C", "council", "", "5610");  // Kárášjohka (Karasjok), Finnmark
  this->CreateKind("Rådet D", "council", "", "3301");  // Drammen, Buskerud
  this->CreateKind("Rådet E", "council", "", "3201");  // Bærum, Akershus
  using Names = std::vector<std::string>;
  EXPECT_EQ(this->Search("Bergen"), Names{"Rådet A"});
  EXPECT_EQ(this->Search("vestland"), Names{"Rådet A"});
  EXPECT_EQ(this->Search("Hordaland"), Names{"Rådet A"});  // the county before 2020
  EXPECT_EQ(this->Search("Tromsø"), Names{"Rådet B"});
  EXPECT_EQ(this->Search("tromso"), Names{"Rådet B"});  // without ø
  EXPECT_EQ(this->Search("Romsa"), Names{"Rådet B"});   // Northern Sami
  EXPECT_EQ(this->Search("Troms"), Names{"Rådet B"});   // the county, not a prefix of Tromsø
  EXPECT_EQ(this->Search("Kárášjohka"), Names{"Rådet C"});
  EXPECT_EQ(this->Search("Karasjok"), Names{"Rådet C"});
  EXPECT_EQ(this->Search("karasjohka"), Names{"Rådet C"});
  EXPECT_EQ(this->Search("Troms og Finnmark"), (Names{"Rådet B", "Rådet C"}));  // the county of 2020-2023
  EXPECT_EQ(this->Search("innvandrerråd i Drammen"), Names{"Rådet D"});
  EXPECT_EQ(this->Search("baerum"), Names{"Rådet E"});
  EXPECT_EQ(this->Search("Bærum kommune"), Names{"Rådet E"});
  EXPECT_TRUE(this->Search("Stavanger").empty());
}

TYPED_TEST_P(SearchContractTest, KindNamesFindTheirKindInThreeLanguages) {
  this->CreateKind("Fellesrådet", "council");
  this->CreateKind("Utvalget for mangfold", "contact_committee");
  this->CreateKind("Treffpunkt", "dialogue", "police_forum");
  this->CreateKind("Samtaleforum", "dialogue");
  this->CreateKind("Huset", "international_house");
  using Names = std::vector<std::string>;
  for (const char* council : {"innvandrerråd", "innvandrarråd", "immigrant council", "council", "råd for innvandrere",
                              "fleirkulturelt råd", "innvandrerrad"}) {
    EXPECT_EQ(this->Search(council), Names{"Fellesrådet"}) << council;
  }
  for (const char* committee : {"kontaktutvalg", "kontaktutval", "contact committee"}) {
    EXPECT_EQ(this->Search(committee), Names{"Utvalget for mangfold"}) << committee;
  }
  for (const char* police : {"politiforum", "police forum", "politiråd", "police"}) {
    EXPECT_EQ(this->Search(police), Names{"Treffpunkt"}) << police;
  }
  EXPECT_EQ(this->Search("dialogforum"), (Names{"Samtaleforum", "Treffpunkt"}));
  EXPECT_EQ(this->Search("dialogue forum"), (Names{"Samtaleforum", "Treffpunkt"}));
  EXPECT_EQ(this->Search("internasjonalt hus"), Names{"Huset"});
  EXPECT_EQ(this->Search("international house"), Names{"Huset"});
}

TYPED_TEST_P(SearchContractTest, PolitietsDoesNotFindPolitikere) {
  this->CreateKind("Politiets kontaktforum", "");
  this->CreateKind("Samråd", "", "", "0301", "For politikere og innvandrere.");
  using Names = std::vector<std::string>;
  EXPECT_EQ(this->Search("Politiets"), Names{"Politiets kontaktforum"});
  EXPECT_EQ(this->Search("politiet"), Names{"Politiets kontaktforum"});
  EXPECT_EQ(this->Search("politikere"), Names{"Samråd"});
  EXPECT_EQ(this->Search("politiker"), Names{"Samråd"});
}

TYPED_TEST_P(SearchContractTest, CompoundsMeetTheirPartsAndStopWordsAreLeftOut) {
  this->CreateKind("Innvandrerrådet", "");
  this->CreateKind("Rådet for innvandrere", "");
  this->CreateKind("Kulturhuset", "", "", "0301", "Vi møtes i rådhuset.");
  using Names = std::vector<std::string>;
  EXPECT_EQ(this->Search("innvandrerrådet"), (Names{"Innvandrerrådet", "Rådet for innvandrere"}));
  EXPECT_EQ(this->Search("innvandrarrådet"), (Names{"Innvandrerrådet", "Rådet for innvandrere"}));
  // "råd" is in "innvandrerrådet", but not in "rådhuset".
  EXPECT_EQ(this->Search("råd"), (Names{"Innvandrerrådet", "Rådet for innvandrere"}));
  EXPECT_EQ(this->Search("hus"), Names{"Kulturhuset"});
  // Stop words do not have to occur; alone, they are searched for.
  EXPECT_EQ(this->Search("rådet for innvandrere i Oslo"), (Names{"Innvandrerrådet", "Rådet for innvandrere"}));
  EXPECT_EQ(this->Search("i"), Names{"Kulturhuset"});
}

TYPED_TEST_P(SearchContractTest, ChangedSinceKeepsWhatChangedOnThatDayOrLater) {
  this->CreateKind("Rådet", "council");
  this->CreateKind("Forumet", "dialogue");
  const std::string today = this->meeting_places().List({})->items.at(0).updated_at.substr(0, 10);
  MeetingPlaceQuery q;
  q.changed_since = today;
  EXPECT_EQ(this->Names(q), (std::vector<std::string>{"Forumet", "Rådet"}));
  q.changed_since = "2000-01-01";
  EXPECT_EQ(this->Names(q).size(), 2u);
  q.changed_since = "2999-12-31";
  EXPECT_TRUE(this->Names(q).empty());
  EXPECT_EQ(this->meeting_places().List(q)->total, 0);
  // With the other filters and a search.
  q.changed_since = today;
  q.text = "forum";
  EXPECT_EQ(this->Names(q), (std::vector<std::string>{"Forumet"}));
}

REGISTER_TYPED_TEST_SUITE_P(SearchContractTest, PlaceNamesFindTheMeetingPlacesThere,
                            KindNamesFindTheirKindInThreeLanguages, PolitietsDoesNotFindPolitikere,
                            CompoundsMeetTheirPartsAndStopWordsAreLeftOut,
                            ChangedSinceKeepsWhatChangedOnThatDayOrLater);

}  // namespace moteplass::store_contract
