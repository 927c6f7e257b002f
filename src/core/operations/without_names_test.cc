#include "core/operations/without_names.h"

#include <gtest/gtest.h>

namespace moteplass::ops {
namespace {

using nlohmann::json;

json Parsed(Kind kind, const json& body) {
  auto r = Parse(kind, body);
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
  return r.ok() ? *r : json();
}

TEST(WithoutNames, AMembershipKeepsEverythingButIsAboutAPersonId) {
  const json m = Parsed(Kind::kMembership, json{{"person", 7},
                                                {"role", "chair"},
                                                {"seat", "politicians"},
                                                {"on_behalf_of", "Kommunestyret"},
                                                {"starts", "2023-11-01"}});
  EXPECT_EQ(WithoutNames(Kind::kMembership, m), m);
  EXPECT_EQ(WithoutNames(Kind::kMembership, m)["person"], 7);
}

TEST(WithoutNames, AMeetingLosesItsMinutesAndTheTitlesOfItemsThatAreNotPublic) {
  const json m = Parsed(Kind::kMeeting,
                        json{{"starts_at", "2026-02-10T18:00:00+01:00"},
                             {"location", "Rådhuset"},
                             {"minutes", "Kari Nordmann la fram saken."},
                             {"attendance", json::array({3, 4})},
                             {"agenda", json::array({json{{"title", "Budsjett"}, {"proposed_by", "administration"}},
                                                     json{{"title", "Klage fra Ola Nordmann"}, {"public", false}}})}});
  const json out = WithoutNames(Kind::kMeeting, m);
  EXPECT_TRUE(out["minutes"].is_null());
  EXPECT_EQ(out["attendance"], json::array({3, 4}));
  EXPECT_EQ(out["location"], "Rådhuset");
  EXPECT_EQ(out["agenda"][0]["title"], "Budsjett");
  EXPECT_TRUE(out["agenda"][1]["title"].is_null());
  EXPECT_EQ(out["agenda"][1]["order"], 2);
  EXPECT_EQ(out["agenda"][1]["public"], false);
  EXPECT_EQ(out.dump().find("Nordmann"), std::string::npos);
  EXPECT_EQ(WithoutNames(Kind::kMeeting, out), out);
  json closed = m;
  closed["public"] = false;
  EXPECT_TRUE(WithoutNames(Kind::kMeeting, closed)["location"].is_null());
}

TEST(WithoutNames, ACaseLosesItsFreeTextAndItsTitleWhenNotPublic) {
  const json body = {{"title", "Høring: Boligsosial plan"},
                     {"kind", "hearing"},
                     {"from_body", "Bystyret"},
                     {"case_number", "2026/12"},
                     {"received", "2026-02-01"},
                     {"statement", "Som Kari sa på møtet ..."},
                     {"decision", {{"body", "Bystyret"}, {"outcome", "followed"}, {"note", "Ola stemte mot."}}}};
  const json open = WithoutNames(Kind::kCase, Parsed(Kind::kCase, body));
  EXPECT_EQ(open["title"], "Høring: Boligsosial plan");
  EXPECT_TRUE(open["statement"].is_null());
  EXPECT_TRUE(open["decision"]["note"].is_null());
  EXPECT_EQ(open["decision"]["outcome"], "followed");
  EXPECT_EQ(open["case_number"], "2026/12");
  json closed_body = body;
  closed_body["public"] = false;
  const json closed = WithoutNames(Kind::kCase, Parsed(Kind::kCase, closed_body));
  EXPECT_TRUE(closed["title"].is_null());
  EXPECT_EQ(closed["kind"], "hearing");
  EXPECT_EQ(closed["received"], "2026-02-01");
}

TEST(WithoutNames, APersonLosesNameBirthYearAndSpecialCategories) {
  const json p = Parsed(Kind::kPerson, json{{"name", "Amina Hassan"},
                                            {"gender", "woman"},
                                            {"birth_year", 1980},
                                            {"immigrant_background", true},
                                            {"special_category_basis", "consent"}});
  const json out = WithoutNames(Kind::kPerson, p);
  for (const char* key :
       {"name", "birth_year", "immigrant_background", "country_of_background", "special_category_basis"}) {
    EXPECT_TRUE(out[key].is_null()) << key;
  }
  EXPECT_EQ(out["gender"], "woman");
}

}  // namespace
}  // namespace moteplass::ops
