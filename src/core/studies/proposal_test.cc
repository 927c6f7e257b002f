#include "core/studies/proposal.h"

#include <gtest/gtest.h>

#include "core/studies/guide.h"

namespace moteplass::studies {
namespace {

using nlohmann::json;

const json* GuideOf(const std::string& id, std::int64_t) {
  static const json guide = *BuiltInGuide("participant-2007");
  return id == "participant-2007" ? &guide : nullptr;
}

json Interview(std::int64_t informant, const json& answers) {
  return {{"informant", informant}, {"guide", "participant-2007"}, {"guide_version", 1}, {"answers", answers}};
}

json Said(const std::string& question, const json& value) {
  return {{"question", question}, {"value", value}, {"text", nullptr}, {"status", "answered"}};
}

// The report's councils: informants who say the council is a hearing body propose it; the chair
// and the officer who remember the initiative differently are a conflict, both kept.
TEST(Proposal, AgreeingInformantsProposeAFieldAndDisagreeingOnesAConflict) {
  const json place = {{"profile", {{"functions", {{"hearing_body", false}}}, {"initiative", "authority"}}}};
  const std::vector<ProposalInformant> informants = {{3, "I-03"}, {4, "I-04"}, {5, "I-05"}};
  // Answers in the guide's order, as the store keeps them.
  const std::vector<json> interviews = {
      Interview(
          3, {Said("meeting_frequency", 6), Said("initiative", "immigrant_population"), Said("hearing_body", "yes")}),
      Interview(4, {Said("initiative", "authority"), Said("hearing_body", "yes"), Said("works_well", nullptr)}),
      Interview(5, {Said("initiative", "authority"), Said("hearing_body", "yes")}),
      Interview(99, {Said("hearing_body", "no")})};  // not one of the meeting place's informants
  const json p = Proposal(12, place, informants, interviews, GuideOf);
  EXPECT_EQ(p["meeting_place"], 12);
  ASSERT_EQ(p["fields"].size(), 3u);
  const json& hearing = p["fields"][2];
  EXPECT_EQ(hearing["pointer"], "/profile/functions/hearing_body");
  EXPECT_EQ(hearing["value"], true);
  EXPECT_EQ(hearing["conflict"], false);
  EXPECT_EQ(hearing["from"], json::parse(R"([{"informant":3,"pseudonym":"I-03"},{"informant":4,"pseudonym":"I-04"},
                                             {"informant":5,"pseudonym":"I-05"}])"));
  EXPECT_EQ(hearing["current"], false);
  EXPECT_EQ(hearing["differs"], true);
  const json& initiative = p["fields"][1];
  EXPECT_EQ(initiative["pointer"], "/profile/initiative");
  EXPECT_EQ(initiative["conflict"], true);
  EXPECT_EQ(initiative["value"], "authority");  // two of three
  ASSERT_EQ(initiative["values"].size(), 2u);
  EXPECT_EQ(p["fields"][0]["pointer"], "/profile/meetings_per_year");

  auto accepted = Accept(p, place, {{"pointers", {"/profile/functions/hearing_body"}}});
  ASSERT_TRUE(accepted.ok());
  EXPECT_EQ((*accepted)["profile"]["functions"]["hearing_body"], true);
  auto conflict = Accept(p, place, {{"pointers", {"/profile/initiative"}}});
  ASSERT_FALSE(conflict.ok());
  EXPECT_EQ(conflict.error().pointer, "/pointers/0");
  EXPECT_EQ(conflict.error().slug, "conflict");
  auto chosen = Accept(p, place,
                       {{"pointers", {{{"pointer", "/profile/initiative"}, {"value", "immigrant_population"}}}}});
  ASSERT_TRUE(chosen.ok());
  EXPECT_EQ((*chosen)["profile"]["initiative"], "immigrant_population");
  EXPECT_EQ(
      Accept(p, place, {{"pointers", {{{"pointer", "/profile/initiative"}, {"value", "police"}}}}}).error().pointer,
      "/pointers/0/value");
  EXPECT_EQ(Accept(p, place, {{"pointers", {"/profile/chair"}}}).error().pointer, "/pointers/0");
}

}  // namespace
}  // namespace moteplass::studies
