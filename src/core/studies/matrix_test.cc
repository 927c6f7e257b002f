#include "core/studies/matrix.h"

#include <map>

#include <gtest/gtest.h>

#include "core/studies/guide.h"

namespace moteplass::studies {
namespace {

using nlohmann::json;

// The report's finding: informants of one meeting place contradicted each other (DOMAIN.md §9),
// here the chair and the municipal officer of one council on training and influence.
TEST(Matrix, TwoInformantsOfOneMeetingPlaceDisagreeSideBySide) {
  const std::vector<MatrixInformant> informants = {{3, "I-03", "immigrant_population"}, {4, "I-04", "authority"}};
  const std::vector<json> interviews = {
      {{"informant", 3},
       {"guide", "participant-2007"},
       {"guide_version", 1},
       {"answers",
        {{{"question", "training_offered"}, {"value", "no"}, {"text", "Nei, ingen opplæring."}, {"status", "answered"}},
         {{"question", "hearing_body"}, {"value", "yes"}, {"text", nullptr}, {"status", "answered"}},
         {{"question", "place_influence"}, {"value", "no"}, {"text", "Vi blir ikke hørt."}, {"status", "answered"}}}}},
      {{"informant", 4},
       {"guide", "participant-2007"},
       {"guide_version", 1},
       {"answers",
        {{{"question", "training_offered"}, {"value", "yes"}, {"text", "Ja, et kurs i 2024."}, {"status", "answered"}},
         {{"question", "hearing_body"}, {"value", "yes"}, {"text", nullptr}, {"status", "answered"}},
         {{"question", "own_role"}, {"value", nullptr}, {"text", "Sekretær."}, {"status", "answered"}}}}},
      {{"informant", 99}, {"guide", "participant-2007"}, {"guide_version", 1}, {"answers", json::array()}}};
  const json m = Matrix(12, informants, interviews, [](const std::string& id, std::int64_t) {
    auto g = BuiltInGuide(id);
    return g.ok() ? *g : json();
  });
  EXPECT_EQ(m["meeting_place"], 12);
  ASSERT_EQ(m["informants"].size(), 2u);
  std::map<std::string, json> rows;
  for (const json& r : m["rows"]) rows[r["question"]] = r;
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_TRUE(rows["training_offered"]["disagreement"]);
  EXPECT_FALSE(rows["hearing_body"]["disagreement"]);
  // One said no, the other was not asked: nothing to disagree with.
  EXPECT_FALSE(rows["place_influence"]["disagreement"]);
  EXPECT_EQ(rows["place_influence"]["cells"][1]["status"], nullptr);
  EXPECT_EQ(rows["training_offered"]["cells"][0]["text"], "Nei, ingen opplæring.");
  EXPECT_EQ(rows["training_offered"]["label"]["nb"], "Tilbyr møteplassen opplæring?");
  // In the guide's order: own_role comes first.
  EXPECT_EQ(m["rows"][0]["question"], "own_role");
}

// The report (ch. 4, "different expectations"): in one new body the immigrant member said it did
// not work and the authority member said it did. Here neither gives a closed answer on influence;
// what they said is coded, one "is heard", the other "is not heard": codes of one group that
// differ are a disagreement; codes of different groups, or the same code, are not.
TEST(Matrix, DifferentCodesOfOneGroupAreADisagreement) {
  const std::vector<MatrixInformant> informants = {{3, "I-03", "immigrant_population"}, {4, "I-04", "authority"}};
  auto said = [](std::int64_t informant, const char* influence, const char* training) {
    return json{{"informant", informant},
                {"guide", "participant-2007"},
                {"guide_version", 1},
                {"answers",
                 {{{"question", "place_influence"}, {"value", nullptr}, {"text", influence}, {"status", "answered"}},
                  {{"question", "training_offered"}, {"value", "no"}, {"text", training}, {"status", "answered"}}}}};
  };
  const std::vector<json> interviews = {said(3, "Vi blir ikke hørt, sakene kommer for sent til oss.", "Ingen kurs."),
                                        said(4, "Rådet blir hørt i alle saker som gjelder innvandrere.", "Nei.")};
  const json codebook = {{{"id", "influence_heard"}, {"group", "influence"}},
                         {{"id", "influence_not_heard"}, {"group", "influence"}},
                         {{"id", "training_none"}, {"group", "training"}},
                         {{"id", "training_wanted"}, {"group", "training_need"}},
                         {{"id", "memo_only"}, {"group", nullptr}}};
  const std::vector<MatrixCode> codes = {{3, "participant-2007", "place_influence", "influence_not_heard"},
                                         {4, "participant-2007", "place_influence", "influence_heard"},
                                         {4, "participant-2007", "place_influence", "influence_heard"},
                                         {3, "participant-2007", "training_offered", "training_none"},
                                         {3, "participant-2007", "training_offered", "memo_only"},
                                         {4, "participant-2007", "training_offered", "training_none"},
                                         {4, "participant-2007", "training_offered", "training_wanted"}};
  const auto guide_of = [](const std::string& id, std::int64_t) {
    auto g = BuiltInGuide(id);
    return g.ok() ? *g : json();
  };
  const json m = Matrix(12, informants, interviews, guide_of, codes, codebook);
  std::map<std::string, json> rows;
  for (const json& r : m["rows"]) rows[r["question"]] = r;
  EXPECT_TRUE(rows["place_influence"]["disagreement"]);
  EXPECT_EQ(rows["place_influence"]["cells"][0]["codes"], json({"influence_not_heard"}));
  EXPECT_EQ(rows["place_influence"]["cells"][1]["codes"], json({"influence_heard"}));
  // Both "no", the same training code, and codes of other groups beside it: they agree.
  EXPECT_FALSE(rows["training_offered"]["disagreement"]);
  EXPECT_EQ(rows["training_offered"]["cells"][1]["codes"], json({"training_none", "training_wanted"}));
  // Without the codes (a stale coding is left out by the caller) nothing disagrees.
  const json uncoded = Matrix(12, informants, interviews, guide_of, {}, codebook);
  for (const json& r : uncoded["rows"]) EXPECT_FALSE(r["disagreement"]) << r["question"];
}

}  // namespace
}  // namespace moteplass::studies
