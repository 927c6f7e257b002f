#include "core/register/texts.h"

#include <gtest/gtest.h>

#include "core/places/places.h"
#include "core/register/meeting_place.h"

namespace moteplass {
namespace {

using nlohmann::json;

json Resource(const MeetingPlaceInput& input) {
  MeetingPlace place;
  place.input = input;
  return ToJson(place);
}

json Body(json extra) {
  json body = {{"profile",
                {{"name", "Innvandrerrådet"},
                 {"level", "municipal"},
                 {"municipality", "4601"},
                 {"permanent", true},
                 {"initiative", "authority"},
                 {"seats", {{"immigrant_population", 6}, {"politicians", 3}}},
                 {"immigrant_members_selected_by", "organisations_elect"},
                 {"immigrant_members_represent", "organisations"},
                 {"authority_role", "permanent_members"},
                 {"functions", {{"hearing_body", true}, {"advisory_body", true}, {"delegated_authority", false}}},
                 {"purposes", {"political_influence"}},
                 {"dialogue_between_parties", true}}},
               {"description", "Rådet møtes seks ganger i året."}};
  if (extra.is_object()) body.update(extra);
  return body;
}

TEST(TextsTest, TheMainTextIsBokmalUnlessTheClientSaysOtherwise) {
  auto in = ParseMeetingPlaceInput(Body({}), DefaultPlaces());
  ASSERT_TRUE(in.ok()) << in.error().message;
  EXPECT_EQ(in->language, "nb");
  EXPECT_TRUE(in->translations.empty());
  EXPECT_EQ(Resource(*in)["translations"], json::object());

  auto nn = ParseMeetingPlaceInput(Body({{"language", "nn"}}), DefaultPlaces());
  ASSERT_TRUE(nn.ok()) << nn.error().message;
  EXPECT_EQ(nn->language, "nn");
}

TEST(TextsTest, TranslationsAreReadAndEmptyOnesDropped) {
  auto in = ParseMeetingPlaceInput(
      Body({{"translations",
             {{"en", {{"description", "The council meets\nsix times a year."}, {"how_to_take_part", ""}}},
              {"nn", {{"description", ""}, {"how_to_take_part", nullptr}}}}}}),
      DefaultPlaces());
  ASSERT_TRUE(in.ok()) << in.error().message;
  ASSERT_EQ(in->translations.size(), 1u);
  EXPECT_EQ(in->translations.at("en").description, "The council meets\nsix times a year.");
  EXPECT_EQ(Resource(*in)["translations"]["en"]["how_to_take_part"], "");
}

// Each refusal names the field it is about.
TEST(TextsTest, AMistakeIsRefusedByName) {
  struct Case {
    json extra;
    std::string pointer;
  };
  const Case cases[] = {
      {{{"language", "de"}}, "/language"},
      {{{"language", 7}}, "/language"},
      {{{"translations", "English"}}, "/translations"},
      {{{"translations", {{"de", {{"description", "Der Rat"}}}}}}, "/translations/de"},
      {{{"translations", {{"nb", {{"description", "Rådet"}}}}}}, "/translations/nb"},
      {{{"language", "en"}, {"translations", {{"en", {{"description", "The council"}}}}}}, "/translations/en"},
      {{{"translations", {{"en", "The council"}}}}, "/translations/en"},
      {{{"translations", {{"en", {{"summary", "The council"}}}}}}, "/translations/en/summary"},
      {{{"translations", {{"en", {{"description", 3}}}}}}, "/translations/en/description"},
      {{{"translations", {{"en", {{"how_to_take_part", std::string(10001, 'x')}}}}}},
       "/translations/en/how_to_take_part"},
  };
  for (const Case& c : cases) {
    auto in = ParseMeetingPlaceInput(Body(c.extra), DefaultPlaces());
    ASSERT_FALSE(in.ok()) << c.extra.dump();
    EXPECT_EQ(in.error().pointer, c.pointer) << c.extra.dump() << ": " << in.error().message;
  }
}

TEST(TextsTest, AReaderSeesTheirLanguageWhenItIsWrittenInItElseTheMainText) {
  const std::string main = "Rådet møtes seks ganger i året.";
  Translations t;
  t["en"] = TranslatedTexts{"The council meets six times a year.", ""};
  EXPECT_EQ(*DescriptionFor(main, "nb", t, "en").text, "The council meets six times a year.");
  EXPECT_EQ(DescriptionFor(main, "nb", t, "en").language, "en");
  // Not translated: the main text, in its own language.
  EXPECT_EQ(*DescriptionFor(main, "nb", t, "nn").text, main);
  EXPECT_EQ(DescriptionFor(main, "nb", t, "nn").language, "nb");
  EXPECT_EQ(*HowToTakePartFor("Møtene er åpne.", "nb", t, "en").text, "Møtene er åpne.");
  EXPECT_EQ(HowToTakePartFor("Møtene er åpne.", "nb", t, "en").language, "nb");
  EXPECT_EQ(DescriptionFor(main, "nb", t, "nb").language, "nb");
}

TEST(TextsTest, TheStoredFormReadsBack) {
  Translations t;
  t["en"] = TranslatedTexts{"The council.", "Come along."};
  auto back = TranslationsFromStored(TranslationsToJson(t).dump());
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back, t);
  EXPECT_TRUE(TranslationsFromStored("{}")->empty());
  EXPECT_FALSE(TranslationsFromStored("[1]").ok());
}

}  // namespace
}  // namespace moteplass
