// The contract of SuggestionStore (store/suggestion_store.h) as a typed test suite that every
// backend instantiates (store_fixture.h says how): a suggestion from the public is kept open until
// a reviewer closes it once, the e-mail address goes when it is closed and never reaches the
// history or the audit log, and an "outdated" suggestion names a meeting place the store has.
#pragma once

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "store/contract/store_fixture.h"

namespace moteplass::store_contract {

template <class Backend>
class SuggestionStoreContractTest : public StoreContractTest<Backend> {
 protected:
  SuggestionStore& suggestions() { return this->store().suggestions(); }

  // A suggestion of the kind the report's municipalities lacked: an immigrant council in Drammen.
  static suggestions::SuggestionInput Missing(const std::string& email = "kari@example.no") {
    suggestions::SuggestionInput in;
    in.kind = "missing";
    in.name = "Innvandrerrådet i Drammen";
    in.municipality = "3301";
    in.county = "33";
    in.message = "Rådet møtes fire ganger i året i rådhuset.";
    in.email = email;
    in.lang = "nb";
    return in;
  }
};

TYPED_TEST_SUITE_P(SuggestionStoreContractTest);

inline const WriteContext kVisitor{"", 0};

TYPED_TEST_P(SuggestionStoreContractTest, ASuggestionIsKeptOpenWithTheEmail) {
  auto created = this->suggestions().Create(this->Missing(), kVisitor);
  ASSERT_TRUE(created.ok()) << created.error().message;
  EXPECT_EQ(created->id, 1);
  EXPECT_EQ(created->status, "open");
  EXPECT_EQ(created->version, 1);
  EXPECT_EQ(created->input.name, "Innvandrerrådet i Drammen");
  EXPECT_EQ(created->input.municipality, "3301");
  EXPECT_EQ(created->input.county, "33");
  EXPECT_EQ(created->input.email, "kari@example.no");
  EXPECT_EQ(created->input.lang, "nb");
  EXPECT_EQ(created->input.meeting_place_id, 0);
  EXPECT_FALSE(created->created_at.empty());
  EXPECT_TRUE(created->closed_at.empty());
  auto second = this->suggestions().Create(this->Missing(""), kVisitor);
  ASSERT_TRUE(second.ok()) << second.error().message;
  EXPECT_EQ(second->id, 2);
  EXPECT_EQ(second->input.email, "");
  auto got = this->suggestions().Get(1);
  ASSERT_TRUE(got.ok()) << got.error().message;
  EXPECT_EQ(got->input.message, "Rådet møtes fire ganger i året i rådhuset.");
  EXPECT_EQ(this->suggestions().Get(3).error().code, ErrorCode::kNotFound);
  auto open = this->suggestions().List("open", 100);
  ASSERT_TRUE(open.ok()) << open.error().message;
  ASSERT_EQ(open->size(), 2u);
  EXPECT_EQ((*open)[0].id, 2);  // the newest first
  EXPECT_EQ(this->suggestions().List("open", 1)->size(), 1u);
  // Audited as the visitor's, without a history entry, and never with the address.
  std::vector<AuditEntry> audit = this->Audit();
  ASSERT_EQ(audit.size(), 2u);
  EXPECT_EQ(audit[1].action, "suggestion.create");
  EXPECT_EQ(audit[1].target_type, "suggestion");
  EXPECT_EQ(audit[1].target_id, "1");
  EXPECT_EQ(audit[1].by, "");
  EXPECT_TRUE(this->journal().History("suggestion", "1")->empty());
}

TYPED_TEST_P(SuggestionStoreContractTest, OutdatedFactsNameAMeetingPlaceTheStoreHas) {
  MeetingPlace bergen = this->Create("Internasjonalt råd i Bergen", "4601");
  suggestions::SuggestionInput in;
  in.kind = "outdated";
  in.meeting_place_id = bergen.id;
  in.municipality = "4601";
  in.county = "46";
  in.message = "The council now meets in the library.";
  in.lang = "en";
  auto created = this->suggestions().Create(in, kVisitor);
  ASSERT_TRUE(created.ok()) << created.error().message;
  EXPECT_EQ(created->input.meeting_place_id, bergen.id);
  EXPECT_EQ(created->input.name, "");
  in.meeting_place_id = bergen.id + 100;
  auto unknown = this->suggestions().Create(in, kVisitor);
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, ErrorCode::kInvalid);
  EXPECT_EQ(unknown.error().pointer, "/meeting_place");
  // A deleted meeting place cannot be out of date.
  ASSERT_TRUE(this->meeting_places().Delete(bergen.id, kWriter).ok());
  in.meeting_place_id = bergen.id;
  EXPECT_EQ(this->suggestions().Create(in, kVisitor).error().pointer, "/meeting_place");
  EXPECT_EQ(this->suggestions().List("", 100)->size(), 1u);
}

TYPED_TEST_P(SuggestionStoreContractTest, ClosingOnceErasesTheEmail) {
  ASSERT_TRUE(this->suggestions().Create(this->Missing(), kVisitor).ok());
  auto accepted = this->suggestions().Close(1, "accepted", "", WriteContext{"ola", 1});
  ASSERT_TRUE(accepted.ok()) << accepted.error().message;
  EXPECT_EQ(accepted->status, "accepted");
  EXPECT_EQ(accepted->input.email, "");
  EXPECT_EQ(accepted->closed_by, "ola");
  EXPECT_FALSE(accepted->closed_at.empty());
  EXPECT_EQ(accepted->version, 2);
  EXPECT_EQ(this->suggestions().Get(1)->input.email, "");
  // Once only.
  auto again = this->suggestions().Close(1, "rejected", "Finnes alt", WriteContext{"ola", 0});
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  EXPECT_EQ(this->suggestions().Close(9, "accepted", "", kWriter).error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(this->suggestions().List("open", 100)->empty());
  EXPECT_EQ(this->suggestions().List("accepted", 100)->size(), 1u);
  // The history says what changed, without the address.
  auto history = this->journal().History("suggestion", "1");
  ASSERT_TRUE(history.ok());
  ASSERT_EQ(history->size(), 1u);
  EXPECT_EQ((*history)[0].action, "accept");
  EXPECT_EQ((*history)[0].by, "ola");
  ASSERT_EQ((*history)[0].changes.size(), 1u);
  EXPECT_EQ((*history)[0].changes[0].pointer, "/status");
  EXPECT_EQ((*history)[0].changes[0].after, "accepted");
  std::vector<AuditEntry> audit = this->Audit();
  ASSERT_EQ(audit.size(), 2u);  // create, accept: the refused closings left none
  EXPECT_EQ(audit[0].action, "suggestion.accept");
  EXPECT_EQ(audit[0].by, "ola");
}

TYPED_TEST_P(SuggestionStoreContractTest, ARejectionKeepsItsReasonAndChecksTheVersion) {
  ASSERT_TRUE(this->suggestions().Create(this->Missing(), kVisitor).ok());
  auto stale = this->suggestions().Close(1, "rejected", "Finnes alt", WriteContext{"ola", 7});
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.error().code, ErrorCode::kConflict);
  EXPECT_EQ(this->suggestions().Get(1)->input.email, "kari@example.no");
  auto rejected = this->suggestions().Close(1, "rejected", "Finnes alt som nr. 12", WriteContext{"ola", 1});
  ASSERT_TRUE(rejected.ok()) << rejected.error().message;
  EXPECT_EQ(rejected->status, "rejected");
  EXPECT_EQ(rejected->reason, "Finnes alt som nr. 12");
  EXPECT_EQ(rejected->input.email, "");
  auto history = this->journal().History("suggestion", "1");
  ASSERT_EQ(history->size(), 1u);
  EXPECT_EQ((*history)[0].action, "reject");
  ASSERT_EQ((*history)[0].changes.size(), 2u);
  EXPECT_EQ((*history)[0].changes[1].pointer, "/reason");
  EXPECT_EQ(this->Audit()[0].action, "suggestion.reject");
  EXPECT_EQ(this->suggestions().Close(1, "maybe", "", kWriter).error().code, ErrorCode::kInvalid);
}

REGISTER_TYPED_TEST_SUITE_P(SuggestionStoreContractTest, ASuggestionIsKeptOpenWithTheEmail,
                            OutdatedFactsNameAMeetingPlaceTheStoreHas, ClosingOnceErasesTheEmail,
                            ARejectionKeepsItsReasonAndChecksTheVersion);

}  // namespace moteplass::store_contract
