// The analyses by meeting place: origin_spread (members' countries of background against the
// municipality's largest groups in Statistics Norway's table; a special category, so only counts,
// hidden for visitors where fewer than three members give a country) and perceived_vs_real
// (informants' closed answers against the followed share of decided cases).
#include <gtest/gtest.h>

#include "core/analysis/analyses.h"
#include "core/analysis/perceived.h"

namespace moteplass::analysis {
namespace {

using nlohmann::json;

Member Person(std::int64_t id, const std::string& country) {
  Member m;
  m.person = id;
  m.role = "member";
  m.starts = "2024-01-01";
  m.country = country;
  return m;
}

Unit Place(std::int64_t id, const std::string& name) {
  Unit u;
  u.id = id;
  u.name = name;
  u.kind = "council";
  u.county = "46";
  u.region = "vest";
  u.municipality = "4601";
  u.established = 2000;
  u.ssb_table = true;
  u.top_countries = {"PL", "LT", "SY", "SO", "ER"};
  return u;
}

Case Decided(const std::string& received, const std::string& outcome) { return {received, true, outcome}; }

Filter Today() {
  Filter f;
  f.today = "2026-06-30";
  return f;
}

double Value(const Dataset& d, std::size_t place, std::size_t measure) { return *d.values[d.Cell({place, measure})]; }

TEST(OriginSpread, CountsCountriesAndTheMunicipalitysLargestGroupsCovered) {
  Unit a = Place(1, "Innvandrerrådet");
  for (auto [id, c] : std::vector<std::pair<int, std::string>>{{1, "PL"}, {2, "PL"}, {3, "SO"}, {4, "AF"}, {5, ""}}) {
    a.members.push_back(Person(id, c));
  }
  Unit b = Place(2, "Dialogforum");
  b.members = {Person(6, "SY"), Person(7, "ER")};
  auto d = analysis::Run("origin_spread", {a, b}, Today(), {});
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->dimensions[0].id, "meeting_place");
  EXPECT_EQ(d->dimensions[1].categories[1].id, "top_countries_in_municipality_covered");
  EXPECT_EQ(Value(*d, 0, 0), 3);  // PL, SO, AF; the member with no country left out
  EXPECT_EQ(Value(*d, 0, 1), 2);  // PL and SO of the five
  EXPECT_EQ(d->contributors[d->Cell({0, 0})], 4);
  EXPECT_FALSE(d->AnySuppressed());

  // Visitors: two members with a country are too few, both cells hidden; never which countries.
  auto pub = RunPublic("origin_spread", {a, b}, Today(), {});
  ASSERT_TRUE(pub.ok());
  EXPECT_FALSE(pub->suppressed[pub->Cell({0, 0})]);
  EXPECT_TRUE(pub->suppressed[pub->Cell({1, 0})]);
  EXPECT_TRUE(pub->suppressed[pub->Cell({1, 1})]);
  EXPECT_FALSE(pub->values[pub->Cell({1, 0})].has_value());
  EXPECT_EQ(ToJsonStat(*pub, Lang::kNb).dump().find("\"SY\""), std::string::npos);
}

TEST(OriginSpread, WithoutTheTableTheCoveredCellIsEmptyAndTheNoteSaysWhy) {
  Unit a = Place(1, "Rådet");
  a.ssb_table = false;
  a.top_countries.clear();
  a.members = {Person(1, "PL"), Person(2, "LT"), Person(3, "UA")};
  auto d = analysis::Run("origin_spread", {a}, Today(), {});
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(Value(*d, 0, 0), 3);
  EXPECT_FALSE(d->values[d->Cell({0, 1})].has_value());
  EXPECT_NE(std::find(d->notes.begin(), d->notes.end(), "analysis.note.no_ssb_table"), d->notes.end());
}

TEST(PerceivedInfluence, ClosedAnswersScoreAsTheTableInDataSays) {
  json interview = {{"guide", "participant-2007"},
                    {"answers",
                     {{{"question", "place_influence"}, {"value", "yes"}, {"status", "answered"}},
                      {{"question", "own_influence"}, {"value", "no"}, {"status", "answered"}},
                      {{"question", "knew_before"}, {"value", "yes"}, {"status", "answered"}}}}};
  EXPECT_DOUBLE_EQ(*ClosedAnswerScore(interview), 0.5);
  interview["answers"][1]["status"] = "dont_know";
  EXPECT_DOUBLE_EQ(*ClosedAnswerScore(interview), 1.0);
  json regional = {{"guide", "imdi-regional-2007"},
                   {"answers", {{{"question", "authority_influence_or_dialogue"}, {"value", "both"}}}}};
  EXPECT_DOUBLE_EQ(*ClosedAnswerScore(regional), 0.5);
  EXPECT_FALSE(ClosedAnswerScore({{"guide", "participant-2007"}, {"answers", json::array()}}).has_value());
}

TEST(PerceivedVsReal, PerceivedPerInformantThenPlaceBesideTheFollowedShare) {
  Unit a = Place(1, "Rådet");
  a.opinions = {{1, 1.0, "2025-03-01"}, {1, 0.0, "2025-09-01"}, {2, 1.0, "2025-04-01"}, {3, 0.0, "2019-04-01"}};
  a.cases = {Decided("2025-02-01", "followed"), Decided("2025-05-01", "not_followed"),
             Decided("2025-06-01", "partly_followed"), Decided("2025-07-01", "no_decision"),
             Decided("2018-01-01", "followed")};
  Unit b = Place(2, "Uten data");
  Filter f = Today();
  f.from = 2024;
  auto d = analysis::Run("perceived_vs_real", {a, b}, f, {});
  ASSERT_TRUE(d.ok());
  ASSERT_EQ(d->dimensions[0].categories.size(), 1u);  // a place with nothing to show is left out
  EXPECT_EQ(d->dimensions[0].categories[0].label, "Rådet");
  EXPECT_DOUBLE_EQ(Value(*d, 0, 0), 0.75);     // informant 1: 0.5, informant 2: 1; 2019 outside
  EXPECT_DOUBLE_EQ(Value(*d, 0, 1), 1.0 / 3);  // one followed of three with a decision that counts
}

}  // namespace
}  // namespace moteplass::analysis
