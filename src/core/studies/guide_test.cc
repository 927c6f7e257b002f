#include "core/studies/guide.h"

#include <set>

#include <gtest/gtest.h>

#include "core/studies/xlsform.h"

namespace moteplass::studies {
namespace {

using nlohmann::json;

json Guide(std::string_view id) {
  auto g = BuiltInGuide(id);
  EXPECT_TRUE(g.ok()) << g.error().message << " " << g.error().pointer;
  return g.ok() ? *g : json();
}

// The row of `sheet` whose column `column` (by header) holds `value`.
std::vector<std::string>* RowWith(std::vector<Sheet>& sheets, const std::string& sheet, const std::string& column,
                                  const std::string& value) {
  for (Sheet& s : sheets) {
    if (s.name != sheet) continue;
    const auto& header = s.rows[0];
    const auto col = std::find(header.begin(), header.end(), column) - header.begin();
    for (auto& row : s.rows) {
      if (static_cast<std::size_t>(col) < row.size() && row[col] == value) return &row;
    }
  }
  return nullptr;
}

TEST(Guides, BothBuiltInGuidesAreWholeInThreeLanguages) {
  const json participant = Guide("participant-2007");
  const json imdi = Guide("imdi-regional-2007");
  EXPECT_EQ(participant["questions"].size(), 70u);
  EXPECT_EQ(imdi["questions"].size(), 35u);
  for (const json* g : {&participant, &imdi}) {
    for (const json& q : (*g)["questions"]) {
      for (const char* lang : {"nb", "nn", "en"}) EXPECT_FALSE(q["label"][lang].get<std::string>().empty());
      // A follow-up's wording says which answer it follows.
      if (q["follows"].is_object() && q["follows"]["values"] == json::array({"yes"})) {
        const std::string nb = q["label"]["nb"];
        const std::string nn = q["label"]["nn"];
        const std::string en = q["label"]["en"];
        if (nb.rfind("Hvis ja", 0) == 0) {
          EXPECT_EQ(nn.rfind("Viss ja", 0), 0u) << q["name"];
          EXPECT_EQ(en.rfind("If yes", 0), 0u) << q["name"];
        }
      }
    }
  }
  // The report's wording, word for word.
  EXPECT_EQ((*FindQuestion(participant, "own_role"))["label"]["nb"],
            "Hva er din rolle i møteplassen, og hvordan fikk du den?");
  EXPECT_EQ((*FindQuestion(imdi, "hearing_body"))["label"]["nb"], "Brukes møteplassene som høringsinstanser?");
}

TEST(Guides, NynorskUsesNoBokmalWords) {
  const std::set<std::string> bokmal = {"hvordan",     "hvilke", "hvem",  "hva",       "ikke",
                                        "noe",         "noen",   "hvis",  "deltakere", "myndigheter",
                                        "innflytelse", "ønsker", "mener", "føler"};
  for (std::string_view id : kBuiltInGuides) {
    // Kept in a variable: a range-for over a member of a temporary outlives the temporary.
    const json guide = Guide(id);
    for (const json& q : guide["questions"]) {
      std::string word;
      const std::string text = q["label"]["nn"].get<std::string>() + " ";
      for (char c : text) {
        if (std::isalpha(static_cast<unsigned char>(c)) || (c & 0x80)) {
          word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        } else {
          EXPECT_FALSE(bokmal.count(word)) << q["name"] << ": " << word;
          word.clear();
        }
      }
    }
  }
}

TEST(Guides, ParseRefusesDuplicatesAndDanglingFollowUps) {
  json g = Guide("participant-2007");
  json dup = g;
  dup["questions"][1]["name"] = "own_role";
  auto r = ParseGuide(dup);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().pointer, "/questions/1/name");
  EXPECT_EQ(r.error().slug, "duplicate");

  json dangling = g;
  dangling["questions"][0]["follows"] = {{"question", "training_offered"}, {"values", {"yes"}}};
  r = ParseGuide(dangling);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().pointer, "/questions/0/follows/question");

  json bad_value = g;
  for (json& q : bad_value["questions"]) {
    if (q["name"] == "training_useful") q["follows"]["values"] = {"maybe"};
  }
  r = ParseGuide(bad_value);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().pointer.find("/follows/values/0"), std::string::npos);

  json open_pointer = g;
  open_pointer["questions"][0]["profile_pointer"] = "/profile/functions/hearing_body";
  EXPECT_FALSE(ParseGuide(open_pointer).ok());
}

TEST(XlsForm, BothGuidesGoOutAndComeBackUnchanged) {
  for (std::string_view id : kBuiltInGuides) {
    const json g = Guide(id);
    auto sheets = ToXlsForm(g, 3);
    auto back = FromXlsForm(sheets);
    ASSERT_TRUE(back.ok()) << back.error().message;
    EXPECT_EQ(*back, g) << id;
  }
}

TEST(XlsForm, TheFormCarriesTheInterviewContextAndFollowUpsAsRelevant) {
  auto sheets = ToXlsForm(Guide("participant-2007"), 2);
  ASSERT_EQ(sheets.size(), 3u);
  EXPECT_EQ(sheets[0].name, "survey");
  EXPECT_EQ(sheets[0].rows[0][2], "label::bokmål (nb)");
  auto* version = RowWith(sheets, "survey", "name", "moteplass_version");
  ASSERT_NE(version, nullptr);
  EXPECT_EQ((*version)[0], "calculate");
  EXPECT_NE(std::find(version->begin(), version->end(), "'2'"), version->end());
  for (const char* context : {"moteplass_guide", "informant", "meeting_place", "mode", "start", "end"}) {
    EXPECT_NE(RowWith(sheets, "survey", "name", context), nullptr) << context;
  }
  auto* useful = RowWith(sheets, "survey", "name", "training_useful");
  ASSERT_NE(useful, nullptr);
  EXPECT_NE(std::find(useful->begin(), useful->end(), "selected(${training_offered}, 'yes')"), useful->end());
  auto* group = RowWith(sheets, "survey", "type", "begin group");
  ASSERT_NE(group, nullptr);
  auto* settings = RowWith(sheets, "settings", "form_id", "participant-2007");
  ASSERT_NE(settings, nullptr);
  EXPECT_EQ((*settings)[3], "bokmål (nb)");
}

TEST(XlsForm, KoboSpellingsAreAccepted) {
  auto sheets = ToXlsForm(Guide("imdi-regional-2007"), 1);
  for (auto& row : sheets[0].rows) {
    if (!row.empty() && row[0] == "begin group") row[0] = "begin_group";
    if (!row.empty() && row[0] == "end group") row[0] = "end_group";
  }
  sheets[0].rows[0][2] = "label::Norsk bokmål (nb)";
  auto back = FromXlsForm(sheets);
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(*back, Guide("imdi-regional-2007"));
}

TEST(XlsForm, ErrorsNameTheSheetRowAndColumn) {
  auto sheets = ToXlsForm(Guide("participant-2007"), 1);
  // Two questions with one name.
  auto dup = sheets;
  std::size_t row_number = 0;
  for (std::size_t r = 0; r < dup[0].rows.size(); ++r) {
    if (dup[0].rows[r][1] == "knew_before") {
      dup[0].rows[r][1] = "own_role";
      row_number = r + 1;
    }
  }
  auto e = FromXlsForm(dup);
  ASSERT_FALSE(e.ok());
  EXPECT_EQ(e.error().slug, "xlsform");
  EXPECT_EQ(e.error().message.rfind("sheet survey, row " + std::to_string(row_number) + ", column B (name)", 0), 0u)
      << e.error().message;

  // A missing nynorsk label.
  auto missing = sheets;
  (*RowWith(missing, "survey", "name", "purpose"))[3] = "";
  e = FromXlsForm(missing);
  ASSERT_FALSE(e.ok());
  EXPECT_NE(e.error().message.find("column D (label::nynorsk (nn))"), std::string::npos) << e.error().message;

  // A relevant we cannot read, an unknown type, a choice list missing.
  auto relevant = sheets;
  (*RowWith(relevant, "survey", "name", "training_useful"))[8] = "${training_offered} > 2";
  e = FromXlsForm(relevant);
  ASSERT_FALSE(e.ok());
  EXPECT_NE(e.error().message.find("column I (relevant)"), std::string::npos) << e.error().message;
  auto type = sheets;
  (*RowWith(type, "survey", "name", "purpose"))[0] = "geopoint";
  e = FromXlsForm(type);
  ASSERT_FALSE(e.ok());
  EXPECT_NE(e.error().message.find("column A (type)"), std::string::npos);
  auto no_settings = sheets;
  no_settings.pop_back();
  e = FromXlsForm(no_settings);
  ASSERT_FALSE(e.ok());
  EXPECT_EQ(e.error().message.rfind("sheet settings", 0), 0u);
}

TEST(XlsForm, ColumnLetters) {
  EXPECT_EQ(ColumnLetter(0), "A");
  EXPECT_EQ(ColumnLetter(25), "Z");
  EXPECT_EQ(ColumnLetter(26), "AA");
  EXPECT_EQ(ColumnLetter(27 * 26), "AAA");
}

}  // namespace
}  // namespace moteplass::studies
