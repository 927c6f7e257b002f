// The contract of AlertStore (store/alerts.h) as a typed test suite that every backend
// instantiates (store_fixture.h says how): an acknowledgement is kept per alert (the newest
// replaces the older) with who, when and until, audited; a feed token is found by its hash only,
// one per user, replaced by a new one and gone when revoked.
#pragma once

#include <string>

#include <gtest/gtest.h>

#include "store/contract/store_fixture.h"

namespace moteplass::store_contract {

template <class Backend>
class AlertStoreContractTest : public StoreContractTest<Backend> {
 protected:
  AlertStore& alerts() { return this->store().alerts(); }
};

TYPED_TEST_SUITE_P(AlertStoreContractTest);

TYPED_TEST_P(AlertStoreContractTest, AcknowledgementsAreKeptPerAlertAndAudited) {
  const MeetingPlace bergen = this->Create("Bergen innvandrerråd", "4601");
  const MeetingPlace oslo = this->Create("Oslo innvandrerråd", "0301");
  const std::string id = "no_meeting_6_months:" + std::to_string(bergen.id);
  auto first = this->alerts().Acknowledge({id, bergen.id, "2026-05-01", "", "", "2027-01-01"}, kWriter);
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(first->by, "kari");
  EXPECT_FALSE(first->at.empty());
  ASSERT_TRUE(this->alerts()
                  .Acknowledge({"term_ending:" + std::to_string(oslo.id), oslo.id, "2026-09-01", "", "", ""},
                               WriteContext{"ola", 0})
                  .ok());
  // A second acknowledgement of the same alert replaces the first.
  ASSERT_TRUE(this->alerts().Acknowledge({id, bergen.id, "2026-06-01", "", "", ""}, WriteContext{"ola", 0}).ok());
  auto all = this->alerts().Acknowledgements({});
  ASSERT_TRUE(all.ok()) << all.error().message;
  ASSERT_EQ(all->size(), 2u);
  auto mine = this->alerts().Acknowledgements({bergen.id});
  ASSERT_TRUE(mine.ok());
  ASSERT_EQ(mine->size(), 1u);
  EXPECT_EQ((*mine)[0].alert_id, id);
  EXPECT_EQ((*mine)[0].since, "2026-06-01");
  EXPECT_EQ((*mine)[0].by, "ola");
  EXPECT_EQ((*mine)[0].until, "");
  auto log = this->Audit();
  int audited = 0;
  for (const AuditEntry& e : log) {
    if (e.action == "alert.acknowledge" && e.target_type == "alert" && e.outcome == "ok") ++audited;
  }
  EXPECT_EQ(audited, 3);
  // An unknown meeting place is refused.
  auto unknown = this->alerts().Acknowledge({"term_ending:999", 999, "2026-01-01", "", "", ""}, kWriter);
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, ErrorCode::kNotFound);
}

TYPED_TEST_P(AlertStoreContractTest, FeedTokensAreFoundByHashAndRevocable) {
  auto kari = this->accounts().AddUser("kari", "x", Role::kMunicipal, "4601", kWriter);
  ASSERT_TRUE(kari.ok()) << kari.error().message;
  auto none = this->alerts().FeedTokenUser("hash-1");
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value());
  ASSERT_TRUE(this->alerts().SetFeedToken(kari->id, "hash-1", kWriter).ok());
  auto found = this->alerts().FeedTokenUser("hash-1");
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found->value_or(0), kari->id);
  auto created = this->alerts().FeedTokenCreated(kari->id);
  ASSERT_TRUE(created.ok());
  EXPECT_FALSE(created->empty());
  // A new token replaces the old one.
  ASSERT_TRUE(this->alerts().SetFeedToken(kari->id, "hash-2", kWriter).ok());
  EXPECT_FALSE(this->alerts().FeedTokenUser("hash-1")->has_value());
  EXPECT_EQ(this->alerts().FeedTokenUser("hash-2")->value_or(0), kari->id);
  ASSERT_TRUE(this->alerts().RevokeFeedToken(kari->id, kWriter).ok());
  EXPECT_FALSE(this->alerts().FeedTokenUser("hash-2")->has_value());
  EXPECT_TRUE(this->alerts().FeedTokenCreated(kari->id)->empty());
  EXPECT_TRUE(this->alerts().RevokeFeedToken(kari->id, kWriter).ok());  // none left: still fine
  auto unknown = this->alerts().SetFeedToken(9999, "hash-3", kWriter);
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, ErrorCode::kNotFound);
}

REGISTER_TYPED_TEST_SUITE_P(AlertStoreContractTest, AcknowledgementsAreKeptPerAlertAndAudited,
                            FeedTokensAreFoundByHashAndRevocable);

}  // namespace moteplass::store_contract
