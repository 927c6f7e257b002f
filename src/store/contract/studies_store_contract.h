// The contract of StudiesStore (store/studies.h) as a typed test suite that every backend
// instantiates (store_fixture.h says how): guide versions are numbered from 1, a document equal
// to the latest version writes nothing, and each new version leaves a history entry.
#pragma once

#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "core/studies/guide.h"
#include "store/contract/store_fixture.h"

namespace moteplass::store_contract {

template <class Backend>
class StudiesStoreContractTest : public StoreContractTest<Backend> {
 protected:
  StudiesStore& studies() { return this->store().studies(); }
  nlohmann::json Guide(const std::string& id = "participant-2007") {
    auto g = studies::BuiltInGuide(id);
    EXPECT_TRUE(g.ok());
    return g.ok() ? *g : nlohmann::json();
  }
};

TYPED_TEST_SUITE_P(StudiesStoreContractTest);

TYPED_TEST_P(StudiesStoreContractTest, GuideVersionsAreNumberedAndIdenticalOnesAreNotStored) {
  EXPECT_EQ(this->studies().GetGuide("participant-2007", 0).error().code, ErrorCode::kNotFound);
  nlohmann::json guide = this->Guide();
  bool created = false;
  auto v1 = this->studies().AddGuideVersion(guide, kWriter, &created);
  ASSERT_TRUE(v1.ok()) << v1.error().message;
  EXPECT_TRUE(created);
  EXPECT_EQ(v1->version, 1);
  EXPECT_EQ(v1->document, guide);
  EXPECT_EQ(v1->created_by, "kari");
  EXPECT_FALSE(v1->created_at.empty());

  auto same = this->studies().AddGuideVersion(guide, WriteContext{"ola", 0}, &created);
  ASSERT_TRUE(same.ok());
  EXPECT_FALSE(created);
  EXPECT_EQ(same->version, 1);
  EXPECT_EQ(same->created_by, "kari");

  guide["questions"][0]["label"]["en"] = "What is your role, and how did you get it?";
  auto v2 = this->studies().AddGuideVersion(guide, WriteContext{"ola", 0}, &created);
  ASSERT_TRUE(v2.ok());
  EXPECT_TRUE(created);
  EXPECT_EQ(v2->version, 2);

  // Answers keep the version they were given under: the old one stays readable.
  auto old = this->studies().GetGuide("participant-2007", 1);
  ASSERT_TRUE(old.ok());
  EXPECT_EQ(old->document, this->Guide());
  EXPECT_EQ(this->studies().GetGuide("participant-2007", 0)->version, 2);
  EXPECT_EQ(this->studies().GetGuide("participant-2007", 3).error().code, ErrorCode::kNotFound);
  auto versions = this->studies().GuideVersions("participant-2007");
  ASSERT_TRUE(versions.ok());
  ASSERT_EQ(versions->size(), 2u);
  EXPECT_EQ((*versions)[0].version, 1);

  auto history = this->journal().History("guide", "participant-2007");
  ASSERT_TRUE(history.ok());
  EXPECT_EQ(history->size(), 2u);
}

TYPED_TEST_P(StudiesStoreContractTest, TheLatestVersionOfEachGuideIsListedById) {
  ASSERT_TRUE(this->studies().AddGuideVersion(this->Guide("participant-2007"), kWriter).ok());
  ASSERT_TRUE(this->studies().AddGuideVersion(this->Guide("imdi-regional-2007"), kWriter).ok());
  nlohmann::json changed = this->Guide("imdi-regional-2007");
  changed["title"]["en"] = "IMDi's guide";
  ASSERT_TRUE(this->studies().AddGuideVersion(changed, kWriter).ok());
  auto latest = this->studies().LatestGuides();
  ASSERT_TRUE(latest.ok()) << latest.error().message;
  ASSERT_EQ(latest->size(), 2u);
  EXPECT_EQ((*latest)[0].guide, "imdi-regional-2007");
  EXPECT_EQ((*latest)[0].version, 2);
  EXPECT_EQ((*latest)[0].document["title"]["en"], "IMDi's guide");
  EXPECT_EQ((*latest)[1].guide, "participant-2007");
  EXPECT_EQ((*latest)[1].version, 1);
}

TYPED_TEST_P(StudiesStoreContractTest, StudiesAndInformantsAreStoredWithPseudonymsNeverReused) {
  nlohmann::json study = {{"name", "Kartlegging Vest"}, {"leads", {"kari"}}, {"guides", {"participant-2007"}}};
  auto s = this->studies().CreateStudy(study, kWriter);
  ASSERT_TRUE(s.ok()) << s.error().message;
  EXPECT_EQ(s->id, 1);
  EXPECT_EQ(s->version, 1);
  const nlohmann::json informant = {{"side", "authority"}, {"role", "official"}, {"meeting_place", nullptr}};
  auto a = this->studies().CreateInformant(s->id, informant, kWriter);
  auto b = this->studies().CreateInformant(s->id, informant, kWriter);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(a->data["pseudonym"], "I-01");
  EXPECT_EQ(b->data["pseudonym"], "I-02");
  EXPECT_EQ(a->study, s->id);
  ASSERT_TRUE(this->studies().PutIdentity(b->id, "sealed-bytes", kWriter).ok());
  EXPECT_EQ(*this->studies().GetIdentity(b->id), "sealed-bytes");

  // Withdrawal erases the identity and the history, keeps a tombstone, and the number stays taken.
  ASSERT_TRUE(this->studies().WithdrawInformant(b->id, "2026-03-01", kWriter).ok());
  EXPECT_EQ(this->studies().GetIdentity(b->id).error().code, ErrorCode::kNotFound);
  auto tomb = this->studies().GetInformant(b->id);
  ASSERT_TRUE(tomb.ok());
  EXPECT_TRUE(tomb->withdrawn);
  EXPECT_EQ(tomb->data["pseudonym"], "I-02");
  EXPECT_EQ(tomb->data["withdrawn"], "2026-03-01");
  EXPECT_FALSE(tomb->data.contains("side"));
  auto history = this->journal().History("informant", std::to_string(b->id));
  ASSERT_TRUE(history.ok());
  ASSERT_EQ(history->size(), 1u);
  EXPECT_EQ((*history)[0].action, "withdraw");
  EXPECT_TRUE((*history)[0].changes.empty());
  EXPECT_EQ(this->studies().WithdrawInformant(b->id, "2026-03-02", kWriter).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(this->studies().UpdateInformant(b->id, informant, kWriter).error().code, ErrorCode::kNotFound);
  auto c = this->studies().CreateInformant(s->id, informant, kWriter);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->data["pseudonym"], "I-03");
  auto all = this->studies().ListInformants(s->id);
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->size(), 3u);

  // Versions: a stale one is refused, the same document changes nothing.
  nlohmann::json changed = study;
  changed["name"] = "Kartlegging Vestland";
  auto updated = this->studies().UpdateStudy(s->id, changed, WriteContext{"kari", 1});
  ASSERT_TRUE(updated.ok());
  EXPECT_EQ(updated->version, 2);
  EXPECT_EQ(this->studies().UpdateStudy(s->id, study, WriteContext{"kari", 1}).error().code, ErrorCode::kConflict);
  EXPECT_EQ(this->studies().UpdateStudy(s->id, changed, WriteContext{"kari", 2})->version, 2);
}

TYPED_TEST_P(StudiesStoreContractTest, DeletingAStudyErasesItsInformantsAndIdentities) {
  auto s = this->studies().CreateStudy({{"name", "Slettes"}}, kWriter);
  ASSERT_TRUE(s.ok());
  auto i = this->studies().CreateInformant(s->id, {{"side", "other"}}, kWriter);
  ASSERT_TRUE(i.ok());
  ASSERT_TRUE(this->studies().PutIdentity(i->id, "sealed", kWriter).ok());
  auto other = this->studies().CreateStudy({{"name", "Blir"}}, kWriter);
  auto j = this->studies().CreateInformant(other->id, {{"side", "other"}}, kWriter);
  ASSERT_TRUE(this->studies().PutIdentity(j->id, "kept", kWriter).ok());

  ASSERT_TRUE(this->studies().DeleteStudy(s->id, kWriter).ok());
  EXPECT_EQ(this->studies().GetStudy(s->id).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(this->studies().GetInformant(i->id).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(this->studies().GetIdentity(i->id).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(*this->studies().GetIdentity(j->id), "kept");
  auto history = this->journal().History("study", std::to_string(s->id));
  ASSERT_TRUE(history.ok());
  ASSERT_EQ(history->size(), 1u);
  EXPECT_EQ((*history)[0].action, "erase");
  auto list = this->studies().ListStudies();
  ASSERT_TRUE(list.ok());
  EXPECT_EQ(list->size(), 1u);

  EXPECT_EQ(*this->studies().EraseIdentitiesOf(other->id, kWriter), 1);
  EXPECT_EQ(this->studies().GetIdentity(j->id).error().code, ErrorCode::kNotFound);
}

TYPED_TEST_P(StudiesStoreContractTest, InterviewsBelongToALiveInformantOfTheirStudyAndGoWithIt) {
  auto s = this->studies().CreateStudy({{"name", "Intervjuer"}}, kWriter);
  auto other = this->studies().CreateStudy({{"name", "Annen"}}, kWriter);
  auto i = this->studies().CreateInformant(s->id, {{"side", "authority"}}, kWriter);
  auto stranger = this->studies().CreateInformant(other->id, {{"side", "authority"}}, kWriter);
  ASSERT_TRUE(i.ok() && stranger.ok());
  nlohmann::json data = {{"informant", i->id},
                         {"answers", {{{"question", "training_offered"}, {"value", "no"}, {"text", "Nei."}}}}};
  auto v = this->studies().CreateInterview(s->id, data, kWriter);
  ASSERT_TRUE(v.ok()) << v.error().message;
  EXPECT_EQ(v->study, s->id);
  EXPECT_EQ(v->data, data);
  nlohmann::json foreign = data;
  foreign["informant"] = stranger->id;
  auto refused = this->studies().CreateInterview(s->id, foreign, kWriter);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().pointer, "/informant");

  nlohmann::json changed = data;
  changed["answers"][0]["text"] = "Nei, aldri.";
  auto updated = this->studies().UpdateInterview(v->id, changed, WriteContext{"kari", 1});
  ASSERT_TRUE(updated.ok());
  EXPECT_EQ(updated->version, 2);
  // The history says which answer changed, never what was said.
  auto history = this->journal().History("interview", std::to_string(v->id));
  ASSERT_TRUE(history.ok());
  ASSERT_EQ(history->size(), 2u);
  for (const HistoryEntry& e : *history) {
    for (const FieldChange& c : e.changes) {
      EXPECT_EQ(c.before.dump().find("Nei"), std::string::npos);
      EXPECT_EQ(c.after.dump().find("Nei"), std::string::npos);
    }
  }
  auto list = this->studies().ListInterviews(s->id);
  ASSERT_TRUE(list.ok());
  EXPECT_EQ(list->size(), 1u);

  // Withdrawal erases the informant's interviews and their history.
  ASSERT_TRUE(this->studies().WithdrawInformant(i->id, "2026-04-01", kWriter).ok());
  EXPECT_EQ(this->studies().GetInterview(v->id).error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(this->journal().History("interview", std::to_string(v->id))->empty());
  EXPECT_FALSE(this->studies().CreateInterview(s->id, data, kWriter).ok());
}

// One meeting place's matrix reads only its interviews: those about it, and those about no
// meeting place of its informants and of anyone interviewed about it, whatever wrote them.
TYPED_TEST_P(StudiesStoreContractTest, TheInterviewsOfOneMeetingPlaceAreReadWithoutTheRest) {
  auto s = this->studies().CreateStudy({{"name", "Matrise"}}, kWriter);
  auto a = this->studies().CreateInformant(s->id, {{"side", "authority"}, {"meeting_place", 7}}, kWriter);
  auto b = this->studies().CreateInformant(s->id, {{"side", "participant"}, {"meeting_place", 8}}, kWriter);
  auto c = this->studies().CreateInformant(s->id, {{"side", "participant"}, {"meeting_place", 8}}, kWriter);
  ASSERT_TRUE(a.ok() && b.ok() && c.ok());
  auto interview = [&](std::int64_t informant, nlohmann::json place) {
    nlohmann::json data = {{"informant", informant}, {"answers", nlohmann::json::array()}};
    if (!place.is_null()) data["meeting_place"] = place;
    auto v = this->studies().CreateInterview(s->id, data, kWriter);
    EXPECT_TRUE(v.ok());
    return v.ok() ? v->id : 0;
  };
  const std::int64_t a_at_7 = interview(a->id, 7);
  const std::int64_t a_unplaced = interview(a->id, nullptr);
  const std::int64_t b_at_7 = interview(b->id, 7);  // b belongs to 8 but spoke about 7
  const std::int64_t b_unplaced = interview(b->id, nullptr);
  const std::int64_t c_unplaced = interview(c->id, nullptr);
  const std::int64_t c_at_8 = interview(c->id, 8);
  auto ids = [](const Result<std::vector<StudyRecord>>& list) {
    std::vector<std::int64_t> out;
    if (list.ok()) {
      for (const StudyRecord& r : *list) out.push_back(r.id);
    }
    return out;
  };
  EXPECT_EQ(ids(this->studies().ListInterviewsAt(s->id, 7, {a->id})),
            (std::vector<std::int64_t>{a_at_7, a_unplaced, b_at_7, b_unplaced}));
  EXPECT_EQ(ids(this->studies().ListInterviewsAt(s->id, 8, {b->id, c->id})),
            (std::vector<std::int64_t>{b_unplaced, c_unplaced, c_at_8}));
  // A change of the meeting place moves the interview, in the column as in the document.
  auto moved = this->studies().GetInterview(c_at_8);
  ASSERT_TRUE(moved.ok());
  nlohmann::json data = moved->data;
  data["meeting_place"] = 7;
  ASSERT_TRUE(this->studies().UpdateInterview(c_at_8, data, WriteContext{"kari", moved->version}).ok());
  EXPECT_EQ(ids(this->studies().ListInterviewsAt(s->id, 8, {b->id, c->id})),
            (std::vector<std::int64_t>{b_unplaced, c_unplaced}));
  EXPECT_EQ(ids(this->studies().ListInterviewsAt(s->id, 7, {a->id})),
            (std::vector<std::int64_t>{a_at_7, a_unplaced, b_at_7, b_unplaced, c_unplaced, c_at_8}));
  EXPECT_TRUE(ids(this->studies().ListInterviewsAt(s->id, 9, {})).empty());
}

REGISTER_TYPED_TEST_SUITE_P(StudiesStoreContractTest, GuideVersionsAreNumberedAndIdenticalOnesAreNotStored,
                            TheLatestVersionOfEachGuideIsListedById,
                            StudiesAndInformantsAreStoredWithPseudonymsNeverReused,
                            DeletingAStudyErasesItsInformantsAndIdentities,
                            InterviewsBelongToALiveInformantOfTheirStudyAndGoWithIt,
                            TheInterviewsOfOneMeetingPlaceAreReadWithoutTheRest);

}  // namespace moteplass::store_contract
