// The contract of the codebook and codings part of StudiesStore (store/codings.h) as a typed test
// suite that every backend instantiates (store_fixture.h says how): versions, a code in use kept
// in the codebook, codings tied to their study's interviews, and erasure with the interview, the
// informant and the study, audited without content.
#pragma once

#include <array>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "store/contract/store_fixture.h"

namespace moteplass::store_contract {

template <class Backend>
class CodingsStoreContractTest : public StoreContractTest<Backend> {
 protected:
  StudiesStore& studies() { return this->store().studies(); }

  // A study with one informant and one interview; returns {study, informant, interview}.
  std::array<std::int64_t, 3> Interviewed(const std::string& name) {
    auto s = studies().CreateStudy({{"name", name}}, kWriter);
    EXPECT_TRUE(s.ok());
    auto i = studies().CreateInformant(s->id, {{"side", "immigrant_population"}}, kWriter);
    EXPECT_TRUE(i.ok());
    const nlohmann::json data = {
        {"informant", i->id},
        {"guide", "participant-2007"},
        {"answers", {{{"question", "place_influence"}, {"text", "Vi blir ikke hørt 😊."}, {"revision", 1}}}}};
    auto v = studies().CreateInterview(s->id, data, kWriter);
    EXPECT_TRUE(v.ok()) << v.error().message;
    return {s->id, i->id, v->id};
  }

  static nlohmann::json Coding(std::int64_t interview, const std::string& code = "influence_not_heard") {
    return {
        {"interview", interview}, {"question", "place_influence"}, {"answer_revision", 1}, {"start", 3}, {"end", 17},
        {"code", code},           {"memo", "Sier det to ganger."}, {"coder", "kari"}};
  }

  int Audited(const std::string& action) {
    auto log = this->journal().AuditLog(1000);
    EXPECT_TRUE(log.ok());
    int n = 0;
    for (const AuditEntry& e : *log) n += e.action == action ? 1 : 0;
    return n;
  }
};

TYPED_TEST_SUITE_P(CodingsStoreContractTest);

TYPED_TEST_P(CodingsStoreContractTest, TheCodebookIsVersionedAndKeepsTheCodesInUse) {
  const auto [study, informant, interview] = this->Interviewed("Koding");
  EXPECT_EQ(this->studies().GetCodebook(study).error().code, ErrorCode::kNotFound);
  const nlohmann::json heard = {{"id", "influence_heard"}, {"name", {{"nb", "Blir hørt"}}}, {"group", "influence"}};
  const nlohmann::json not_heard = {
      {"id", "influence_not_heard"}, {"name", {{"nb", "Blir ikke hørt"}}}, {"group", "influence"}};
  // The default counts as version 1.
  EXPECT_EQ(this->studies().PutCodebook(study, nlohmann::json::array({heard}), WriteContext{"kari", 2}).error().code,
            ErrorCode::kConflict);
  auto first = this->studies().PutCodebook(study, nlohmann::json::array({heard, not_heard}), WriteContext{"kari", 1});
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(first->version, 2);
  EXPECT_EQ(first->codes.size(), 2u);
  EXPECT_EQ(this->studies().PutCodebook(study, nlohmann::json::array({heard, not_heard}), kWriter)->version, 2);
  EXPECT_EQ(this->studies().PutCodebook(study, nlohmann::json::array({heard}), WriteContext{"kari", 1}).error().code,
            ErrorCode::kConflict);

  ASSERT_TRUE(this->studies().CreateCoding(study, this->Coding(interview), kWriter).ok());
  auto in_use = this->studies().PutCodebook(study, nlohmann::json::array({heard}), kWriter);
  ASSERT_FALSE(in_use.ok());
  EXPECT_EQ(in_use.error().code, ErrorCode::kConflict);
  EXPECT_NE(in_use.error().message.find("influence_not_heard"), std::string::npos);
  EXPECT_EQ(this->studies().GetCodebook(study)->codes.size(), 2u);
  EXPECT_EQ(this->studies().PutCodebook(study, nlohmann::json::array({not_heard}), kWriter)->version, 3);
  EXPECT_EQ(this->Audited("codebook.replace"), 2);
  EXPECT_EQ(this->studies().PutCodebook(999, nlohmann::json::array({heard}), kWriter).error().code,
            ErrorCode::kNotFound);
}

TYPED_TEST_P(CodingsStoreContractTest, CodingsBelongToTheirStudysInterviewsAndAreAuditedWithoutContent) {
  const auto [study, informant, interview] = this->Interviewed("Koding");
  const auto [other, other_informant, foreign] = this->Interviewed("Annen");
  auto c = this->studies().CreateCoding(study, this->Coding(interview), kWriter);
  ASSERT_TRUE(c.ok()) << c.error().message;
  EXPECT_EQ(c->study, study);
  EXPECT_EQ(c->interview, interview);
  EXPECT_EQ(c->version, 1);
  EXPECT_EQ(c->data, this->Coding(interview));
  auto refused = this->studies().CreateCoding(study, this->Coding(foreign), kWriter);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().pointer, "/interview");

  nlohmann::json moved = this->Coding(interview, "influence_heard");
  moved["start"] = 0;
  auto updated = this->studies().UpdateCoding(c->id, moved, WriteContext{"ola", 1});
  ASSERT_TRUE(updated.ok());
  EXPECT_EQ(updated->version, 2);
  EXPECT_EQ(updated->data["start"], 0);
  EXPECT_EQ(this->studies().UpdateCoding(c->id, moved, WriteContext{"ola", 1}).error().code, ErrorCode::kConflict);
  EXPECT_EQ(this->studies().UpdateCoding(c->id, this->Coding(foreign), kWriter).error().pointer, "/interview");
  auto list = this->studies().ListCodings(study);
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 1u);
  EXPECT_TRUE(this->studies().ListCodings(other)->empty());
  // One meeting place's matrix reads the codings of its interviews only, and of its study only.
  ASSERT_TRUE(this->studies().CreateCoding(other, this->Coding(foreign), kWriter).ok());
  auto of = this->studies().ListCodingsOf(study, {interview, interview});
  ASSERT_TRUE(of.ok());
  ASSERT_EQ(of->size(), 1u);
  EXPECT_EQ((*of)[0].id, c->id);
  EXPECT_TRUE(this->studies().ListCodingsOf(study, {foreign})->empty());
  EXPECT_TRUE(this->studies().ListCodingsOf(study, {})->empty());
  EXPECT_EQ(this->studies().ListCodingsOf(other, {foreign})->size(), 1u);

  // Audited (the two created above), and neither the memo nor the passage reaches the history or the audit log.
  EXPECT_EQ(this->Audited("coding.create"), 2);
  EXPECT_EQ(this->Audited("coding.update"), 1);
  EXPECT_TRUE(this->journal().History("coding", std::to_string(c->id))->empty());
  EXPECT_EQ(this->studies().DeleteCoding(c->id, WriteContext{"ola", 1}).error().code, ErrorCode::kConflict);
  ASSERT_TRUE(this->studies().DeleteCoding(c->id, WriteContext{"ola", 2}).ok());
  EXPECT_EQ(this->studies().GetCoding(c->id).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(this->Audited("coding.erase"), 1);
}

TYPED_TEST_P(CodingsStoreContractTest, CodingsGoWithTheirInterviewInformantAndStudy) {
  const auto [study, informant, interview] = this->Interviewed("Sletting");
  auto by_interview = this->studies().CreateCoding(study, this->Coding(interview), kWriter);
  ASSERT_TRUE(by_interview.ok());
  ASSERT_TRUE(this->studies().DeleteInterview(interview, kWriter).ok());
  EXPECT_EQ(this->studies().GetCoding(by_interview->id).error().code, ErrorCode::kNotFound);

  const auto [study2, informant2, interview2] = this->Interviewed("Trekker seg");
  auto by_withdrawal = this->studies().CreateCoding(study2, this->Coding(interview2), kWriter);
  ASSERT_TRUE(by_withdrawal.ok());
  ASSERT_TRUE(this->studies().WithdrawInformant(informant2, "2026-04-01", kWriter).ok());
  EXPECT_EQ(this->studies().GetCoding(by_withdrawal->id).error().code, ErrorCode::kNotFound);

  const auto [study3, informant3, interview3] = this->Interviewed("Slettes");
  auto by_study = this->studies().CreateCoding(study3, this->Coding(interview3), kWriter);
  ASSERT_TRUE(by_study.ok());
  ASSERT_TRUE(this->studies().PutCodebook(study3, {{{"id", "influence_not_heard"}}}, kWriter).ok());
  ASSERT_TRUE(this->studies().DeleteStudy(study3, kWriter).ok());
  EXPECT_EQ(this->studies().GetCoding(by_study->id).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(this->studies().GetCodebook(study3).error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(this->studies().ListCodings(study3)->empty());
}

REGISTER_TYPED_TEST_SUITE_P(CodingsStoreContractTest, TheCodebookIsVersionedAndKeepsTheCodesInUse,
                            CodingsBelongToTheirStudysInterviewsAndAreAuditedWithoutContent,
                            CodingsGoWithTheirInterviewInformantAndStudy);

}  // namespace moteplass::store_contract
