// A meeting place's texts in several languages (issue 13, item 3), as a typed suite both
// backends run: the main text's language and its translations are kept with every write and
// read back by every read, a change to a translation alone is a new version with its history,
// and writing the same texts again changes nothing.
#pragma once

#include <algorithm>
#include <string>

#include <gtest/gtest.h>

#include "store/contract/store_fixture.h"

namespace moteplass::store_contract {

template <class Backend>
class TextsContractTest : public StoreContractTest<Backend> {
 protected:
  static MeetingPlaceInput Translated(const std::string& english) {
    MeetingPlaceInput in = Input("Innvandrerrådet", "4601", "Rådet møtes seks ganger i året.");
    in.how_to_take_part = "Møtene er åpne.";
    in.translations["en"] = TranslatedTexts{english, "Meetings are open."};
    return in;
  }
};

TYPED_TEST_SUITE_P(TextsContractTest);

TYPED_TEST_P(TextsContractTest, TheLanguageAndTranslationsAreKeptAndReadBack) {
  auto created = this->meeting_places().Create(TestFixture::Translated("The council meets six times a year."),
                                               Council(), false, kWriter);
  ASSERT_TRUE(created.ok()) << created.error().message;
  EXPECT_EQ(created->input.language, "nb");
  ASSERT_EQ(created->input.translations.count("en"), 1u);
  EXPECT_EQ(created->input.translations.at("en").description, "The council meets six times a year.");

  auto read = this->meeting_places().Get(created->id);
  ASSERT_TRUE(read.ok()) << read.error().message;
  EXPECT_EQ(read->input.translations, created->input.translations);
  // A list reads them too (the directory shows the reader's language).
  MeetingPlaceQuery q;
  q.with_classification = false;
  auto page = this->meeting_places().List(q);
  ASSERT_TRUE(page.ok()) << page.error().message;
  ASSERT_EQ(page->items.size(), 1u);
  EXPECT_EQ(page->items[0].input.translations, created->input.translations);

  // A text written in nynorsk, with its bokmål translation.
  MeetingPlaceInput nynorsk = TestFixture::Translated("The council meets six times a year.");
  nynorsk.language = "nn";
  nynorsk.description = "Rådet møtest seks gonger i året.";
  nynorsk.translations["nb"] = TranslatedTexts{"Rådet møtes seks ganger i året.", ""};
  auto other = this->meeting_places().Create(nynorsk, Council(), false, kWriter);
  ASSERT_TRUE(other.ok()) << other.error().message;
  auto again = this->meeting_places().Get(other->id);
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_EQ(again->input.language, "nn");
  EXPECT_EQ(again->input.translations.size(), 2u);
  EXPECT_EQ(again->input.translations.at("nb").how_to_take_part, "");
}

TYPED_TEST_P(TextsContractTest, AChangedTranslationIsANewVersionWithItsHistory) {
  auto created = this->meeting_places().Create(TestFixture::Translated("The council meets six times a year."),
                                               Council(), false, kWriter);
  ASSERT_TRUE(created.ok()) << created.error().message;
  // The same texts again: nothing changes.
  auto same = this->meeting_places().Update(created->id, TestFixture::Translated("The council meets six times a year."),
                                            Council(), kWriter);
  ASSERT_TRUE(same.ok()) << same.error().message;
  EXPECT_EQ(same->version, created->version);

  auto updated = this->meeting_places().Update(created->id, TestFixture::Translated("The council meets monthly."),
                                               Council(), kWriter);
  ASSERT_TRUE(updated.ok()) << updated.error().message;
  EXPECT_EQ(updated->version, created->version + 1);
  EXPECT_EQ(updated->input.translations.at("en").description, "The council meets monthly.");
  const auto history = this->HistoryOf(*updated);
  ASSERT_FALSE(history.empty());
  const auto& changes = history.front().changes;
  auto it = std::find_if(changes.begin(), changes.end(),
                         [](const FieldChange& c) { return c.pointer == "/translations/en/description"; });
  ASSERT_NE(it, changes.end()) << "the history names the translated field";
  EXPECT_EQ(it->before, "The council meets six times a year.");
  EXPECT_EQ(it->after, "The council meets monthly.");
}

REGISTER_TYPED_TEST_SUITE_P(TextsContractTest, TheLanguageAndTranslationsAreKeptAndReadBack,
                            AChangedTranslationIsANewVersionWithItsHistory);

}  // namespace moteplass::store_contract
