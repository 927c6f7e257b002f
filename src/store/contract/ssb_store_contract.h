// The contract of SsbStore (store/ssb_store.h) as a typed test suite every backend instantiates
// (store_fixture.h): nothing is imported in a fresh store; an import keeps every figure (withheld
// ones as unknown) and the latest immigrant population per municipality, with one history entry
// and one audit row; a second import replaces the first whole.
#pragma once

#include <algorithm>
#include <set>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "core/json_text.h"
#include "core/resources.h"
#include "store/contract/store_fixture.h"

namespace moteplass::store_contract {

template <class Backend>
class SsbStoreContractTest : public StoreContractTest<Backend> {
 protected:
  // The sample table shipped in data/ (12 municipalities, 2023 and 2024).
  static ssb::Table Sample() {
    auto doc = ParseJsonText(resources::Get("data/ssb-sample-09817.json"), "sample");
    EXPECT_TRUE(doc.ok());
    auto t = ssb::ParseTable(*doc, DefaultPlaces());
    EXPECT_TRUE(t.ok()) << t.error().message;
    return t.ok() ? *t : ssb::Table{};
  }
  // One municipality, one country, one year.
  static ssb::Table Tiny(std::int64_t persons) {
    ssb::Table t;
    t.label = "tiny";
    t.countries = {{"SO", "Somalia", false}};
    t.cells = {{"1856", "SO", "immigrants", 2024, persons}};
    t.population = {{"1856", 2024, persons}};
    return t;
  }
};

TYPED_TEST_SUITE_P(SsbStoreContractTest);

TYPED_TEST_P(SsbStoreContractTest, NothingIsImportedAtFirst) {
  auto info = this->store().ssb().Info();
  ASSERT_TRUE(info.ok()) << info.error().message;
  EXPECT_FALSE(info->has_value());
  auto population = this->store().ssb().ImmigrantPopulation();
  ASSERT_TRUE(population.ok());
  EXPECT_TRUE(population->empty());
}

TYPED_TEST_P(SsbStoreContractTest, KeepsEveryFigureAndTheLatestPopulation) {
  const ssb::Table sample = this->Sample();
  ASSERT_TRUE(this->store().ssb().Replace(sample, kWriter).ok());
  auto info = this->store().ssb().Info();
  ASSERT_TRUE(info.ok() && info->has_value());
  EXPECT_EQ((*info)->table_id, "09817");
  EXPECT_TRUE((*info)->sample);
  EXPECT_EQ((*info)->latest_year, 2024);
  EXPECT_EQ((*info)->municipalities, 12);
  EXPECT_EQ((*info)->figures, static_cast<std::int64_t>(sample.cells.size()));
  EXPECT_FALSE((*info)->imported_at.empty());

  auto population = this->store().ssb().ImmigrantPopulation();
  ASSERT_TRUE(population.ok());
  EXPECT_EQ(*population, ssb::LatestPopulation(sample.population));

  auto rost = this->store().ssb().Cells("1856");
  ASSERT_TRUE(rost.ok()) << rost.error().message;
  ASSERT_EQ(rost->size(), 2u * 7u * 2u);
  EXPECT_EQ(rost->front().year, 2024);     // newest first
  EXPECT_EQ(rost->front().country, "PL");  // in the table's order of countries
  std::size_t withheld = 0;
  for (const ssb::Cell& c : *rost) withheld += c.persons ? 0 : 1;
  EXPECT_GT(withheld, 0u);  // withheld figures stay unknown, not 0

  auto history = this->journal().History("ssb_table", "");
  ASSERT_TRUE(history.ok());
  ASSERT_EQ(history->size(), 1u);
  EXPECT_EQ((*history)[0].action, "import");
  EXPECT_TRUE((*history)[0].changes[0].before.is_null());
  EXPECT_EQ((*history)[0].changes[0].after["latest_year"], 2024);
  EXPECT_EQ(this->Audit(1)[0].action, "ssb_table.import");
}

TYPED_TEST_P(SsbStoreContractTest, AnImportReplacesTheOneBefore) {
  ASSERT_TRUE(this->store().ssb().Replace(this->Sample(), kWriter).ok());
  ASSERT_TRUE(this->store().ssb().Replace(this->Tiny(40), kWriter).ok());
  auto population = this->store().ssb().ImmigrantPopulation();
  ASSERT_TRUE(population.ok());
  EXPECT_EQ(*population, (std::map<std::string, std::int64_t>{{"1856", 40}}));
  EXPECT_TRUE(this->store().ssb().Cells("0301")->empty());
  auto info = this->store().ssb().Info();
  EXPECT_EQ((*info)->label, "tiny");
  EXPECT_FALSE((*info)->sample);
  auto history = this->journal().History("ssb_table", "");
  ASSERT_EQ(history->size(), 2u);
  // Each entry's before is the table the import replaced.
  bool found = false;
  for (const HistoryEntry& e : *history) found = found || e.changes[0].before["table_id"] == "09817";
  EXPECT_TRUE(found);
}

TYPED_TEST_P(SsbStoreContractTest, AFailedImportLeavesTheTableAsItWas) {
  ASSERT_TRUE(this->store().ssb().Replace(this->Tiny(40), kWriter).ok());
  ssb::Table twice = this->Tiny(50);
  twice.cells.push_back(twice.cells.front());  // the same cell twice: the database refuses it
  EXPECT_FALSE(this->store().ssb().Replace(twice, kWriter).ok());
  EXPECT_EQ(this->store().ssb().ImmigrantPopulation()->at("1856"), 40);
  EXPECT_EQ(this->journal().History("ssb_table", "")->size(), 1u);
}

// The bulk read of every municipality's latest year is what its Cells() sum to, per country.
TYPED_TEST_P(SsbStoreContractTest, LatestPersonsByCountryIsWhatEachMunicipalitysCellsSumTo) {
  const ssb::Table sample = this->Sample();
  ASSERT_TRUE(this->store().ssb().Replace(sample, kWriter).ok());
  auto all = this->store().ssb().LatestPersonsByCountry();
  ASSERT_TRUE(all.ok()) << all.error().message;
  std::set<std::string> municipalities;
  for (const ssb::Cell& c : sample.cells) municipalities.insert(c.municipality);
  SsbStore::PersonsByCountry want;
  for (const std::string& m : municipalities) {
    auto cells = this->store().ssb().Cells(m);
    ASSERT_TRUE(cells.ok());
    int latest = 0;
    for (const ssb::Cell& c : *cells) latest = std::max(latest, c.year);
    for (const ssb::Cell& c : *cells) {
      if (c.year == latest && c.persons) want[m][c.country] += *c.persons;
    }
  }
  EXPECT_EQ(*all, want);
  EXPECT_EQ(all->size(), 12u);
  ASSERT_TRUE(this->store().ssb().Replace(this->Tiny(40), kWriter).ok());
  EXPECT_EQ(*this->store().ssb().LatestPersonsByCountry(), (SsbStore::PersonsByCountry{{"1856", {{"SO", 40}}}}));
}

REGISTER_TYPED_TEST_SUITE_P(SsbStoreContractTest, NothingIsImportedAtFirst, KeepsEveryFigureAndTheLatestPopulation,
                            AnImportReplacesTheOneBefore, AFailedImportLeavesTheTableAsItWas,
                            LatestPersonsByCountryIsWhatEachMunicipalitysCellsSumTo);

}  // namespace moteplass::store_contract
