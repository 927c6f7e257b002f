#include "core/typology/profile.h"

#include <gtest/gtest.h>

namespace moteplass {
namespace {

using nlohmann::json;

json Council() {
  return json::parse(R"({"id": "mp-17", "name": "Innvandrerrådet", "level": "municipal", "municipality": "0301",
    "permanent": true, "initiative": "authority",
    "seats": {"immigrant_population": 6, "politicians": 3},
    "immigrant_members_selected_by": "organisations_elect", "immigrant_members_represent": "organisations",
    "authority_role": "permanent_members",
    "functions": {"hearing_body": true, "advisory_body": true, "delegated_authority": false},
    "purposes": ["political_influence", "integration"], "dialogue_between_parties": true})");
}

Error ErrorFor(json profile) {
  auto r = ParseProfile(profile);
  EXPECT_FALSE(r.ok()) << profile.dump();
  return r.ok() ? Error{} : r.error();
}

TEST(ParseProfile, ReadsFieldsAndFillsDefaults) {
  auto r = ParseProfile(Council());
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->id, "mp-17");
  EXPECT_EQ(r->seats.immigrant_population, 6);
  EXPECT_EQ(r->seats.police, 0);
  EXPECT_EQ(r->seats.Total(), 9);
  EXPECT_EQ(r->venue, "none");
  EXPECT_EQ(r->chair, "unknown");
  EXPECT_TRUE(r->functions.hearing_body);
  EXPECT_TRUE(r->HasPurpose("integration"));
  EXPECT_FALSE(r->people.women.has_value());
}

TEST(ParseProfile, NegativeCountNamesTheField) {
  json p = Council();
  p["seats"]["politicians"] = -2;
  Error e = ErrorFor(p);
  EXPECT_EQ(e.slug, "invalid_profile");
  EXPECT_EQ(e.pointer, "/seats/politicians");
  EXPECT_EQ(e.message, "expected a whole number >= 0, got -2");
}

TEST(ParseProfile, MissingRequiredField) {
  json p = Council();
  p.erase("level");
  Error e = ErrorFor(p);
  EXPECT_EQ(e.pointer, "/level");
  EXPECT_EQ(e.message, "required field is missing");
  p = Council();
  p["functions"].erase("hearing_body");
  EXPECT_EQ(ErrorFor(p).pointer, "/functions/hearing_body");
}

TEST(ParseProfile, UnknownFieldIsAnError) {
  json p = Council();
  p["colour"] = "blue";
  Error e = ErrorFor(p);
  EXPECT_EQ(e.pointer, "/colour");
  EXPECT_NE(e.message.find("unknown field"), std::string::npos);
  p = Council();
  p["seats"]["mayors"] = 1;
  EXPECT_EQ(ErrorFor(p).pointer, "/seats/mayors");
}

TEST(ParseProfile, WrongTypesAndValues) {
  json p = Council();
  p["level"] = "global";
  Error e = ErrorFor(p);
  EXPECT_EQ(e.pointer, "/level");
  EXPECT_EQ(e.message.rfind(
                "expected one of municipal, county, intermunicipal, national, police_district or county_governor", 0),
            0u)
      << e.message;
  p = Council();
  p["permanent"] = "yes";
  EXPECT_EQ(ErrorFor(p).message, "expected true or false, got \"yes\"");
  p = Council();
  p["seats"]["immigrant_population"] = 2.5;
  EXPECT_EQ(ErrorFor(p).pointer, "/seats/immigrant_population");
  p = Council();
  p["municipality"] = "301";
  EXPECT_EQ(ErrorFor(p).message, "expected 4 digits, got \"301\"");
  p = Council();
  p["purposes"] = json::array({"integration", "integration"});
  EXPECT_EQ(ErrorFor(p).pointer, "/purposes");
  p = Council();
  p["purposes"] = json::array({"integration", "fun"});
  EXPECT_EQ(ErrorFor(p).pointer, "/purposes/1");
  p = Council();
  p["name"] = "";
  EXPECT_EQ(ErrorFor(p).message, "must not be empty");
  p = Council();
  p["meetings_per_year"] = 400;
  EXPECT_EQ(ErrorFor(p).message, "expected a number <= 366, got 400");
}

TEST(ParseProfile, NotAnObject) {
  EXPECT_EQ(ErrorFor(json::array()).message, "expected a profile object, got an array");
  EXPECT_EQ(ErrorFor(json(3)).pointer, "");
}

}  // namespace
}  // namespace moteplass
