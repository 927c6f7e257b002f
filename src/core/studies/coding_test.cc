#include "core/studies/coding.h"

#include <set>

#include <gtest/gtest.h>

namespace moteplass::studies {
namespace {

using nlohmann::json;

// An answer as the report quotes its informants, with Norwegian letters and an emoji: offsets
// are code points, so "ø" and "😊" count one each although UTF-8 spends 2 and 4 bytes on them.
const std::string kText = "Vi blir ikke hørt 😊 før det er for sent.";

TEST(Coding, OffsetsAreCodePointsWithNorwegianLettersAndEmoji) {
  EXPECT_EQ(CodePoints(kText), 40);
  EXPECT_EQ(Slice(kText, 3, 17), "blir ikke hørt");
  EXPECT_EQ(Slice(kText, 18, 19), "😊");
  EXPECT_EQ(Slice(kText, 20, 23), "før");
  EXPECT_EQ(Slice(kText, 35, 99), "sent.");
  auto at = Locate(kText, "før det");
  ASSERT_TRUE(at.has_value());
  EXPECT_EQ(at->first, 20);
  EXPECT_EQ(at->second, 27);
  int count = 0;
  EXPECT_TRUE(Locate(kText, "r ", &count).has_value());
  EXPECT_EQ(count, 4);
  EXPECT_FALSE(Locate(kText, "hørte").has_value());
}

TEST(Coding, WordsCarryTheirCodePointOffsets) {
  const std::vector<Word> words = Words(kText);
  ASSERT_EQ(words.size(), 10u);
  EXPECT_EQ(words[3].text, "hørt");
  EXPECT_EQ(words[3].start, 13);
  EXPECT_EQ(words[3].end, 17);
  EXPECT_EQ(words[4].text, "😊");
  EXPECT_EQ(words[4].start, 18);
  EXPECT_EQ(Slice(kText, words[1].start, words[3].end), "blir ikke hørt");
  EXPECT_TRUE(Words("  \n ").empty());
}

TEST(Coding, APassageOutsideTheAnswerIsRefusedNamingTheField) {
  const json answer = {{"question", "place_influence"}, {"value", "no"}, {"text", kText}, {"revision", 2}};
  const json& codes = DefaultCodebook();
  auto coding = [](json start, json end, std::string code = "influence_not_heard") {
    auto c = ParseCoding(
        {{"interview", 1}, {"question", "place_influence"}, {"start", start}, {"end", end}, {"code", code}});
    EXPECT_TRUE(c.ok());
    return c.ok() ? *c : json();
  };
  EXPECT_TRUE(CheckCoding(coding(3, 17), answer, codes).ok());
  EXPECT_TRUE(CheckCoding(coding(0, 40), answer, codes).ok());
  EXPECT_TRUE(CheckCoding(coding(nullptr, nullptr), answer, codes).ok());
  EXPECT_EQ(CheckCoding(coding(3, 41), answer, codes).error().pointer, "/end");
  EXPECT_EQ(CheckCoding(coding(40, 41), answer, codes).error().pointer, "/start");
  EXPECT_EQ(CheckCoding(coding(3, 17, "heard_maybe"), answer, codes).error().pointer, "/code");
  EXPECT_EQ(CheckCoding(coding(3, 17), json(), codes).error().pointer, "/question");
  const json closed = {{"question", "hearing_body"}, {"value", "yes"}, {"text", nullptr}, {"revision", 1}};
  EXPECT_EQ(CheckCoding(coding(0, 1), closed, codes).error().pointer, "/start");
  EXPECT_TRUE(CheckCoding(coding(nullptr, nullptr), closed, codes).ok());

  auto bad = [](const json& body) { return ParseCoding(body).error().pointer; };
  EXPECT_EQ(bad({{"interview", 1}, {"question", "q"}, {"start", 3}, {"code", "x"}}), "/end");
  EXPECT_EQ(bad({{"interview", 1}, {"question", "q"}, {"start", 5}, {"end", 5}, {"code", "x"}}), "/end");
  EXPECT_EQ(bad({{"interview", 1}, {"question", "q"}, {"start", -1}, {"end", 5}, {"code", "x"}}), "/start");
  EXPECT_EQ(bad({{"question", "q"}, {"code", "x"}}), "/interview");
  EXPECT_EQ(bad({{"interview", 1}, {"question", "q"}}), "/code");
  EXPECT_EQ(bad({{"interview", 1}, {"question", "q"}, {"code", "x"}, {"colour", "red"}}), "/colour");
}

TEST(Coding, ACodingIsStaleOnceTheAnswersTextIsEdited) {
  const json coding = {{"answer_revision", 1}};
  EXPECT_FALSE(IsStale(coding, {{"revision", 1}}));
  EXPECT_TRUE(IsStale(coding, {{"revision", 2}}));
  EXPECT_TRUE(IsStale(coding, json()));
}

// The default codebook: the report's common traits and the typology's criteria, named in the
// three languages, each group's codes positions on one matter.
TEST(Codebook, TheDefaultHoldsTheReportsTraitsAndTheCriteriaInThreeLanguages) {
  const json& codes = DefaultCodebook();
  auto parsed = ParseCodebook({{"codes", codes}});
  ASSERT_TRUE(parsed.ok()) << parsed.error().pointer << " " << parsed.error().message;
  EXPECT_EQ(*parsed, codes);
  std::set<std::string> groups;
  for (const json& c : codes) {
    groups.insert(c["group"].get<std::string>());
    for (const char* lang : {"nb", "nn", "en"}) EXPECT_FALSE(c["name"][lang].get<std::string>().empty());
  }
  for (const char* trait : {"training", "training_need", "finances", "known", "politicians", "cooperation", "network",
                            "fiery_souls", "recruitment", "representativeness", "influence", "continuity"}) {
    EXPECT_TRUE(groups.count(trait)) << trait;
  }
  for (const char* criterion : {"criterion_immigrant_participants", "criterion_local_authority", "criterion_dialogue",
                                "criterion_organised", "criterion_voice"}) {
    EXPECT_TRUE(groups.count(criterion)) << criterion;
  }
  ASSERT_NE(FindCode(codes, "influence_heard"), nullptr);
  EXPECT_EQ((*FindCode(codes, "influence_heard"))["name"]["nn"], "Blir høyrd");
}

TEST(Codebook, BadCodesAreRefusedNamingTheField) {
  auto pointer = [](const json& codes) { return ParseCodebook({{"codes", codes}}).error().pointer; };
  const json name = {{"nb", "Blir hørt"}, {"nn", "Blir høyrd"}, {"en", "Is heard"}};
  EXPECT_EQ(pointer({{{"id", "Heard"}, {"name", name}}}), "/codes/0/id");
  EXPECT_EQ(pointer({{{"id", "heard"}, {"name", name}}, {{"id", "heard"}, {"name", name}}}), "/codes/1/id");
  EXPECT_EQ(pointer({{{"id", "heard"}, {"name", {{"nb", "Blir hørt"}}}}}), "/codes/0/name/nn");
  EXPECT_EQ(pointer({{{"id", "heard"}, {"name", name}, {"group", "Influence!"}}}), "/codes/0/group");
  EXPECT_EQ(ParseCodebook(json::array()).error().pointer, "/");
  auto ok = ParseCodebook({{"codes", {{{"id", "heard"}, {"name", name}, {"description", "Opplevd."}}}}});
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ((*ok)[0]["group"], nullptr);
  EXPECT_EQ((*ok)[0]["description"], "Opplevd.");
}

}  // namespace
}  // namespace moteplass::studies
