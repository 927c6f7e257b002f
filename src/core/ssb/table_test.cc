// The JSON-stat 2.0 reader of SSB's table of immigrants and Norwegian-born to immigrant parents:
// the sample shipped in data/ and small tables in SSB's shape, then one bad file per rule, each
// refused with the pointer that names the dimension, category or position.
#include "core/ssb/table.h"

#include <gtest/gtest.h>

#include "core/json_text.h"
#include "core/resources.h"

namespace moteplass::ssb {
namespace {

using nlohmann::json;

const Places& TestPlaces() {
  static const Places places = DefaultPlaces();
  return places;
}

// A table in SSB's shape: Region x InnvandrKat x Landbakgrunn x ContentsCode x Tid.
json Small() {
  return json::parse(R"({
    "version": "2.0", "class": "dataset", "label": "09817: Innvandrere og norskfødte med innvandrerforeldre",
    "source": "Statistisk sentralbyrå", "updated": "2024-03-05T07:00:00Z",
    "role": {"time": ["Tid"], "metric": ["ContentsCode"], "geo": ["Region"]},
    "id": ["Region", "InnvandrKat", "Landbakgrunn", "ContentsCode", "Tid"],
    "size": [3, 2, 2, 1, 2],
    "dimension": {
      "Region": {"label": "region", "category": {"index": {"0": 0, "4601": 1, "1856": 2},
                 "label": {"0": "Hele landet", "4601": "Bergen", "1856": "Røst"}}},
      "InnvandrKat": {"label": "innvandringskategori", "category": {"index": {"B": 0, "C": 1},
                      "label": {"B": "Innvandrere", "C": "Norskfødte med innvandrerforeldre"}}},
      "Landbakgrunn": {"label": "landbakgrunn", "category": {"index": ["PL", "SO"],
                       "label": {"PL": "Polen", "SO": "Somalia"}}},
      "ContentsCode": {"label": "statistikkvariabel", "category": {"index": {"Personer1": 0},
                       "label": {"Personer1": "Personer"}}},
      "Tid": {"label": "år", "category": {"index": {"2023": 0, "2024": 1}, "label": {"2023": "2023", "2024": "2024"}}}
    },
    "value": [100, 110, 50, 55, 10, 11, 5, 6,
              40, 41, 20, 21, 4, 5, 2, 3,
              7, 8, null, 1, 0, 0, null, null],
    "status": {"18": "..", "22": ":", "23": ":"}
  })");
}

std::string PointerOf(const json& doc) {
  auto t = ParseTable(doc, TestPlaces());
  EXPECT_FALSE(t.ok());
  if (t.ok()) return "";
  EXPECT_EQ(t.error().code, ErrorCode::kInvalid);
  EXPECT_EQ(t.error().slug, "invalid_ssb_table");
  return t.error().pointer;
}

TEST(SsbTableTest, ReadsATableInSsbsShape) {
  auto t = ParseTable(Small(), TestPlaces());
  ASSERT_TRUE(t.ok()) << t.error().message;
  EXPECT_EQ(t->label, "09817: Innvandrere og norskfødte med innvandrerforeldre");
  EXPECT_EQ(t->source, "Statistisk sentralbyrå");
  ASSERT_EQ(t->countries.size(), 2u);
  EXPECT_EQ(t->countries[1].label, "Somalia");
  // The whole country ("0") is no municipality: left out, and said so.
  EXPECT_EQ(t->skipped_regions, std::vector<std::string>{"0"});
  ASSERT_EQ(t->cells.size(), 16u);
  const Cell& first = t->cells[0];
  EXPECT_EQ(first.municipality, "4601");
  EXPECT_EQ(first.category, "immigrants");
  EXPECT_EQ(first.country, "PL");
  EXPECT_EQ(first.year, 2023);
  EXPECT_EQ(first.persons, 40);
  // Røst: withheld figures are unknown, not zero.
  EXPECT_EQ(t->cells[10].municipality, "1856");
  EXPECT_EQ(t->cells[10].persons, std::nullopt);
  EXPECT_EQ(t->cells[11].category, "immigrants");
  // Immigrants and Norwegian-born to immigrant parents from every country, the latest year.
  const auto latest = LatestPopulation(t->population);
  EXPECT_EQ(latest.at("4601"), 41 + 21 + 5 + 3);
  EXPECT_EQ(latest.at("1856"), 8 + 1 + 0);
}

TEST(SsbTableTest, ReadsTheSampleShippedInData) {
  auto doc = ParseJsonText(resources::Get("data/ssb-sample-09817.json"), "the sample");
  ASSERT_TRUE(doc.ok());
  auto t = ParseTable(*doc, TestPlaces());
  ASSERT_TRUE(t.ok()) << t.error().message;
  EXPECT_TRUE(t->sample);
  EXPECT_EQ(t->table_id, "09817");
  const auto latest = LatestPopulation(t->population);
  EXPECT_EQ(latest.size(), 12u);
  EXPECT_GT(latest.at("0301"), 200000);
  EXPECT_LT(latest.at("1820"), 1000);  // Alstahaug: few, though it has over 5,000 inhabitants
  EXPECT_NE(Summary(*t).find("SAMPLE"), std::string::npos);
}

TEST(SsbTableTest, AcceptsSparseValuesAndATotalCategory) {
  json doc = Small();
  doc["dimension"]["Landbakgrunn"]["category"]["index"] = json::array({"Alle", "SO"});
  doc["dimension"]["Landbakgrunn"]["category"]["label"] = {{"Alle", "Alle land"}, {"SO", "Somalia"}};
  json sparse = json::object();
  for (std::size_t i = 0; i < doc["value"].size(); ++i) {
    if (!doc["value"][i].is_null()) sparse[std::to_string(i)] = doc["value"][i];
  }
  doc["value"] = sparse;
  auto t = ParseTable(doc, TestPlaces());
  ASSERT_TRUE(t.ok()) << t.error().message;
  EXPECT_TRUE(t->countries[0].total);
  // The total is read, not added to the countries it sums.
  EXPECT_EQ(LatestPopulation(t->population).at("4601"), 41 + 5);
}

TEST(SsbTableTest, ATableWithoutImmigrationCategoriesCountsBoth) {
  json doc = Small();
  doc["id"] = json::array({"Region", "Landbakgrunn", "ContentsCode", "Tid"});
  doc["size"] = json::array({3, 2, 1, 2});
  doc["dimension"].erase("InnvandrKat");
  doc["value"] = json::array({1, 2, 3, 4, 10, 20, 30, 40, 5, 6, 7, 8});
  doc.erase("status");
  auto t = ParseTable(doc, TestPlaces());
  ASSERT_TRUE(t.ok()) << t.error().message;
  EXPECT_EQ(t->cells[0].category, "both");
  EXPECT_EQ(LatestPopulation(t->population).at("4601"), 20 + 40);
}

TEST(SsbTableTest, KeepsPersonsWhenTheTableAlsoHasShares) {
  json doc = Small();
  doc["size"][3] = 2;
  doc["dimension"]["ContentsCode"]["category"]["index"] = {{"Personer1", 0}, {"AndelBefolkning", 1}};
  const json values = Small()["value"];
  // Interleave: each persons figure followed by its share (the last dimension, Tid, varies fastest).
  json interleaved = json::array();
  for (std::size_t i = 0; i < values.size(); i += 2) {
    interleaved.push_back(values[i]);
    interleaved.push_back(values[i + 1]);
    interleaved.push_back(0.5);
    interleaved.push_back(0.5);
  }
  doc["value"] = interleaved;
  doc.erase("status");
  auto t = ParseTable(doc, TestPlaces());
  ASSERT_TRUE(t.ok()) << t.error().message;
  EXPECT_EQ(t->cells.size(), 16u);
  EXPECT_EQ(t->cells[0].persons, 40);
}

struct BadCase {
  const char* name;
  void (*spoil)(json&);
  const char* pointer;
};

const BadCase kBad[] = {
    {"not_a_dataset", [](json& d) { d["class"] = "collection"; }, "/class"},
    {"wrong_version", [](json& d) { d["version"] = "1.0"; }, "/version"},
    {"size_mismatch", [](json& d) { d["size"].erase(4); }, "/size"},
    {"zero_size", [](json& d) { d["size"][1] = 0; }, "/size/1"},
    {"missing_dimension", [](json& d) { d["dimension"].erase("Tid"); }, "/dimension/Tid"},
    {"index_out_of_size", [](json& d) { d["dimension"]["Region"]["category"]["index"]["1856"] = 3; },
     "/dimension/Region/category/index/1856"},
    {"index_shared", [](json& d) { d["dimension"]["Region"]["category"]["index"]["1856"] = 1; },
     "/dimension/Region/category/index/4601"},
    {"index_repeated",
     [](json& d) {
       d["dimension"]["Landbakgrunn"]["category"]["index"] = {"PL", "PL"};
     },
     "/dimension/Landbakgrunn/category/index/1"},
    {"no_country",
     [](json& d) {
       d["id"][2] = "Land";
       d["dimension"]["Land"] = d["dimension"]["Landbakgrunn"];
     },
     "/id"},
    {"not_a_year",
     [](json& d) {
       d["dimension"]["Tid"]["category"]["index"] = {{"2024K1", 0}, {"2024", 1}};
     },
     "/dimension/Tid/category/index/2024K1"},
    {"other_category",
     [](json& d) {
       d["dimension"]["InnvandrKat"]["category"]["index"] = {{"A", 0}, {"B", 1}};
     },
     "/dimension/InnvandrKat/category/index/A"},
    {"extra_dimension",
     [](json& d) {
       d["id"].push_back("Kjonn");
       d["size"].push_back(2);
       d["dimension"]["Kjonn"] = {{"category", {{"index", {{"1", 0}, {"2", 1}}}}}};
     },
     "/dimension/Kjonn"},
    {"too_few_values", [](json& d) { d["value"].erase(23); }, "/value"},
    {"negative_value", [](json& d) { d["value"][5] = -1; }, "/value/5"},
    {"fraction", [](json& d) { d["value"][6] = 2.5; }, "/value/6"},
    {"text_value", [](json& d) { d["value"][7] = "12"; }, "/value/7"},
    {"no_persons_metric",
     [](json& d) {
       d["dimension"]["ContentsCode"]["category"]["index"] = {{"Andel", 0}};
     },
     "/dimension/ContentsCode/category/index"},
    {"no_municipality",
     [](json& d) {
       d["dimension"]["Region"]["category"]["index"] = {{"0", 0}, {"46", 1}, {"1201", 2}};
     },
     "/dimension/Region"},
    {"sparse_position_outside",
     [](json& d) {
       d["value"] = {{"24", 1}};
     },
     "/value/24"},
};

class SsbBadTableTest : public ::testing::TestWithParam<BadCase> {};

TEST_P(SsbBadTableTest, IsRefusedNamingWhere) {
  json doc = Small();
  GetParam().spoil(doc);
  EXPECT_EQ(PointerOf(doc), GetParam().pointer);
}

INSTANTIATE_TEST_SUITE_P(Bad, SsbBadTableTest, ::testing::ValuesIn(kBad),
                         [](const auto& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace moteplass::ssb
