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

}  // namespace
}  // namespace moteplass::studies
