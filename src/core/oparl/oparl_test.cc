#include "core/oparl/oparl.h"

#include <gtest/gtest.h>

namespace moteplass::oparl {
namespace {

using nlohmann::json;

const Links kLinks{"https://moteplass.example.no/oparl/v1", "https://moteplass.example.no"};

// The list filters take what harvesters send: a date, or a time with a zone; each becomes the
// register's UTC time, which the stored times compare with as text.
TEST(Oparl, FilterTimesBecomeUtc) {
  EXPECT_EQ(*ParseFilterTime("2026-02-01", "created_since"), "2026-02-01T00:00:00Z");
  EXPECT_EQ(*ParseFilterTime("2026-02-01T10:00:00Z", "created_since"), "2026-02-01T10:00:00Z");
  EXPECT_EQ(*ParseFilterTime("2026-02-01T00:30:00+01:00", "created_since"), "2026-01-31T23:30:00Z");
  EXPECT_EQ(*ParseFilterTime("2026-02-01T23:30:00.25-01:00", "x"), "2026-02-02T00:30:00Z");
  for (const char* bad : {"", "yesterday", "2026-2-1", "2026-02-30", "2026-02-01T25:00:00Z", "2026-02-01T10:00",
                          "2026-02-01T10:00:00+0100", "2026-02-01T10:00:00Zjunk"}) {
    auto r = ParseFilterTime(bad, "modified_until");
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().pointer, "/modified_until") << bad;
  }
}

TEST(Oparl, BodiesAreMunicipalitiesAndCountyAuthorities) {
  const Places places = DefaultPlaces();
  EXPECT_EQ(BodyName(places, "0301"), "Oslo kommune");
  EXPECT_EQ(BodyName(places, "46"), "Vestland fylkeskommune");
  EXPECT_EQ(BodyName(places, "9999"), "");
  MeetingPlace national;
  national.level = "national";
  national.county = "03";
  EXPECT_EQ(BodyCodeOf(national), "");
  MeetingPlace county;
  county.level = "county";
  county.county = "46";
  EXPECT_EQ(BodyCodeOf(county), "46");
}

// A field without a value is left out; a deleted object keeps only what says it is gone.
TEST(Oparl, EmptyFieldsAreLeftOutAndDeletedObjectsKeepOnlyTheirIds) {
  ops::Record meeting;
  meeting.id = 7;
  meeting.meeting_place = 3;
  meeting.created_at = "2026-01-01T10:00:00Z";
  meeting.updated_at = "2026-01-02T10:00:00Z";
  meeting.data = json{
      {"starts_at", "2026-02-15T17:00:00Z"},
      {"ends_at", nullptr},
      {"location", nullptr},
      {"cancelled", false},
      {"minutes", nullptr},
      {"public", true},
      {"agenda",
       json::array(
           {json{{"number", "1/26"}, {"order", 1}, {"title", "Åpen sak"}, {"case", nullptr}, {"public", true}},
            json{{"number", "2/26"}, {"order", 2}, {"title", "Lukket sak"}, {"case", nullptr}, {"public", false}}})}};
  MeetingPlace place;
  place.id = 3;
  place.name = "Innvandrerrådet";
  const json m = Meeting(kLinks, place, meeting, {}, Lang::kNb);
  EXPECT_EQ(m["id"], "https://moteplass.example.no/oparl/v1/meeting/7");
  EXPECT_EQ(m["type"], "https://schema.oparl.org/1.1/Meeting");
  EXPECT_FALSE(m.contains("end"));
  EXPECT_FALSE(m.contains("location"));
  EXPECT_FALSE(m.contains("resultsProtocol"));
  EXPECT_FALSE(m.contains("cancelled"));
  ASSERT_EQ(m["agendaItem"].size(), 1u);
  EXPECT_EQ(m["agendaItem"][0]["name"], "Åpen sak");
  EXPECT_EQ(m["agendaItem"][0]["id"], "https://moteplass.example.no/oparl/v1/meeting/7/agenda-item/1");

  const json gone = Deleted("Meeting", "https://x/oparl/v1/meeting/7", "2026-01-01T10:00:00Z", "2026-03-01T10:00:00Z");
  EXPECT_EQ(gone, (json{{"id", "https://x/oparl/v1/meeting/7"},
                        {"type", "https://schema.oparl.org/1.1/Meeting"},
                        {"created", "2026-01-01T10:00:00Z"},
                        {"modified", "2026-03-01T10:00:00Z"},
                        {"deleted", true}}));
}

// A membership shows the public no more than the pages do: the person, the organization, the role.
TEST(Oparl, MembershipShowsOnlyPersonOrganizationAndRole) {
  ops::Record m;
  m.id = 4;
  m.meeting_place = 3;
  m.person = 9;
  m.data = json{{"person", 9},           {"role", "chair"}, {"seat", "immigrant_population"},
                {"on_behalf_of", "Lag"}, {"paid", true},    {"starts", "2023-11-01"},
                {"ends", "2027-10-31"}};
  const json out = Membership(kLinks, "0301", m, Lang::kNb);
  EXPECT_EQ(out["person"], "https://moteplass.example.no/oparl/v1/body/0301/person/9");
  EXPECT_EQ(out["organization"], "https://moteplass.example.no/oparl/v1/organization/3");
  EXPECT_EQ(out["role"], "Leder");
  EXPECT_FALSE(out.contains("onBehalfOf"));
  EXPECT_FALSE(out.contains("startDate"));
}

}  // namespace
}  // namespace moteplass::oparl
