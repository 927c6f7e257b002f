#include "core/studies/interview.h"

#include <gtest/gtest.h>

#include "core/studies/guide.h"

namespace moteplass::studies {
namespace {

using nlohmann::json;

json ParticipantGuide() { return *BuiltInGuide("participant-2007"); }

json Body(json answers) {
  return {{"informant", 2}, {"guide_version", 1}, {"mode", "phone"}, {"answers", std::move(answers)}};
}

TEST(Interview, AnswersAreCheckedAgainstTheGuideAndKeptInItsOrder) {
  auto r = ParseInterview(
      Body({{{"question", "training_needed"}, {"value", "yes"}, {"text", "Ja, om budsjett."}},
            {{"question", "training_offered"}, {"value", "no"}, {"text", "Vi fikk ingen opplæring."}},
            {{"question", "participants"}, {"value", {"politicians", "women"}}},
            {{"question", "established"}, {"value", 1998}}}),
      ParticipantGuide());
  ASSERT_TRUE(r.ok()) << r.error().message << " " << r.error().pointer;
  const json& answers = (*r)["answers"];
  ASSERT_EQ(answers.size(), 4u);
  EXPECT_EQ(answers[0]["question"], "training_offered");
  EXPECT_EQ(answers[1]["question"], "training_needed");
  EXPECT_EQ(answers[0]["status"], "answered");
  EXPECT_EQ(answers[0]["revision"], 1);
  EXPECT_EQ((*r)["guide"], "participant-2007");
  EXPECT_EQ((*r)["reviewed_for_identifiers"], false);
}

TEST(Interview, AFollowUpIsAnsweredOnlyWhenItsConditionHolds) {
  // "Hvis ja: ..." after a no.
  auto r = ParseInterview(
      Body({{{"question", "training_offered"}, {"value", "no"}}, {{"question", "training_useful"}, {"value", "yes"}}}),
      ParticipantGuide());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().pointer, "/answers/1/question");
  EXPECT_EQ(r.error().slug, "follow_up_not_called_for");
  // Not asked is what happened.
  EXPECT_TRUE(ParseInterview(Body({{{"question", "training_offered"}, {"value", "no"}},
                                   {{"question", "training_useful"}, {"status", "not_asked"}}}),
                             ParticipantGuide())
                  .ok());
  // A follow-up of a select_multiple: politicians take part.
  EXPECT_TRUE(ParseInterview(Body({{{"question", "participants"}, {"value", {"politicians"}}},
                                   {{"question", "politicians_important"}, {"value", "yes"}}}),
                             ParticipantGuide())
                  .ok());
  EXPECT_FALSE(ParseInterview(Body({{{"question", "participants"}, {"value", {"youth"}}},
                                    {{"question", "politicians_important"}, {"value", "yes"}}}),
                              ParticipantGuide())
                   .ok());
}

TEST(Interview, BadAnswersAreRefusedNamingTheField) {
  struct Case {
    json answer;
    std::string pointer;
  };
  const std::vector<Case> cases = {
      {{{"question", "nope"}}, "/answers/0/question"},
      {{{"question", "training_offered"}, {"value", "maybe"}}, "/answers/0/value"},
      {{{"question", "participants"}, {"value", {"women", "women"}}}, "/answers/0/value/1"},
      {{{"question", "established"}, {"value", "1998"}}, "/answers/0/value"},
      {{{"question", "own_role"}, {"value", "chair"}}, "/answers/0/value"},
      {{{"question", "own_role"}, {"status", "maybe"}}, "/answers/0/status"},
      {{{"question", "own_role"}, {"status", "not_asked"}, {"text", "Leder."}}, "/answers/0/status"},
  };
  for (const Case& c : cases) {
    auto r = ParseInterview(Body(json::array({c.answer})), ParticipantGuide());
    ASSERT_FALSE(r.ok()) << c.answer.dump();
    EXPECT_EQ(r.error().pointer, c.pointer) << c.answer.dump();
  }
  auto twice = ParseInterview(Body({{{"question", "own_role"}}, {{"question", "own_role"}}}), ParticipantGuide());
  EXPECT_EQ(twice.error().pointer, "/answers/1/question");
  json no_informant = Body(json::array());
  no_informant.erase("informant");
  EXPECT_EQ(ParseInterview(no_informant, ParticipantGuide()).error().pointer, "/informant");
}

TEST(Interview, EditingAnAnswersTextRaisesItsRevision) {
  auto before = ParseInterview(Body({{{"question", "own_role"}, {"text", "Leder."}},
                                     {{"question", "training_offered"}, {"value", "no"}, {"text", "Nei."}}}),
                               ParticipantGuide());
  ASSERT_TRUE(before.ok());
  auto after = ParseInterview(Body({{{"question", "own_role"}, {"text", "Leder, valgt av foreningene."}},
                                    {{"question", "training_offered"}, {"value", "no"}, {"text", "Nei."}},
                                    {{"question", "purpose"}, {"text", "Dialog."}}}),
                              ParticipantGuide());
  ASSERT_TRUE(after.ok());
  json revised = *after;
  Revise(*before, revised);
  EXPECT_EQ(revised["answers"][0]["revision"], 2);
  EXPECT_EQ(revised["answers"][1]["revision"], 1);
  json again = revised;
  Revise(revised, again);
  EXPECT_EQ(again["answers"][0]["revision"], 2);
}

}  // namespace
}  // namespace moteplass::studies
