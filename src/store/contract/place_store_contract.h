// The contract of PlaceStore (store/place_store.h) as a typed test suite that every backend
// instantiates (store_fixture.h says how): a fresh store holds the 2024 counties and
// municipalities and the default IMDi regions, and replacing the regions moves the records and
// leaves one history row under ("regions", "") and one audit row, whose "before" is what was
// replaced even when replacements race.
#pragma once

#include <algorithm>
#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "store/contract/store_fixture.h"

namespace moteplass::store_contract {

template <class Backend>
class PlaceStoreContractTest : public StoreContractTest<Backend> {
 protected:
  // The county numbered `number` in `places`, failing the test when there is none.
  static County CountyOf(const Places& places, const std::string& number) {
    auto it = std::find_if(places.counties.begin(), places.counties.end(),
                           [&](const County& c) { return c.number == number; });
    EXPECT_NE(it, places.counties.end()) << "no county " << number;
    return it == places.counties.end() ? County{} : *it;
  }
};

TYPED_TEST_SUITE_P(PlaceStoreContractTest);

TYPED_TEST_P(PlaceStoreContractTest, LoadsTheCountiesMunicipalitiesAndDefaultRegions) {
  auto places = this->places().Load();
  ASSERT_TRUE(places.ok()) << places.error().message;
  const Places defaults = DefaultPlaces();
  EXPECT_EQ(places->municipalities.size(), 357u);
  EXPECT_EQ(places->counties.size(), 15u);
  for (const County& c : places->counties) EXPECT_FALSE(c.region.empty()) << c.number;
  // In number order, as the interface promises.
  auto by_number = [](const auto& a, const auto& b) { return a.number < b.number; };
  EXPECT_TRUE(std::is_sorted(places->counties.begin(), places->counties.end(), by_number));
  EXPECT_TRUE(std::is_sorted(places->municipalities.begin(), places->municipalities.end(), by_number));
  EXPECT_EQ(places->municipalities.front().number, "0301");
  EXPECT_EQ(places->municipalities.front().county, "03");
  // The default regions, in the order the defaults give them.
  ASSERT_EQ(places->regions.size(), defaults.regions.size());
  for (std::size_t i = 0; i < defaults.regions.size(); ++i) {
    EXPECT_EQ(places->regions[i].id, defaults.regions[i].id);
    EXPECT_EQ(places->regions[i].name, defaults.regions[i].name);
    std::vector<std::string> counties = places->regions[i].counties;
    std::vector<std::string> expected = defaults.regions[i].counties;
    std::sort(counties.begin(), counties.end());
    std::sort(expected.begin(), expected.end());
    EXPECT_EQ(counties, expected) << defaults.regions[i].id;
  }
  EXPECT_EQ(this->CountyOf(*places, "03").region, "ost");
  EXPECT_EQ(this->CountyOf(*places, "46").region, "vest");
}

TYPED_TEST_P(PlaceStoreContractTest, ReplaceRegionsChangesTheRegionOfRecords) {
  MeetingPlace oslo = this->Create("Rådet");
  MeetingPlace bergen = this->Create("Bergen-rådet", "4601");
  EXPECT_EQ(oslo.region, "ost");
  std::vector<Region> regions = {{"hele", "Hele landet", {"03", "11"}}};
  ASSERT_TRUE(this->places().ReplaceRegions(regions, WriteContext{"kari", 0}).ok());
  auto places = this->places().Load();
  ASSERT_TRUE(places.ok());
  ASSERT_EQ(places->regions.size(), 1u);
  EXPECT_EQ(places->regions[0].id, "hele");
  EXPECT_EQ(places->regions[0].name, "Hele landet");
  EXPECT_EQ(places->regions[0].counties, (std::vector<std::string>{"03", "11"}));
  EXPECT_EQ(this->CountyOf(*places, "03").region, "hele");
  // A county no region covers any more has none.
  EXPECT_EQ(this->CountyOf(*places, "46").region, "");
  EXPECT_EQ(places->counties.size(), 15u);  // counties and municipalities stay
  EXPECT_EQ(places->municipalities.size(), 357u);
  EXPECT_EQ(this->meeting_places().Get(oslo.id)->region, "hele");
  EXPECT_EQ(this->meeting_places().Get(bergen.id)->region, "");
  MeetingPlaceQuery q;
  q.region = "hele";
  EXPECT_EQ(this->Names(q), (std::vector<std::string>{"Rådet"}));
  q.region = "vest";
  EXPECT_TRUE(this->Names(q).empty());
  auto audit = this->journal().AuditLog(1);
  ASSERT_TRUE(audit.ok());
  ASSERT_EQ(audit->size(), 1u);
  EXPECT_EQ((*audit)[0].action, "regions.replace");
  EXPECT_EQ((*audit)[0].target_type, "regions");
  EXPECT_EQ((*audit)[0].target_id, "");
  EXPECT_EQ((*audit)[0].by, "kari");
  EXPECT_EQ((*audit)[0].outcome, "ok");
  // A record created afterwards gets the new region too.
  EXPECT_EQ(this->Create("Nytt råd", "1103").region, "hele");
}

TYPED_TEST_P(PlaceStoreContractTest, RegionsKeepTheOrderTheyWereGiven) {
  std::vector<Region> regions = {{"vest", "IMDi Vest", {"11", "46"}}, {"andre", "De andre", {"03"}}};
  ASSERT_TRUE(this->places().ReplaceRegions(regions, kWriter).ok());
  auto places = this->places().Load();
  ASSERT_TRUE(places.ok());
  ASSERT_EQ(places->regions.size(), 2u);
  EXPECT_EQ(places->regions[0].id, "vest");
  EXPECT_EQ(places->regions[1].id, "andre");
  EXPECT_EQ(places->regions[1].counties, (std::vector<std::string>{"03"}));
}

TYPED_TEST_P(PlaceStoreContractTest, ReplacingRegionsIsKeptInTheHistoryOfRegions) {
  // The regions as a whole are one record: their history is kept under ("regions", "").
  ASSERT_TRUE(this->journal().History("regions", "")->empty());
  std::vector<Region> first = {{"hele", "Hele landet", {"03", "11"}}};
  ASSERT_TRUE(this->places().ReplaceRegions(first, WriteContext{"kari", 0}).ok());
  std::vector<Region> second = {{"alt", "Alt", {"46"}}};
  ASSERT_TRUE(this->places().ReplaceRegions(second, WriteContext{"ola", 0}).ok());
  auto history = this->journal().History("regions", "");
  ASSERT_TRUE(history.ok()) << history.error().message;
  ASSERT_EQ(history->size(), 2u);
  EXPECT_EQ((*history)[0].action, "replace");
  EXPECT_EQ((*history)[0].by, "ola");
  EXPECT_EQ((*history)[1].by, "kari");
  EXPECT_GT((*history)[0].id, (*history)[1].id);
  // The change shows the regions before and after.
  ASSERT_FALSE((*history)[0].changes.empty());
  const std::string before = (*history)[0].changes[0].before.dump();
  const std::string after = (*history)[0].changes[0].after.dump();
  EXPECT_NE(before.find("\"hele\""), std::string::npos) << before;
  EXPECT_NE(after.find("\"alt\""), std::string::npos) << after;
  EXPECT_EQ(after.find("\"hele\""), std::string::npos) << after;
  ASSERT_FALSE((*history)[1].changes.empty());
  EXPECT_NE((*history)[1].changes[0].before.dump().find("\"ost\""), std::string::npos);
  // No meeting place's history gets the rows.
  EXPECT_TRUE(this->journal().History("meeting_place", "")->empty());
}

TYPED_TEST_P(PlaceStoreContractTest, ConcurrentReplacementsRecordTheRegionsTheyReplaced) {
  // Each history row's "before" is what the replacement replaced: the "after" of the row before
  // it, however the replacements of several threads interleave.
  constexpr int kThreads = 4;
  constexpr int kEach = 8;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        const std::string id = "r" + std::to_string(t) + "-" + std::to_string(i);
        if (!this->places().ReplaceRegions({{id, "Region " + id, {"03"}}}, kWriter).ok()) ++failures;
      }
    });
  }
  for (std::thread& th : threads) th.join();
  ASSERT_EQ(failures.load(), 0);
  auto history = this->journal().History("regions", "");
  ASSERT_TRUE(history.ok()) << history.error().message;
  ASSERT_EQ(history->size(), static_cast<std::size_t>(kThreads * kEach));
  for (std::size_t i = 0; i < history->size(); ++i) ASSERT_EQ((*history)[i].changes.size(), 1u) << i;
  for (std::size_t i = 0; i + 1 < history->size(); ++i) {
    EXPECT_EQ((*history)[i].changes[0].before, (*history)[i + 1].changes[0].after)
        << "history row " << i << " (newest first) does not start where row " << i + 1 << " ended";
  }
  // The oldest replaced the default regions; the newest is what is in force.
  EXPECT_NE(history->back().changes[0].before.dump().find("\"ost\""), std::string::npos);
  auto places = this->places().Load();
  ASSERT_TRUE(places.ok());
  ASSERT_EQ(places->regions.size(), 1u);
  EXPECT_EQ(history->front().changes[0].after.at(0).at("id"), places->regions[0].id);
}

REGISTER_TYPED_TEST_SUITE_P(PlaceStoreContractTest, LoadsTheCountiesMunicipalitiesAndDefaultRegions,
                            ReplaceRegionsChangesTheRegionOfRecords, RegionsKeepTheOrderTheyWereGiven,
                            ReplacingRegionsIsKeptInTheHistoryOfRegions,
                            ConcurrentReplacementsRecordTheRegionsTheyReplaced);

}  // namespace moteplass::store_contract
