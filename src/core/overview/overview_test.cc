// IMDi's overview: new meeting places per region and year against the target (the report's
// "at least 2 new meeting places per region", DOMAIN.md §1), those that ceased, and municipalities
// with many immigrants and no meeting place running.
#include "core/overview/overview.h"

#include <gtest/gtest.h>

namespace moteplass::overview {
namespace {

const Places& TestPlaces() {
  static const Places places = DefaultPlaces();
  return places;
}

MeetingPlace Place(std::int64_t id, const std::string& municipality, const std::string& region,
                   const std::string& established, const std::string& ceased = "") {
  MeetingPlace p;
  p.id = id;
  p.name = "Møteplass " + std::to_string(id);
  p.municipality = municipality;
  p.region = region;
  p.kind = "council";
  p.input.profile = nlohmann::json::object();
  p.input.established = established;
  p.input.ceased = ceased;
  return p;
}

const RegionOverview& RegionOf(const Overview& o, const std::string& id) {
  for (const auto& r : o.regions) {
    if (r.id == id) return r;
  }
  static const RegionOverview none;
  ADD_FAILURE() << "no region " << id;
  return none;
}

TEST(Overview, NewMeetingPlacesPerRegionAndYearAgainstTheTarget) {
  std::vector<MeetingPlace> places = {
      Place(1, "4601", "vest", "2026-03-01"), Place(2, "1103", "vest", "2026-09-15"),
      Place(3, "0301", "ost", "2025-01-10"),  Place(4, "0301", "ost", "2019-05-01", "2024-12-31"),
      Place(5, "5001", "midt-norge", ""),
  };
  places[4].input.profile["established_year"] = 2024;  // the profile's year when there is no date
  const Overview o = Build(places, TestPlaces(), {}, 2, 2026, {}, 0);
  EXPECT_EQ(o.regions.size(), TestPlaces().regions.size());
  const RegionOverview& vest = RegionOf(o, "vest");
  ASSERT_EQ(vest.years.size(), static_cast<std::size_t>(kYears));
  EXPECT_EQ(vest.years.front().year, 2022);
  EXPECT_EQ(vest.years.back().year, 2026);
  EXPECT_EQ(vest.years.back().started, 2);
  EXPECT_FALSE(vest.years.back().behind);  // the target of 2 is met
  const RegionOverview& ost = RegionOf(o, "ost");
  EXPECT_EQ(ost.years.back().started, 0);
  EXPECT_TRUE(ost.years.back().behind);
  EXPECT_EQ(ost.years[3].started, 1);  // 2025
  EXPECT_EQ(ost.years[2].ceased, 1);   // 2024
  EXPECT_EQ(ost.active, 1);
  EXPECT_EQ(RegionOf(o, "midt-norge").years[2].started, 1);
  EXPECT_EQ(RegionOf(o, "nord").behind_years, kYears);
  ASSERT_EQ(o.ceased.size(), 1u);
  EXPECT_EQ(o.ceased[0].id, 4);
  EXPECT_EQ(o.ceased[0].municipality, "Oslo");
  // A target of 0 is met by every region.
  EXPECT_EQ(RegionOf(Build(places, TestPlaces(), {}, 0, 2026, {}, 0), "nord").behind_years, 0);
}

TEST(Overview, ARegionalUserSeesTheirRegionOnly) {
  std::vector<MeetingPlace> places = {Place(1, "4601", "vest", "2026-03-01", "2026-06-01"),
                                      Place(2, "0301", "ost", "2020-01-01", "2026-02-01")};
  const Overview o = Build(places, TestPlaces(), {"vest"}, 2, 2026, {{"0301", 250000}, {"4601", 58000}}, 2024);
  ASSERT_EQ(o.regions.size(), 1u);
  EXPECT_EQ(o.regions[0].id, "vest");
  ASSERT_EQ(o.ceased.size(), 1u);
  EXPECT_EQ(o.ceased[0].id, 1);
  ASSERT_EQ(o.uncovered.size(), 1u);  // Bergen's only meeting place has ceased; Oslo is not in Vest
  EXPECT_EQ(o.uncovered[0].municipality, "4601");
}

TEST(Overview, MunicipalitiesWithManyImmigrantsAndNoMeetingPlace) {
  std::vector<MeetingPlace> places = {Place(1, "0301", "ost", "2010-01-01")};
  const std::map<std::string, std::int64_t> immigrants = {
      {"0301", 251000}, {"3301", 34000}, {"3201", 31000}, {"1820", 800}, {"1856", 40}};
  const Overview o = Build(places, TestPlaces(), {}, 2, 2026, immigrants, 2024);
  EXPECT_TRUE(o.has_ssb);
  ASSERT_EQ(o.uncovered.size(), 2u);  // Oslo has one; Alstahaug and Røst have few
  EXPECT_EQ(o.uncovered[0].name, "Drammen");
  EXPECT_EQ(o.uncovered[0].immigrants, 34000);
  EXPECT_EQ(o.uncovered[1].name, "Bærum");
  EXPECT_FALSE(Build(places, TestPlaces(), {}, 2, 2026, {}, 0).has_ssb);
}

}  // namespace
}  // namespace moteplass::overview
