// The contract of JournalStore (store/journal_store.h) as a typed test suite that every backend
// instantiates (store_fixture.h says how): the audit log comes newest first, and the history of
// a record is kept apart by entity type and id, so that records of different kinds with the same
// id never share one.
#pragma once

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "store/contract/store_fixture.h"

namespace moteplass::store_contract {

template <class Backend>
class JournalStoreContractTest : public StoreContractTest<Backend> {};

TYPED_TEST_SUITE_P(JournalStoreContractTest);

TYPED_TEST_P(JournalStoreContractTest, AuditLogIsNewestFirst) {
  JournalStore& journal = this->journal();
  ASSERT_TRUE(journal.Audit({"", "kari", "login.ok", "user", "1", "ok"}).ok());
  // "Newest" is the last appended, whatever time the entry names.
  ASSERT_TRUE(journal.Audit({"2026-11-24T10:00:00Z", "", "login.failed", "user", "", "denied"}).ok());
  auto log = journal.AuditLog(10);
  ASSERT_TRUE(log.ok());
  ASSERT_EQ(log->size(), 2u);
  EXPECT_EQ((*log)[0].action, "login.failed");
  EXPECT_EQ((*log)[0].at, "2026-11-24T10:00:00Z");
  EXPECT_EQ((*log)[0].by, "");
  EXPECT_EQ((*log)[0].outcome, "denied");
  EXPECT_EQ((*log)[1].by, "kari");
  EXPECT_EQ((*log)[1].target_type, "user");
  EXPECT_EQ((*log)[1].target_id, "1");
  EXPECT_EQ((*log)[1].outcome, "ok");
  // An empty `at` is filled in with now.
  EXPECT_EQ((*log)[1].at.size(), 20u);
  EXPECT_EQ((*log)[1].at.back(), 'Z');
  auto newest = journal.AuditLog(1);
  ASSERT_TRUE(newest.ok());
  ASSERT_EQ(newest->size(), 1u);
  EXPECT_EQ((*newest)[0].action, "login.failed");
}

TYPED_TEST_P(JournalStoreContractTest, AuditLogInterleavesWritesAndOtherEntries) {
  ASSERT_TRUE(this->journal().Audit({"", "kari", "login.ok", "user", "1", "ok"}).ok());
  MeetingPlace p = this->Create("Rådet");
  ASSERT_TRUE(this->journal().Audit({"", "kari", "logout", "user", "1", "ok"}).ok());
  std::vector<AuditEntry> log = this->Audit(10);
  ASSERT_EQ(log.size(), 3u);
  EXPECT_EQ(log[0].action, "logout");
  EXPECT_EQ(log[1].action, "meeting_place.create");
  EXPECT_EQ(log[1].target_id, std::to_string(p.id));
  EXPECT_EQ(log[2].action, "login.ok");
}

TYPED_TEST_P(JournalStoreContractTest, HistoryIsKeptApartByEntityTypeAndId) {
  MeetingPlace first = this->Create("Første");
  MeetingPlace second = this->Create("Andre");
  ASSERT_TRUE(this->meeting_places().Update(second.id, Input("Andre råd"), Council(), kWriter).ok());
  ASSERT_TRUE(this->places().ReplaceRegions({{"hele", "Hele landet", {"03"}}}, kWriter).ok());
  const std::string first_id = std::to_string(first.id);
  const std::string second_id = std::to_string(second.id);

  auto of_first = this->journal().History("meeting_place", first_id);
  ASSERT_TRUE(of_first.ok());
  ASSERT_EQ(of_first->size(), 1u);
  EXPECT_EQ((*of_first)[0].action, "create");
  auto of_second = this->journal().History("meeting_place", second_id);
  ASSERT_TRUE(of_second.ok());
  ASSERT_EQ(of_second->size(), 2u);
  EXPECT_EQ((*of_second)[0].action, "update");
  EXPECT_EQ((*of_second)[1].action, "create");
  auto of_regions = this->journal().History("regions", "");
  ASSERT_TRUE(of_regions.ok());
  ASSERT_EQ(of_regions->size(), 1u);
  EXPECT_EQ((*of_regions)[0].action, "replace");

  // The same id under another entity type is another record.
  EXPECT_TRUE(this->journal().History("user", first_id)->empty());
  EXPECT_TRUE(this->journal().History("regions", first_id)->empty());
  EXPECT_TRUE(this->journal().History("meeting_place", "")->empty());
  // Ids are compared whole, not as prefixes or numbers.
  EXPECT_TRUE(this->journal().History("meeting_place", first_id + "0")->empty());
  EXPECT_TRUE(this->journal().History("meeting_place", "0" + first_id)->empty());
}

TYPED_TEST_P(JournalStoreContractTest, ChangesSinceAMarkNameWhatWritesChangedEachOnce) {
  JournalStore& journal = this->journal();
  MeetingPlace before = this->Create("Før merket");
  auto mark = journal.ChangeMark();
  ASSERT_TRUE(mark.ok()) << mark.error().message;
  auto none = journal.ChangesSince(*mark, 10);
  ASSERT_TRUE(none.ok()) << none.error().message;
  EXPECT_TRUE(none->complete);
  EXPECT_TRUE(none->records.empty());
  EXPECT_EQ(none->mark, *mark);
  MeetingPlace first = this->Create("Første");
  MeetingPlace second = this->Create("Andre");
  ASSERT_TRUE(this->meeting_places().Delete(first.id, kWriter).ok());
  // A refusal is audited but changes nothing: not named.
  ASSERT_TRUE(
      journal.Audit({"", "ola", "meeting_place.update", "meeting_place", std::to_string(before.id), "denied"}).ok());
  auto changes = journal.ChangesSince(*mark, 10);
  ASSERT_TRUE(changes.ok()) << changes.error().message;
  EXPECT_TRUE(changes->complete);
  const std::vector<ChangedRecord> both = {{"meeting_place", std::to_string(first.id)},
                                           {"meeting_place", std::to_string(second.id)}};
  EXPECT_EQ(changes->records, both);
  EXPECT_GT(changes->mark, *mark);
  // From where it got to: nothing new.
  auto after = journal.ChangesSince(changes->mark, 10);
  ASSERT_TRUE(after.ok());
  EXPECT_TRUE(after->records.empty());
  // More rows than asked for: not complete, and nothing named.
  auto few = journal.ChangesSince(*mark, 2);
  ASSERT_TRUE(few.ok());
  EXPECT_FALSE(few->complete);
  EXPECT_TRUE(few->records.empty());
  auto now = journal.ChangeMark();
  ASSERT_TRUE(now.ok());
  EXPECT_GE(*now, changes->mark);
}

TYPED_TEST_P(JournalStoreContractTest, HistoryOfAnUnknownRecordIsEmpty) {
  this->Create("Rådet");
  auto unknown_id = this->journal().History("meeting_place", "999999");
  ASSERT_TRUE(unknown_id.ok()) << unknown_id.error().message;
  EXPECT_TRUE(unknown_id->empty());
  auto unknown_type = this->journal().History("no_such_type", "1");
  ASSERT_TRUE(unknown_type.ok()) << unknown_type.error().message;
  EXPECT_TRUE(unknown_type->empty());
}

REGISTER_TYPED_TEST_SUITE_P(JournalStoreContractTest, AuditLogIsNewestFirst, AuditLogInterleavesWritesAndOtherEntries,
                            HistoryIsKeptApartByEntityTypeAndId, ChangesSinceAMarkNameWhatWritesChangedEachOnce,
                            HistoryOfAnUnknownRecordIsEmpty);

}  // namespace moteplass::store_contract
