#include "core/register/meeting_place.h"

#include <gtest/gtest.h>

namespace moteplass {
namespace {

using nlohmann::json;

json ValidProfile() {
  return json::parse(R"({"id":"t1","name":"Innvandrerrådet","level":"municipal","municipality":"0301",
    "permanent":true,"initiative":"authority",
    "seats":{"immigrant_population":6,"politicians":3},
    "immigrant_members_selected_by":"organisations_elect","immigrant_members_represent":"organisations",
    "authority_role":"permanent_members",
    "functions":{"hearing_body":true,"advisory_body":true,"delegated_authority":false},
    "purposes":["political_influence"],"dialogue_between_parties":true})");
}

json ValidBody() {
  return json{{"profile", ValidProfile()},
              {"description", "Et **råd**."},
              {"contact", {{"email", "post@example.org"}, {"phone", "+47 000 00 000"}}},
              {"website", "https://example.org/rad"},
              {"established", "2001-03-01"},
              {"public", true}};
}

std::string PointerOf(const json& body) {
  auto r = ParseMeetingPlaceInput(body, DefaultPlaces());
  return r.ok() ? "(ok)" : r.error().pointer;
}

TEST(MeetingPlaceInput, AcceptsAValidBody) {
  auto r = ParseMeetingPlaceInput(ValidBody(), DefaultPlaces());
  ASSERT_TRUE(r.ok()) << r.error().pointer << ": " << r.error().message;
  EXPECT_EQ(r->contact.email, "post@example.org");
  EXPECT_EQ(r->established, "2001-03-01");
  EXPECT_TRUE(r->is_public);
}

TEST(MeetingPlaceInput, NamesTheFieldThatIsWrong) {
  json b = ValidBody();
  b["colour"] = "red";
  EXPECT_EQ(PointerOf(b), "/colour");

  b = ValidBody();
  b.erase("profile");
  EXPECT_EQ(PointerOf(b), "/profile");

  b = ValidBody();
  b["profile"]["seats"]["politicians"] = -2;
  EXPECT_EQ(PointerOf(b), "/profile/seats/politicians");

  b = ValidBody();
  b["profile"]["municipality"] = "9999";
  EXPECT_EQ(PointerOf(b), "/profile/municipality");

  b = ValidBody();
  b["profile"]["county"] = "11";
  EXPECT_EQ(PointerOf(b), "/profile/county") << "Oslo is not in Rogaland";

  b = ValidBody();
  b["website"] = "javascript:alert(1)";
  EXPECT_EQ(PointerOf(b), "/website");

  b = ValidBody();
  b["contact"]["email"] = "not an address";
  EXPECT_EQ(PointerOf(b), "/contact/email");

  b = ValidBody();
  b["established"] = "2023-02-30";
  EXPECT_EQ(PointerOf(b), "/established");

  b = ValidBody();
  b["ceased"] = "2000-01-01";
  EXPECT_EQ(PointerOf(b), "/ceased");

  b = ValidBody();
  b["public"] = "yes";
  EXPECT_EQ(PointerOf(b), "/public");

  EXPECT_EQ(PointerOf(json::array()), "");
}

TEST(MeetingPlaceInput, CountyLevelNeedsAKnownCounty) {
  json b = ValidBody();
  b["profile"]["level"] = "county";
  b["profile"].erase("municipality");
  EXPECT_EQ(PointerOf(b), "/profile/county");
  b["profile"]["county"] = "46";
  EXPECT_EQ(PointerOf(b), "(ok)");
  b["profile"]["county"] = "99";
  EXPECT_EQ(PointerOf(b), "/profile/county");
}

TEST(MeetingPlaceInput, ServerOwnedFieldsRoundTrip) {
  MeetingPlace p;
  p.id = 4;
  p.input = *ParseMeetingPlaceInput(ValidBody(), DefaultPlaces());
  json rendered = ToJson(p);
  EXPECT_TRUE(ParseMeetingPlaceInput(rendered, DefaultPlaces()).ok()) << "GET then PUT must work";
  EXPECT_EQ(rendered["links"]["self"], "/api/v1/meeting-places/4");
}

TEST(MeetingPlaceDiff, ListsChangedLeavesOnly) {
  MeetingPlace a;
  a.id = 1;
  a.input = *ParseMeetingPlaceInput(ValidBody(), DefaultPlaces());
  MeetingPlace b = a;
  b.version = 2;
  b.updated_at = "later";
  b.input.website = "https://example.org/ny";
  b.input.profile["seats"]["politicians"] = 4;
  auto changes = Diff(ToJson(a), ToJson(b));
  ASSERT_EQ(changes.size(), 2u);
  EXPECT_EQ(changes[0].pointer, "/profile/seats/politicians");
  EXPECT_EQ(changes[0].before, 3);
  EXPECT_EQ(changes[0].after, 4);
  EXPECT_EQ(changes[1].pointer, "/website");
}

}  // namespace
}  // namespace moteplass
