// The contract of StudiesStore::ImportSubmissions (store/studies.h, store/study_submissions.h)
// as a typed test suite every backend instantiates: a submission becomes an interview once, a
// newer edit a new revision, an older one nothing; a withdrawn informant's submission stays out,
// and the tombstone keeps the submission ids; the history names which answers changed.
#pragma once

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "store/contract/store_fixture.h"

namespace moteplass::store_contract {

template <class Backend>
class StudySubmissionsContractTest : public StoreContractTest<Backend> {
 protected:
  StudiesStore& studies() { return this->store().studies(); }
  static nlohmann::json Interview(std::int64_t informant, const std::string& text) {
    return {{"informant", informant},
            {"meeting_place", nullptr},
            {"guide", "participant-2007"},
            {"guide_version", 1},
            {"mode", "phone"},
            {"started_at", nullptr},
            {"ended_at", nullptr},
            {"interviewer", nullptr},
            {"reviewed_for_identifiers", false},
            {"answers",
             {{{"question", "hearing_body"}, {"value", "yes"}, {"text", nullptr}, {"status", "answered"}},
              {{"question", "works_well"}, {"value", nullptr}, {"text", text}, {"status", "answered"}}}}};
  }
};

TYPED_TEST_SUITE_P(StudySubmissionsContractTest);

TYPED_TEST_P(StudySubmissionsContractTest, ASubmissionIsImportedOnceAndAnEditBecomesARevision) {
  auto s = this->studies().CreateStudy({{"name", "Kobo"}}, kWriter);
  ASSERT_TRUE(s.ok()) << s.error().message;
  auto a = this->studies().CreateInformant(s->id, {{"side", "immigrant_population"}}, kWriter);
  auto b = this->studies().CreateInformant(s->id, {{"side", "authority"}}, kWriter);
  ASSERT_TRUE(a.ok() && b.ok());
  const std::vector<SubmissionImport> first = {{"abc", a->id, "0000000000", this->Interview(a->id, "Godt.")},
                                               {"def", b->id, "", this->Interview(b->id, "Greit.")}};
  auto done = this->studies().ImportSubmissions(s->id, first, kWriter);
  ASSERT_TRUE(done.ok()) << done.error().message;
  EXPECT_EQ(*done, (std::vector{SubmissionOutcome::kCreated, SubmissionOutcome::kCreated}));
  auto interviews = this->studies().ListInterviews(s->id);
  ASSERT_TRUE(interviews.ok());
  ASSERT_EQ(interviews->size(), 2u);
  EXPECT_EQ((*interviews)[0].data["answers"][1]["revision"], 1);

  // The same file again: nothing. An edit: a new revision of the changed answer. An older edit: nothing.
  EXPECT_EQ(*this->studies().ImportSubmissions(s->id, first, kWriter),
            (std::vector{SubmissionOutcome::kUnchanged, SubmissionOutcome::kUnchanged}));
  auto edited = this->studies().ImportSubmissions(
      s->id, {{"abc", a->id, "0000000001", this->Interview(a->id, "Godt, men vi fikk ingen opplæring.")}}, kWriter);
  ASSERT_TRUE(edited.ok());
  EXPECT_EQ(*edited, std::vector{SubmissionOutcome::kRevised});
  auto one = this->studies().GetInterview((*interviews)[0].id);
  ASSERT_TRUE(one.ok());
  EXPECT_EQ(one->version, 2);
  EXPECT_EQ(one->data["answers"][0]["revision"], 1);
  EXPECT_EQ(one->data["answers"][1]["revision"], 2);
  EXPECT_EQ(*this->studies().ImportSubmissions(s->id, first, kWriter),
            (std::vector{SubmissionOutcome::kOlder, SubmissionOutcome::kUnchanged}));
  auto history = this->journal().History("interview", std::to_string(one->id));
  ASSERT_TRUE(history.ok());
  ASSERT_EQ(history->size(), 2u);
  ASSERT_EQ((*history)[0].changes.size(), 1u);
  EXPECT_EQ((*history)[0].changes[0].pointer, "/answers/works_well");
  EXPECT_TRUE((*history)[0].changes[0].after.is_null());

  // Withdrawal: the tombstone keeps the submission ids, and the submission stays out.
  ASSERT_TRUE(this->studies().WithdrawInformant(a->id, "2026-03-01", kWriter).ok());
  EXPECT_EQ(this->studies().GetInformant(a->id)->data["submissions"], nlohmann::json::array({"abc"}));
  EXPECT_EQ(*this->studies().ImportSubmissions(s->id, first, kWriter),
            (std::vector{SubmissionOutcome::kWithdrawn, SubmissionOutcome::kUnchanged}));
  EXPECT_EQ(this->studies().ListInterviews(s->id)->size(), 1u);

  // An erased interview is not brought back.
  ASSERT_TRUE(this->studies().DeleteInterview((*interviews)[1].id, kWriter).ok());
  EXPECT_EQ(*this->studies().ImportSubmissions(s->id, {first[1]}, kWriter), std::vector{SubmissionOutcome::kErased});

  // All or nothing: an informant of another study refuses the whole import.
  auto other = this->studies().CreateStudy({{"name", "Annen"}}, kWriter);
  auto stranger = this->studies().CreateInformant(other->id, {{"side", "other"}}, kWriter);
  ASSERT_TRUE(stranger.ok());
  auto c = this->studies().CreateInformant(s->id, {{"side", "other"}}, kWriter);
  auto refused = this->studies().ImportSubmissions(s->id,
                                                   {{"ghi", c->id, "", this->Interview(c->id, "Ny.")},
                                                    {"jkl", stranger->id, "", this->Interview(stranger->id, "Nei.")}},
                                                   kWriter);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kInvalid);
  EXPECT_EQ(this->studies().ListInterviews(s->id)->size(), 0u);
}

REGISTER_TYPED_TEST_SUITE_P(StudySubmissionsContractTest, ASubmissionIsImportedOnceAndAnEditBecomesARevision);

}  // namespace moteplass::store_contract
