#include "core/places/places.h"

#include <algorithm>
#include <set>

#include <gtest/gtest.h>

namespace moteplass {
namespace {

constexpr const char* kHeader = "kommunenummer,kommunenavn,fylkesnummer,fylkesnavn\n";

TEST(DefaultPlaces, Has357MunicipalitiesAnd15Counties) {
  Places places = DefaultPlaces();
  EXPECT_EQ(places.municipalities.size(), 357u);
  EXPECT_EQ(places.counties.size(), 15u);
  auto oslo = std::find_if(places.municipalities.begin(), places.municipalities.end(),
                           [](const Municipality& m) { return m.number == "0301"; });
  ASSERT_NE(oslo, places.municipalities.end());
  EXPECT_EQ(oslo->name, "Oslo");
  EXPECT_EQ(oslo->county, "03");
}

TEST(DefaultPlaces, EveryCountyIsInARegion) {
  Places places = DefaultPlaces();
  std::set<std::string> region_ids;
  for (const Region& r : places.regions) region_ids.insert(r.id);
  for (const County& c : places.counties) {
    EXPECT_FALSE(c.region.empty()) << c.number;
    EXPECT_TRUE(region_ids.count(c.region)) << c.number;
  }
  auto vestland = std::find_if(places.counties.begin(), places.counties.end(),
                               [](const County& c) { return c.number == "46"; });
  ASSERT_NE(vestland, places.counties.end());
  EXPECT_EQ(vestland->name, "Vestland");
  EXPECT_EQ(vestland->region, "vest");
}

TEST(DefaultPlaces, EveryMunicipalityHasAKnownCounty) {
  Places places = DefaultPlaces();
  std::set<std::string> counties;
  for (const County& c : places.counties) counties.insert(c.number);
  for (const Municipality& m : places.municipalities) EXPECT_TRUE(counties.count(m.county)) << m.number;
}

TEST(ParsePlacesCsv, AcceptsCrlfAndByteOrderMark) {
  auto parsed =
      ParsePlacesCsv("\xEF\xBB\xBFkommunenummer,kommunenavn,fylkesnummer,fylkesnavn\r\n0301,Oslo,03,Oslo\r\n");
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  ASSERT_EQ(parsed->municipalities.size(), 1u);
  EXPECT_EQ(parsed->counties[0].name, "Oslo");
}

TEST(ParsePlacesCsv, WrongHeaderNamesLineOne) {
  auto parsed = ParsePlacesCsv("nummer,navn\n0301,Oslo,03,Oslo\n");
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error().code, ErrorCode::kInvalid);
  EXPECT_NE(parsed.error().message.find("line 1, column 1"), std::string::npos) << parsed.error().message;
}

TEST(ParsePlacesCsv, BadCountyNumberNamesLineAndColumn) {
  auto parsed = ParsePlacesCsv(std::string(kHeader) + "0301,Oslo,03,Oslo\n1101,Eigersund,1x,Rogaland\n");
  ASSERT_FALSE(parsed.ok());
  EXPECT_NE(parsed.error().message.find("line 3, column 16"), std::string::npos) << parsed.error().message;
  EXPECT_EQ(parsed.error().index, 3);
}

TEST(ParsePlacesCsv, MissingFieldIsAnError) {
  auto parsed = ParsePlacesCsv(std::string(kHeader) + "0301,Oslo,03\n");
  ASSERT_FALSE(parsed.ok());
  EXPECT_NE(parsed.error().message.find("line 2"), std::string::npos);
  EXPECT_NE(parsed.error().message.find("4 fields"), std::string::npos);
}

TEST(ParsePlacesCsv, DuplicateMunicipalityIsAnError) {
  auto parsed = ParsePlacesCsv(std::string(kHeader) + "0301,Oslo,03,Oslo\n0301,Oslo,03,Oslo\n");
  ASSERT_FALSE(parsed.ok());
  EXPECT_NE(parsed.error().message.find("appears twice"), std::string::npos);
}

TEST(ParsePlacesCsv, MunicipalityOutsideItsCountyIsAnError) {
  auto parsed = ParsePlacesCsv(std::string(kHeader) + "1101,Eigersund,03,Oslo\n");
  ASSERT_FALSE(parsed.ok());
  EXPECT_NE(parsed.error().message.find("column 16"), std::string::npos) << parsed.error().message;
}

TEST(ParsePlacesCsv, EmptyFileIsAnError) { EXPECT_FALSE(ParsePlacesCsv("").ok()); }

TEST(ParseRegions, ParsesTheMapping) {
  Places places = DefaultPlaces();
  auto regions = ParseRegions(R"([{"id": "a", "name": "A", "counties": ["03", "11"]}])", places.counties);
  ASSERT_TRUE(regions.ok()) << regions.error().message;
  ASSERT_EQ(regions->size(), 1u);
  EXPECT_EQ((*regions)[0].counties, (std::vector<std::string>{"03", "11"}));
}

TEST(ParseRegions, UnknownCountyIsAnErrorWithPointer) {
  Places places = DefaultPlaces();
  auto regions = ParseRegions(R"([{"id": "a", "name": "A", "counties": ["03", "99"]}])", places.counties);
  ASSERT_FALSE(regions.ok());
  EXPECT_EQ(regions.error().pointer, "/0/counties/1");
  EXPECT_NE(regions.error().message.find("99"), std::string::npos);
}

TEST(ParseRegions, CountyInTwoRegionsIsAnError) {
  Places places = DefaultPlaces();
  auto regions = ParseRegions(
      R"([{"id": "a", "name": "A", "counties": ["03"]}, {"id": "b", "name": "B", "counties": ["03"]}])",
      places.counties);
  ASSERT_FALSE(regions.ok());
  EXPECT_EQ(regions.error().pointer, "/1/counties/0");
}

TEST(ParseRegions, MalformedInputIsAnError) {
  Places places = DefaultPlaces();
  EXPECT_EQ(ParseRegions("not json", places.counties).error().slug, "invalid_json");
  EXPECT_EQ(ParseRegions(R"({"id": "a"})", places.counties).error().pointer, "");
  EXPECT_EQ(ParseRegions(R"([{"name": "A", "counties": []}])", places.counties).error().pointer, "/0/id");
  EXPECT_EQ(ParseRegions(R"([{"id": "a", "name": "A", "counties": [], "x": 1}])", places.counties).error().pointer,
            "/0/x");
  EXPECT_EQ(ParseRegions(R"([{"id": "a", "name": "A", "counties": []}, {"id": "a", "name": "B", "counties": []}])",
                         places.counties)
                .error()
                .pointer,
            "/1/id");
}

TEST(MunicipalitiesByName, NorwegianOrderWithEveryMunicipality) {
  const Places places = DefaultPlaces();
  const std::vector<MunicipalityChoice> choices = MunicipalitiesByName(places);
  ASSERT_EQ(choices.size(), places.municipalities.size());
  std::vector<std::string> labels;
  for (const auto& c : choices) labels.push_back(c.label);
  auto at = [&](const std::string& label) { return std::find(labels.begin(), labels.end(), label) - labels.begin(); };
  // Æ, Ø and Å come after Z, in that order, as in a Norwegian list.
  EXPECT_LT(at("Vågå"), at("Østre Toten"));
  EXPECT_LT(at("Østre Toten"), at("Ål"));
  EXPECT_LT(at("Ål"), static_cast<long>(labels.size()));
  EXPECT_EQ(choices[at("Bergen")].municipality->number, "4601");
}

TEST(MunicipalitiesByName, ASharedNameIsToldApartByTheCounty) {
  Places places;
  places.counties = {{"15", "Møre og Romsdal", ""}, {"18", "Nordland", ""}};
  places.municipalities = {{"1818", "Herøy", "18"}, {"1515", "Herøy", "15"}, {"1507", "Ålesund", "15"}};
  std::vector<std::string> labels;
  for (const auto& c : MunicipalitiesByName(places)) labels.push_back(c.label);
  EXPECT_EQ(labels, (std::vector<std::string>{"Herøy (Møre og Romsdal)", "Herøy (Nordland)", "Ålesund"}));
}

}  // namespace
}  // namespace moteplass
