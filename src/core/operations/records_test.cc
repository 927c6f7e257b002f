#include "core/operations/records.h"

#include <gtest/gtest.h>

#include "core/operations/fields.h"
#include "core/operations/influence.h"

namespace moteplass::ops {
namespace {

using nlohmann::json;

// Terms follow the municipal election cycle: 2023, 2027, 2031, ...; a term runs from 1 November
// of the election year to 31 October four years later.
TEST(Terms, FollowTheMunicipalElectionCycle) {
  EXPECT_TRUE(IsElectionYear(2023));
  EXPECT_TRUE(IsElectionYear(2027));
  EXPECT_TRUE(IsElectionYear(2019));
  EXPECT_FALSE(IsElectionYear(2026));
  EXPECT_EQ(TermOf("2026-05-17"), std::make_pair(std::string("2023-11-01"), std::string("2027-10-31")));
  EXPECT_EQ(TermOf("2023-10-31"), std::make_pair(std::string("2019-11-01"), std::string("2023-10-31")));
  EXPECT_EQ(TermOf("2023-11-01"), std::make_pair(std::string("2023-11-01"), std::string("2027-10-31")));
  EXPECT_EQ(TermOf("2027-12-01"), std::make_pair(std::string("2027-11-01"), std::string("2031-10-31")));
}

TEST(Fields, DatesAndInstants) {
  EXPECT_TRUE(IsDate("2024-02-29"));
  EXPECT_FALSE(IsDate("2023-02-29"));
  EXPECT_FALSE(IsDate("2023-13-01"));
  EXPECT_EQ(DateOfDay(DayNumber("2026-03-01") - 1), "2026-02-28");
  auto utc = InstantField(json{{"t", "2026-01-01T00:30:00+01:00"}}, "t", "", true);
  ASSERT_TRUE(utc.ok());
  EXPECT_EQ(*utc, "2025-12-31T23:30:00Z");
  auto bad = InstantField(json{{"t", "2026-01-01 00:30"}}, "t", "/x", true);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().pointer, "/x/t");
}

TEST(Fields, OsloTime) {
  EXPECT_EQ(OsloLocal("2026-02-03T17:00:00Z"), "2026-02-03 18:00");
  EXPECT_EQ(OsloLocal("2026-06-03T17:00:00Z"), "2026-06-03 19:00");
  // Summer time starts on the last Sunday of March at 01:00 UTC (29 March 2026).
  EXPECT_EQ(OsloLocal("2026-03-29T00:59:00Z"), "2026-03-29 01:59");
  EXPECT_EQ(OsloLocal("2026-03-29T01:00:00Z"), "2026-03-29 03:00");
  EXPECT_EQ(OsloLocal("2026-10-25T00:59:00Z"), "2026-10-25 02:59");
  EXPECT_EQ(OsloLocal("2026-10-25T01:00:00Z"), "2026-10-25 02:00");
  EXPECT_EQ(OsloDate(DayNumber("2026-12-31") * 86400 + 23 * 3600 + 30 * 60), "2027-01-01");
}

TEST(Person, SpecialCategoriesNeedABasis) {
  auto refused = ParsePerson(json{{"name", "Amina"}, {"country_of_background", "SO"}});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().pointer, "/special_category_basis");
  auto declined =
      ParsePerson(json{{"name", "Amina"}, {"immigrant_background", "declined"}, {"special_category_basis", "consent"}});
  ASSERT_TRUE(declined.ok());
  EXPECT_EQ((*declined)["immigrant_background"], "declined");
  EXPECT_EQ((*declined)["show_publicly"], false);
  EXPECT_EQ((*declined)["gender"], "unknown");
}

TEST(Person, TheHistoryRecordsThatASpecialCategoryChangedNeverItsValue) {
  json before =
      *ParsePerson(json{{"name", "A"}, {"country_of_background", "SO"}, {"special_category_basis", "consent"}});
  json after = before;
  after["country_of_background"] = "ER";
  after["name"] = "B";
  auto changes = ChangesOf(Kind::kPerson, before, after);
  ASSERT_EQ(changes.size(), 2u);
  for (const FieldChange& c : changes) {
    if (c.pointer == "/country_of_background") {
      EXPECT_TRUE(c.before.is_null());
      EXPECT_TRUE(c.after.is_null());
    } else {
      EXPECT_EQ(c.after, "B");
    }
  }
}

TEST(Meeting, AgendaItemsAreOrderedAndAttendanceDeduplicated) {
  auto m = ParseMeeting(json{{"starts_at", "2026-02-03T17:00:00Z"},
                             {"agenda", {{{"title", "B"}, {"order", 2}}, {{"title", "A"}, {"order", 1}}}},
                             {"attendance", {3, 3, 4}}});
  ASSERT_TRUE(m.ok()) << m.error().message;
  EXPECT_EQ((*m)["agenda"][0]["title"], "A");
  EXPECT_EQ((*m)["attendance"], json::array({3, 4}));
  EXPECT_EQ((*m)["kind"], "ordinary");
  EXPECT_EQ((*m)["public"], true);
}

// The report's measure of real influence, worked by hand.
TEST(Influence, CountsCasesStatementsAndOutcomes) {
  std::vector<json> cases = {
      {{"kind", "hearing"},
       {"received", "2025-01-10"},
       {"deadline", "2025-02-10"},
       {"sent", "2025-02-10"},
       {"decision", {{"outcome", "followed"}}}},
      {{"kind", "hearing"},
       {"received", "2025-04-01"},
       {"deadline", "2025-04-20"},
       {"sent", "2025-04-25"},
       {"decision", {{"outcome", "partly_followed"}}}},
      {{"kind", "hearing"}, {"received", "2025-09-01"}, {"decision", {{"outcome", "not_followed"}}}},
      {{"kind", "own_initiative"}, {"received", "2026-03-01"}, {"decision", {{"outcome", "no_decision"}}}},
  };
  json inf = Influence(cases, std::nullopt, std::nullopt, "2026-11-26");
  ASSERT_EQ(inf["years"].size(), 2u);
  const json& y = inf["years"][0];
  EXPECT_EQ(y["year"], 2025);
  EXPECT_EQ(y["cases"]["hearing"], 3);
  EXPECT_EQ(y["statements_before_deadline"], 1);
  EXPECT_EQ(y["statements_after_deadline"], 1);
  EXPECT_DOUBLE_EQ(y["followed_share"].get<double>(), 1.0 / 3);
  EXPECT_DOUBLE_EQ(y["followed_or_partly_share"].get<double>(), 2.0 / 3);
  EXPECT_EQ(y["months_since_last_hearing"], 3);
  EXPECT_TRUE(inf["years"][1]["followed_share"].is_null());  // no_decision is not in the denominator
  EXPECT_EQ(inf["total"]["months_since_last_hearing"], 14);
  EXPECT_EQ(inf["total"]["outcomes"]["no_decision"], 1);
  EXPECT_TRUE(Influence({}, 2020, 2020, "2026-01-01")["total"]["followed_share"].is_null());
}

TEST(Influence, WholeMonths) {
  EXPECT_EQ(WholeMonths("2026-01-31", "2026-02-28"), 0);
  EXPECT_EQ(WholeMonths("2025-11-26", "2026-11-26"), 12);
  EXPECT_EQ(WholeMonths("2025-11-27", "2026-11-26"), 11);
}

}  // namespace
}  // namespace moteplass::ops
