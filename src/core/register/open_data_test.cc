#include "core/register/open_data.h"

#include <gtest/gtest.h>

namespace moteplass::open_data {
namespace {

using nlohmann::json;

MeetingPlace Place() {
  MeetingPlace p;
  p.id = 17;
  p.name = "Rådet, «det nye»";
  p.level = "municipal";
  p.municipality = "4601";
  p.county = "46";
  p.region = "vest";
  p.kind = "council";
  p.classification = {{"is_meeting_place", true}, {"kind", "council"}, {"subtype", nullptr}};
  p.input.profile = {{"name", p.name}, {"level", "municipal"}, {"established_year", 2001}, {"permanent", true}};
  p.input.description = "Første linje\nmed \"sitat\"";
  p.created_at = "2024-01-02T03:04:05Z";
  p.updated_at = "2024-01-02T03:04:05Z";
  return p;
}

std::size_t At(std::string_view column) {
  const auto columns = Columns();
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (columns[i].name == column) return i;
  }
  ADD_FAILURE() << column;
  return 0;
}

TEST(OpenData, ARowHasEveryColumnAndNullForWhatIsNotKnown) {
  const std::vector<Cell> row = Row(Place(), DefaultPlaces(), "https://example.org");
  ASSERT_EQ(row.size(), Columns().size());
  EXPECT_EQ(row[At("url")], "https://example.org/moteplasser/17");
  EXPECT_EQ(row[At("municipality_name")], "Bergen");
  EXPECT_EQ(row[At("county_name")], "Vestland");
  EXPECT_EQ(row[At("is_meeting_place")], "true");
  EXPECT_EQ(row[At("established_year")], "2001");
  EXPECT_EQ(row[At("permanent")], "true");
  EXPECT_FALSE(row[At("subtype")].has_value());
  EXPECT_FALSE(row[At("established")].has_value());
  EXPECT_FALSE(row[At("meetings_per_year")].has_value());
  EXPECT_FALSE(row[At("website")].has_value());
  EXPECT_EQ(row[At("example")], "false");
}

TEST(OpenData, CsvQuotesWhatNeedsItAndLeavesNullEmpty) {
  const std::string csv = Csv({Row(Place(), DefaultPlaces(), "")});
  EXPECT_EQ(csv.rfind("id,url,name,kind,", 0), 0u);
  EXPECT_NE(csv.find("\r\n17,/moteplasser/17,\"Rådet, «det nye»\",council,,true,"), std::string::npos);
  EXPECT_NE(csv.find("\"Første linje\nmed \"\"sitat\"\"\""), std::string::npos);
  EXPECT_EQ(csv.substr(csv.size() - 2), "\r\n");
}

TEST(OpenData, TheDataPackageDescribesEveryColumnInThreeLanguages) {
  const json package = DataPackage(Lang::kNn, "https://example.org");
  EXPECT_EQ(package["licenses"][0]["name"], "NLOD-2.0");
  EXPECT_EQ(package["version"], std::string(kSchemaVersion));
  const json& fields = package["resources"][0]["schema"]["fields"];
  ASSERT_EQ(fields.size(), Columns().size());
  for (const json& f : fields) {
    for (const char* lang : {"nb", "nn", "en"}) {
      const std::string title = f["titles"][lang].get<std::string>();
      const std::string meaning = f["descriptions"][lang].get<std::string>();
      EXPECT_FALSE(title.empty() || title.starts_with("[")) << f["name"] << " " << lang;
      EXPECT_FALSE(meaning.empty() || meaning.starts_with("[")) << f["name"] << " " << lang;
    }
  }
  EXPECT_EQ(fields[0]["title"], "ID");
  EXPECT_EQ(package["resources"][0]["path"], "https://example.org/moteplasser.csv");
}

}  // namespace
}  // namespace moteplass::open_data
