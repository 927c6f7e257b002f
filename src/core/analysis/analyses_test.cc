// The analyses against the report's chapter 4 (DOMAIN.md §4): a register shaped like the 17
// meeting places the report studied must give the report's numbers; and the public answers must
// not let a hidden cell be recovered by subtracting one answer from another.
#include "core/analysis/analyses.h"

#include <algorithm>

#include <gtest/gtest.h>

namespace moteplass::analysis {
namespace {

using nlohmann::json;

const std::vector<RegionName> kRegions = {{"ost", "IMDi Øst"}, {"vest", "IMDi Vest"}, {"midt", "IMDi Midt-Norge"}};

Unit Place(std::int64_t id, const std::string& kind, const std::string& initiative, int established, bool hearing,
           bool advisory, const std::string& county = "03", const std::string& region = "ost") {
  Unit u;
  u.id = id;
  u.kind = kind;
  u.county = county;
  u.region = region;
  u.established = established;
  u.profile = {{"initiative", initiative},
               {"seats", {{"immigrant_population", 7}, {"politicians", 3}, {"administration", 1}}},
               {"functions", {{"hearing_body", hearing}, {"advisory_body", advisory}, {"delegated_authority", false}}}};
  return u;
}

// The report's 17 (the meeting places were anonymised; what the report says of them is kept):
// six councils, four in six started by the municipality, one with formal hearing status; four
// contact committees, two hearing and two advisory bodies; three dialogue forums, two set up by
// the authorities, one a formal hearing body; four police forums. Five were established before
// 2000, most of the rest in the four years before the report (2007).
std::vector<Unit> ReportRegister() {
  std::vector<Unit> r;
  r.push_back(Place(1, "council", "authority", 1985, true, false));
  r.push_back(Place(2, "council", "authority", 1994, false, true, "46", "vest"));
  r.push_back(Place(3, "council", "authority", 2004, false, true, "46", "vest"));
  r.push_back(Place(4, "council", "authority", 2006, false, true, "50", "midt"));
  r.push_back(Place(5, "council", "immigrant_population", 2005, false, false));
  r.push_back(Place(6, "council", "immigrant_population", 2007, false, false, "46", "vest"));
  r.push_back(Place(7, "contact_committee", "authority", 1996, true, false));
  r.push_back(Place(8, "contact_committee", "authority", 1999, true, false, "50", "midt"));
  r.push_back(Place(9, "contact_committee", "authority", 2005, false, true, "46", "vest"));
  r.push_back(Place(10, "contact_committee", "organisation", 2006, false, true));
  r.push_back(Place(11, "dialogue", "authority", 1998, true, false));
  r.push_back(Place(12, "dialogue", "authority", 2005, false, false, "46", "vest"));
  r.push_back(Place(13, "dialogue", "organisation", 2006, false, false));
  for (int i = 0; i < 4; ++i) {
    r.push_back(
        Place(14 + i, "police_forum", "police", 2004 + i, false, false, i % 2 ? "46" : "03", i % 2 ? "vest" : "ost"));
  }
  return r;
}

Filter In2007() {
  Filter f;
  f.today = "2007-06-30";
  return f;
}

double Value(const Dataset& d, const std::vector<std::string>& ids) {
  std::vector<std::size_t> at;
  for (std::size_t k = 0; k < ids.size(); ++k) at.push_back(d.CategoryIndex(k, ids[k]));
  return d.values[d.Cell(at)].value_or(-1);
}

double RowSum(const Dataset& d, const std::string& first) {
  double sum = 0;
  for (const auto& c : d.dimensions[1].categories) sum += Value(d, {first, c.id});
  return sum;
}

struct Figure {
  std::string analysis;
  std::vector<std::string> cell;
  double value;
  const char* report;
};

class ReportFigures : public ::testing::TestWithParam<Figure> {};

TEST_P(ReportFigures, TheRegisterGivesTheReportsNumber) {
  const Figure& f = GetParam();
  auto d = analysis::Run(f.analysis, ReportRegister(), In2007(), kRegions);
  ASSERT_TRUE(d.ok()) << d.error().message;
  if (f.cell.size() == 1 && d->dimensions.size() == 2) {
    EXPECT_EQ(RowSum(*d, f.cell[0]), f.value) << f.report;
  } else {
    EXPECT_EQ(Value(*d, f.cell), f.value) << f.report;
  }
}

INSTANTIATE_TEST_SUITE_P(
    Chapter4, ReportFigures,
    ::testing::Values(Figure{"kinds", {"council"}, 6, "six councils"},
                      Figure{"kinds", {"contact_committee"}, 4, "four contact committees"},
                      Figure{"kinds", {"dialogue"}, 3, "three dialogue forums (police forums apart)"},
                      Figure{"kinds", {"police_forum"}, 4, "four police forums"},
                      Figure{"initiative", {"council", "authority"}, 4, "in four of six councils the municipality"},
                      Figure{"initiative", {"council", "immigrant_population"}, 2, "two started by immigrants"},
                      Figure{"initiative", {"dialogue", "authority"}, 2, "two dialogue forums set up by authorities"},
                      Figure{"established", {"before_2000"}, 5, "only five established before 2000"},
                      Figure{"hearing_status", {"council", "hearing_body"}, 1, "one council with hearing status"},
                      Figure{"hearing_status", {"contact_committee", "hearing_body"}, 2, "two hearing bodies"},
                      Figure{"hearing_status", {"contact_committee", "advisory_body"}, 2, "two advisory bodies"},
                      Figure{"hearing_status", {"dialogue", "hearing_body"}, 1, "one dialogue forum a hearing body"}));

TEST(Analyses, KindsByRegionAndFilters) {
  auto d = analysis::Run("kinds", ReportRegister(), In2007(), kRegions);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(Value(*d, {"council", "vest"}), 3);
  EXPECT_EQ(Value(*d, {"police_forum", "ost"}), 2);
  Filter vest = In2007();
  vest.region = "vest";
  auto v = analysis::Run("initiative", ReportRegister(), vest, kRegions);
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(RowSum(*v, "council"), 3);
  Filter county = In2007();
  county.county = "50";
  auto c = analysis::Run("kinds", ReportRegister(), county, kRegions);
  EXPECT_EQ(RowSum(*c, "council") + RowSum(*c, "contact_committee"), 2);
  // A period before most of them existed: the five from before 2000.
  Filter early = In2007();
  early.to = 1999;
  auto e = analysis::Run("established", ReportRegister(), early, kRegions);
  EXPECT_EQ(Value(*e, {"before_2000"}), 5);
  EXPECT_EQ(Value(*e, {"2005_2009"}), 0);
  EXPECT_FALSE(analysis::Run("nothing", ReportRegister(), In2007(), kRegions).ok());
  Filter backwards = In2007();
  backwards.from = 2006;
  backwards.to = 2005;
  auto b = analysis::Run("kinds", ReportRegister(), backwards, kRegions);
  ASSERT_FALSE(b.ok());
  EXPECT_EQ(b.error().pointer, "/to");
}

TEST(Analyses, PoliceForumsAreAKindOfTheirOwn) {
  EXPECT_EQ(KindCategory("dialogue", "police_forum"), "police_forum");
  EXPECT_EQ(KindCategory("dialogue", ""), "dialogue");
  EXPECT_EQ(KindCategory("", ""), "not_a_meeting_place");
  EXPECT_EQ(KindCategory("council", ""), "council");
}

TEST(Analyses, CompositionIsAShareOfStandingSeats) {
  auto d = analysis::Run("composition", ReportRegister(), In2007(), kRegions);
  ASSERT_TRUE(d.ok());
  EXPECT_NEAR(Value(*d, {"council", "immigrant_population"}), 7.0 / 11.0, 1e-9);
  EXPECT_NEAR(RowSum(*d, "council"), 1.0, 1e-9);
  EXPECT_EQ(Value(*d, {"womens_group", "politicians"}), -1);  // no seats: no share
}

Member M(std::int64_t person, const std::string& gender, const std::string& role = "member",
         const std::string& starts = "2003-11-01", std::optional<int> born = 1970) {
  return Member{person, gender, born, role, starts, "", ""};
}

// Operations data on the report's register: three councils with members, one police forum.
std::vector<Unit> WithMembers() {
  auto r = ReportRegister();
  r[0].members = {M(1, "woman", "chair", "1995-11-01"), M(2, "man"), M(3, "woman"), M(4, "man"), M(5, "man")};
  r[1].members = {M(6, "man", "chair"), M(7, "man", "secretary"), M(8, "man"), M(9, "woman"), M(10, "man")};
  r[2].members = {M(11, "woman", "chair"), M(1, "woman", "member"), M(12, "man", "member", "2003-11-01", 1991)};
  r[13].members = {M(13, "man", "chair"), M(13, "man", "secretary")};
  r[13].county = "50";  // the only police forum in its county
  r[13].region = "midt";
  return r;
}

TEST(Analyses, GenderBalanceYouthAndFierySoulsFromMemberships) {
  auto g = analysis::Run("gender_balance", WithMembers(), In2007(), kRegions);
  ASSERT_TRUE(g.ok());
  EXPECT_EQ(Value(*g, {"council", "at_least_40"}), 2);  // 2 of 5 women; 1 woman, 2 men of 3
  EXPECT_EQ(Value(*g, {"council", "under_40"}), 1);     // 1 of 5 women
  auto y = analysis::Run("youth", WithMembers(), In2007(), kRegions);
  EXPECT_EQ(Value(*y, {"council", "has_members_under_18"}), 1);  // born 1991: 16 in 2007
  auto f = analysis::Run("fiery_souls", WithMembers(), In2007(), kRegions);
  EXPECT_EQ(Value(*f, {"people_in_2_or_more"}), 1);      // person 1 sits in two councils
  EXPECT_EQ(Value(*f, {"places_with_long_chair"}), 1);   // chair since 1995
  EXPECT_EQ(Value(*f, {"places_depending_on_one"}), 1);  // chair and secretary in one
}

TEST(Analyses, InfluenceCountsCasesWithADecisionByOutcome) {
  auto r = ReportRegister();
  auto decided = [](const std::string& outcome, const std::string& received) {
    return analysis::Case{received, true, outcome};
  };
  r[0].cases = {decided("followed", "2006-02-01"), decided("followed", "2007-02-01"),
                decided("not_followed", "2007-03-01"), analysis::Case{"2007-04-01", false, ""}};
  auto d = analysis::Run("influence", r, In2007(), kRegions);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(Value(*d, {"council", "followed"}), 2);
  EXPECT_EQ(RowSum(*d, "council"), 3);
  Filter y2007 = In2007();
  y2007.from = 2007;
  y2007.to = 2007;
  EXPECT_EQ(Value(*analysis::Run("influence", r, y2007, kRegions), {"council", "followed"}), 1);
}

// ---- Privacy -----------------------------------------------------------------------------------

TEST(Privacy, SmallCellsAreHiddenForThePublicOnly) {
  auto full = analysis::Run("fiery_souls", WithMembers(), In2007(), kRegions);
  auto pub = RunPublic("fiery_souls", WithMembers(), In2007(), kRegions);
  ASSERT_TRUE(pub.ok());
  EXPECT_FALSE(full->AnySuppressed());
  // The police forum resting on its one person is below the threshold.
  const std::size_t cell = pub->CategoryIndex(0, "places_depending_on_one");
  EXPECT_TRUE(pub->suppressed[cell]);
  EXPECT_FALSE(pub->values[cell].has_value());
  const json stat = ToJsonStat(*pub, Lang::kNb);
  EXPECT_EQ(stat["status"][std::to_string(cell)], ":");
  EXPECT_EQ(stat["extension"]["suppressed"], true);
  EXPECT_EQ(stat["extension"]["threshold"], 3);
  EXPECT_TRUE(stat["value"][cell].is_null());
  // Counts of organisations stay whole.
  EXPECT_FALSE(RunPublic("kinds", WithMembers(), In2007(), kRegions)->AnySuppressed());
}

// A meeting place counted by what its people are, with fewer than three of them, is left out of
// every public answer: no answer for other years or places can then differ from another by it.
TEST(Privacy, MeetingPlacesOfFewerThanThreePeopleAreLeftOutOfPublicCounts) {
  auto units = WithMembers();
  auto without = units;
  without.erase(without.begin() + 13);  // the police forum of one person
  for (const char* name : {"gender_balance", "composition"}) {
    for (auto [from, to] : std::vector<std::pair<std::optional<int>, std::optional<int>>>{
             {std::nullopt, std::nullopt}, {2004, 2007}, {2007, 2007}}) {
      Filter f = In2007();
      f.from = from;
      f.to = to;
      auto pub = RunPublic(name, units, f, kRegions);
      ASSERT_TRUE(pub.ok());
      auto same = RunPublic(name, without, f, kRegions);
      EXPECT_EQ(pub->values, same->values) << name;
    }
    auto pub = RunPublic(name, units, In2007(), kRegions);
    if (std::string(name) == "gender_balance") {
      EXPECT_NE(std::find(pub->notes.begin(), pub->notes.end(), "analysis.note.small_places_left_out"),
                pub->notes.end());
    }
  }
  // The full table still counts it beside the three police forums known from their profiles.
  auto full = analysis::Run("gender_balance", units, In2007(), kRegions);
  EXPECT_EQ(Value(*full, {"police_forum", "unknown"}), 4);
  EXPECT_EQ(Value(*RunPublic("gender_balance", units, In2007(), kRegions), {"police_forum", "unknown"}), 3);
}

// Every public answer (nationally, per region, per county; for influence, per year too) must
// leave no row with exactly one hidden cell (its row total is public in `kinds`), and a cell
// hidden in a part (a county) must be hidden in every whole that contains it.
TEST(Privacy, NoHiddenCellCanBeRecoveredBySubtraction) {
  auto units = WithMembers();
  units[0].cases = {analysis::Case{"2006-02-01", true, "followed"}, analysis::Case{"2007-02-01", true, "followed"},
                    analysis::Case{"2007-03-01", true, "followed"}, analysis::Case{"2007-03-02", true, "not_followed"}};
  units[1].cases = {analysis::Case{"2007-02-01", true, "followed"}};
  std::vector<Filter> filters;
  for (const char* region : {"", "ost", "vest", "midt"}) {
    for (const char* county : {"", "03", "46", "50"}) {
      for (auto [from, to] : std::vector<std::pair<std::optional<int>, std::optional<int>>>{
               {std::nullopt, std::nullopt}, {2006, 2007}, {2006, 2006}, {2007, 2007}}) {
        Filter f = In2007();
        f.region = region;
        f.county = county;
        f.from = from;
        f.to = to;
        filters.push_back(f);
      }
    }
  }
  for (const char* name : {"gender_balance", "youth", "influence", "composition", "fiery_souls"}) {
    std::vector<Dataset> answers;
    for (const Filter& f : filters) answers.push_back(*RunPublic(name, units, f, kRegions));
    for (std::size_t a = 0; a < answers.size(); ++a) {
      const Dataset& d = answers[a];
      if (d.dimensions.size() == 2) {
        const std::size_t w = d.dimensions[1].categories.size();
        for (std::size_t row = 0; row < d.values.size(); row += w) {
          int hidden = 0;
          for (std::size_t j = row; j < row + w; ++j) hidden += d.suppressed[j] ? 1 : 0;
          EXPECT_NE(hidden, 1) << name << " answer " << a << " row " << row / w;
        }
      }
      // Whole (no county) minus part (one county) within the same region and years.
      if (!filters[a].county.empty()) continue;
      for (std::size_t b = 0; b < answers.size(); ++b) {
        if (filters[b].county.empty() || filters[b].region != filters[a].region || filters[b].from != filters[a].from ||
            filters[b].to != filters[a].to) {
          continue;
        }
        for (std::size_t i = 0; i < d.values.size(); ++i) {
          if (answers[b].suppressed[i]) {
            EXPECT_TRUE(d.suppressed[i]) << name << " cell " << i;
          }
        }
      }
    }
  }
}

TEST(Dataset, CsvHasOneRowPerCell) {
  auto d = RunPublic("gender_balance", WithMembers(), In2007(), kRegions);
  const std::string csv = ToCsv(*d, Lang::kEn);
  EXPECT_EQ(csv.rfind("kind,kind_label,balance,balance_label,value,status\r\n", 0), 0u);
  std::size_t rows = 0;
  for (char c : csv) rows += c == '\n' ? 1 : 0;
  EXPECT_EQ(rows, 1 + d->values.size());
  // The police forum of one person is left out (Privacy tests), the other three counted.
  EXPECT_NE(csv.find("police_forum,Police dialogue forum,unknown,Unknown,3,\r\n"), std::string::npos);
  const json stat = ToJsonStat(*d, Lang::kNn);
  EXPECT_EQ(stat["version"], "2.0");
  EXPECT_EQ(stat["class"], "dataset");
  EXPECT_EQ(stat["id"], json::array({"kind", "balance"}));
  EXPECT_EQ(stat["size"], json::array({9, 3}));
  EXPECT_EQ(stat["dimension"]["kind"]["category"]["label"]["council"], "Innvandrarråd");
}

}  // namespace
}  // namespace moteplass::analysis
