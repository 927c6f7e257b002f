// The history page's words for each change: labels in the reader's language, values as the
// pages show them, never JSON.
#include "http/register/history_view.h"

#include <gtest/gtest.h>

namespace moteplass::http::registry {
namespace {

using nlohmann::json;

const Places& TestPlaces() {
  static const Places places = DefaultPlaces();
  return places;
}

std::vector<ChangeInWords> Words(const std::vector<FieldChange>& changes, Lang lang, bool authors = true) {
  return DescribeChanges(changes, TestPlaces(), lang, authors);
}

TEST(HistoryView, FieldsHaveTheirLabelsAndChoicesTheirNames) {
  auto words = Words({{"/profile/seats/politicians", 2, 3},
                      {"/profile/initiative", "authority", "organisation"},
                      {"/profile/functions/hearing_body", false, true}},
                     Lang::kNn);
  ASSERT_EQ(words.size(), 3u);
  EXPECT_EQ(words[0].field, Msg("form.field.profile.seats.politicians", Lang::kNn));
  EXPECT_EQ(words[0].before, "2");
  EXPECT_EQ(words[1].before, Msg("enum.initiative.authority", Lang::kNn));
  EXPECT_EQ(words[1].after, Msg("enum.initiative.organisation", Lang::kNn));
  EXPECT_EQ(words[2].before, "Nei");
  EXPECT_EQ(words[2].after, "Ja");
}

TEST(HistoryView, PlacesAreNamedAndDerivedColumnsAreNotRepeated) {
  auto words = Words(
      {{"/municipality", "0301", "4601"}, {"/profile/municipality", "0301", "4601"}, {"/region", "ost", "vest"}},
      Lang::kNb);
  ASSERT_EQ(words.size(), 2u);
  EXPECT_EQ(words[0].before, "Oslo (0301)");
  EXPECT_EQ(words[0].after, "Bergen (4601)");
  EXPECT_EQ(words[1].field, "IMDi-region");
  EXPECT_EQ(words[1].after, "IMDi Vest");
}

TEST(HistoryView, ListsDatesAndEmptyValuesReadAsText) {
  auto words = Words({{"/profile/purposes", json::array({"dialogue", "information"}), json::array()},
                      {"/established", nullptr, "2007-05-03"},
                      {"/recorded_kind/at", nullptr, "2026-07-01T12:00:00Z"}},
                     Lang::kEn);
  ASSERT_EQ(words.size(), 3u);
  EXPECT_EQ(words[0].before,
            Msg("enum.purposes.dialogue", Lang::kEn) + ", " + Msg("enum.purposes.information", Lang::kEn));
  EXPECT_EQ(words[0].after, "(empty)");
  EXPECT_EQ(words[1].after, "3 May 2007");
  EXPECT_EQ(words[2].after, "1 Jul 2026, 14:00");
  for (const auto& w : words) {
    EXPECT_EQ(w.field.find('/'), std::string::npos) << w.field;
    EXPECT_EQ(w.before.find('['), std::string::npos) << w.before;
  }
}

TEST(HistoryView, WhoRecordedAKindIsShownOnlyToThoseWhoMaySeeAuthors) {
  const json recorded = {
      {"kind", "council"}, {"justification", "Vedtak"}, {"by", "kari"}, {"at", "2026-01-01T10:00:00Z"}};
  auto hidden = Words({{"/recorded_kind", nullptr, recorded}, {"/recorded_kind/by", "ola", "kari"}}, Lang::kNb, false);
  ASSERT_EQ(hidden.size(), 2u);
  EXPECT_EQ(hidden[0].after.find("kari"), std::string::npos) << hidden[0].after;
  EXPECT_NE(hidden[0].after.find(Msg("typology.kind.council", Lang::kNb)), std::string::npos) << hidden[0].after;
  EXPECT_EQ(hidden[1].after, "–");
  auto shown = Words({{"/recorded_kind/by", "ola", "kari"}}, Lang::kNb, true);
  EXPECT_EQ(shown[0].after, "kari");
}

TEST(HistoryView, ACreatedRecordIsListedFieldByField) {
  const json created = {{"profile", {{"name", "Rådet"}, {"municipality", "4601"}, {"seats", {{"politicians", 3}}}}},
                        {"name", "Rådet"},
                        {"municipality", "4601"},
                        {"contact", {{"email", "a@b.no"}, {"phone", ""}}}};
  auto words = Words({{"", nullptr, created}}, Lang::kNb);
  std::vector<std::string> fields;
  for (const auto& w : words) fields.push_back(w.field + "=" + w.after);
  EXPECT_EQ(fields, (std::vector<std::string>{Msg("form.field.contact.email", Lang::kNb) + "=a@b.no",
                                              "Kommune=Bergen (4601)", "Navn=Rådet", "Politikere=3"}));
}

TEST(HistoryView, LongTextsAreCutWithoutBreakingACharacter) {
  const std::string long_text(199, 'a');
  auto words = Words({{"/website", nullptr, long_text + "øøøø"}}, Lang::kNb);
  const std::string& after = words.at(0).after;
  EXPECT_EQ(after.substr(0, 199), long_text);
  EXPECT_EQ(after.substr(199), " …");
}

}  // namespace
}  // namespace moteplass::http::registry
