// The typology's verdict kept with the record (issue 13, item 9), as a typed suite both backends
// run: every write of a classification also keeps its kind and subtype beside it, so that a list
// read without the classification (MeetingPlaceQuery::with_classification false, which the pages
// and the API list use) still has them; and the counts and pages read from indexes give the same
// answers as before, deleted and unpublished records left out.
#pragma once

#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "store/contract/store_fixture.h"

namespace moteplass::store_contract {

template <class Backend>
class VerdictContractTest : public StoreContractTest<Backend> {
 protected:
  static nlohmann::json PoliceForum() {
    return {{"is_meeting_place", true}, {"kind", "dialogue"}, {"subtype", "police_forum"}};
  }
  // The one record of a lean list with these filters.
  MeetingPlace LeanOne(const std::string& name) {
    MeetingPlaceQuery q;
    q.with_classification = false;
    q.text = name;
    auto page = this->meeting_places().List(q);
    EXPECT_TRUE(page.ok()) << page.error().message;
    if (!page.ok() || page->items.size() != 1) {
      ADD_FAILURE() << "expected one record named " << name;
      return {};
    }
    return page->items[0];
  }
};

TYPED_TEST_SUITE_P(VerdictContractTest);

TYPED_TEST_P(VerdictContractTest, EveryWriteKeepsTheKindAndSubtypeBesideTheClassification) {
  auto created = this->meeting_places().Create(Input("Politiforumet"), TestFixture::PoliceForum(), false, kWriter);
  ASSERT_TRUE(created.ok()) << created.error().message;
  EXPECT_EQ(created->computed_kind, "dialogue");
  EXPECT_EQ(created->subtype, "police_forum");

  // A lean list has no classification, and the kind and subtype all the same.
  MeetingPlace lean = this->LeanOne("Politiforumet");
  EXPECT_TRUE(lean.classification.is_null());
  EXPECT_EQ(lean.computed_kind, "dialogue");
  EXPECT_EQ(lean.subtype, "police_forum");
  EXPECT_EQ(lean.kind, "dialogue");
  // The resource reads the same either way, but for the classification itself.
  nlohmann::json full = ToJson(*created);
  nlohmann::json thin = ToJson(lean);
  EXPECT_EQ(thin["computed_kind"], "dialogue");
  EXPECT_EQ(thin["subtype"], "police_forum");
  EXPECT_TRUE(thin["classification"].is_null());
  full.erase("classification");
  thin.erase("classification");
  EXPECT_EQ(full, thin);

  // An update that makes it a council keeps the new verdict, and no subtype.
  auto updated = this->meeting_places().Update(created->id, Input("Politiforumet"), Council(), kWriter);
  ASSERT_TRUE(updated.ok()) << updated.error().message;
  lean = this->LeanOne("Politiforumet");
  EXPECT_EQ(lean.computed_kind, "council");
  EXPECT_EQ(lean.subtype, "");
  EXPECT_EQ(lean.kind, "council");

  // No verdict at all: nothing beside it either.
  updated = this->meeting_places().Update(created->id, Input("Politiforumet"), nlohmann::json(), kWriter);
  ASSERT_TRUE(updated.ok()) << updated.error().message;
  lean = this->LeanOne("Politiforumet");
  EXPECT_EQ(lean.computed_kind, "");
  EXPECT_EQ(lean.kind, "");

  // A recorded kind replaces the kind in force; the computed one stays what the typology said.
  ASSERT_TRUE(this->meeting_places().Update(created->id, Input("Politiforumet"), Council(), kWriter).ok());
  auto recorded = this->meeting_places().RecordKind(created->id, RecordedKind{"dialogue", "Politiet leder det", "", ""},
                                                    kWriter);
  ASSERT_TRUE(recorded.ok()) << recorded.error().message;
  lean = this->LeanOne("Politiforumet");
  EXPECT_EQ(lean.kind, "dialogue");
  EXPECT_EQ(lean.computed_kind, "council");
}

TYPED_TEST_P(VerdictContractTest, ImportsKeepTheVerdictBesideTheClassification) {
  MeetingPlaceInput forum = Input("Dialogforumet");
  auto imported = this->meeting_places().Import({forum}, {TestFixture::PoliceForum()}, false, kWriter);
  ASSERT_TRUE(imported.ok()) << imported.error().message;
  EXPECT_EQ(this->LeanOne("Dialogforumet").subtype, "police_forum");

  ImportRecord record;
  record.id = 500;
  record.input = Input("Kontaktutvalget");
  record.classification = {{"is_meeting_place", true}, {"kind", "contact_committee"}, {"subtype", nullptr}};
  auto records = this->meeting_places().ImportRecords({record}, kWriter);
  ASSERT_TRUE(records.ok()) << records.error().message;
  MeetingPlace lean = this->LeanOne("Kontaktutvalget");
  EXPECT_EQ(lean.id, 500);
  EXPECT_EQ(lean.computed_kind, "contact_committee");
  EXPECT_EQ(lean.subtype, "");
}

TYPED_TEST_P(VerdictContractTest, CountsAndPagesLeaveOutDeletedAndUnpublishedRecords) {
  for (const char* name : {"A-rådet", "B-rådet", "C-rådet", "D-rådet", "E-rådet"})
    CreatePlace(this->meeting_places(), name);
  MeetingPlaceInput hidden = Input("F-rådet");
  hidden.is_public = false;
  ASSERT_TRUE(this->meeting_places().Create(hidden, Council(), false, kWriter).ok());
  MeetingPlace gone = CreatePlace(this->meeting_places(), "G-rådet", "4601");
  ASSERT_TRUE(this->meeting_places().Delete(gone.id, kWriter).ok());

  MeetingPlaceQuery q;
  q.with_classification = false;
  q.per_page = 2;
  q.page = 2;
  auto page = this->meeting_places().List(q);
  ASSERT_TRUE(page.ok()) << page.error().message;
  EXPECT_EQ(page->total, 5);
  EXPECT_EQ(ListNames(this->meeting_places(), q), (std::vector<std::string>{"C-rådet", "D-rådet"}));
  q.sort = MeetingPlaceQuery::Sort::kUpdatedDesc;
  q.page = 1;
  EXPECT_EQ(ListNames(this->meeting_places(), q), (std::vector<std::string>{"E-rådet", "D-rådet"}));
  q.county = "46";
  page = this->meeting_places().List(q);
  ASSERT_TRUE(page.ok()) << page.error().message;
  EXPECT_EQ(page->total, 0);

  auto tally = this->meeting_places().Tally();
  ASSERT_TRUE(tally.ok()) << tally.error().message;
  std::int64_t councils = 0;
  for (const TallyRow& row : *tally) councils += row.kind == "council" ? row.count : 0;
  EXPECT_EQ(councils, 5);
}

REGISTER_TYPED_TEST_SUITE_P(VerdictContractTest, EveryWriteKeepsTheKindAndSubtypeBesideTheClassification,
                            ImportsKeepTheVerdictBesideTheClassification,
                            CountsAndPagesLeaveOutDeletedAndUnpublishedRecords);

}  // namespace moteplass::store_contract
