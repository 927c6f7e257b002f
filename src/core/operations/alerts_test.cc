#include "core/operations/alerts.h"

#include <gtest/gtest.h>

namespace moteplass::ops {
namespace {

using nlohmann::json;

const std::string kToday = "2026-11-26";

// A council in operation since the 2023 election: a hearing body whose four members are two
// women and two men, meeting every quarter, that received a hearing in the autumn. No alerts.
struct Council {
  AlertSubject s;
  std::int64_t next = 1;
  Council() {
    s.meeting_place = 12;
    s.name = "Innvandrerrådet";
    s.profile = {{"functions", {{"hearing_body", true}}}};
    s.registered = "2023-10-01T10:00:00Z";
    Member("chair", "woman");
    Member("member", "man");
    Member("member", "woman");
    Member("member", "man");
    Meeting("2026-09-10T16:00:00Z");
    Case("hearing", "2026-09-01", nullptr, "2026-09-20");
  }
  Record& Member(const std::string& role, const std::string& gender, const std::string& starts = "2023-11-01",
                 const json& ends = "2027-10-31", const std::string& seat = "immigrant_population") {
    Record r;
    r.id = next++;
    r.person = r.id + 100;
    r.data = {{"person", r.person}, {"role", role}, {"seat", seat}, {"starts", starts}, {"ends", ends}};
    s.genders[r.person] = gender;
    s.memberships.push_back(r);
    return s.memberships.back();
  }
  void Meeting(const std::string& at, bool cancelled = false) {
    Record r;
    r.id = next++;
    r.data = {{"starts_at", at}, {"cancelled", cancelled}};
    s.meetings.push_back(r);
  }
  void Case(const std::string& kind, const std::string& received, const json& deadline, const json& sent) {
    Record r;
    r.id = next++;
    r.data = {{"kind", kind}, {"received", received}, {"deadline", deadline}, {"sent", sent}};
    s.cases.push_back(r);
  }
  std::vector<std::string> Codes(const std::string& today = kToday) const {
    std::vector<std::string> codes;
    for (const Alert& a : ComputeAlerts(s, today)) codes.push_back(a.code);
    return codes;
  }
  Alert Only(const std::string& code, const std::string& today = kToday) const {
    for (const Alert& a : ComputeAlerts(s, today)) {
      if (a.code == code) return a;
    }
    ADD_FAILURE() << "no " << code;
    return {};
  }
};

using Codes = std::vector<std::string>;

TEST(Alerts, AWellRunCouncilHasNone) { EXPECT_EQ(Council().Codes(), Codes{}); }

TEST(Alerts, NothingRecordedNothingAlerted) {
  AlertSubject empty;
  empty.profile = {{"functions", {{"hearing_body", true}}}};
  empty.registered = "2020-01-01T00:00:00Z";
  EXPECT_TRUE(ComputeAlerts(empty, kToday).empty());
}

// The report's council that got no hearing in its first year, because the administration did
// not know it existed.
TEST(Alerts, NoHearingFor12Months) {
  Council c;
  c.s.cases.clear();
  c.Case("hearing", "2025-09-01", nullptr, nullptr);
  c.Case("advice_request", "2026-10-01", nullptr, nullptr);  // advice is not a hearing
  const Alert a = c.Only("no_hearing_12_months");
  EXPECT_EQ(a.Id(), "no_hearing_12_months:12");
  EXPECT_EQ(a.since, "2026-09-01");
  EXPECT_EQ(AlertText(a, Lang::kNb), "Innvandrerrådet har ikke fått noen høring siden 01.09.2025.");
  EXPECT_EQ(AlertText(a, Lang::kNn), "Innvandrerrådet har ikkje fått nokon høyring sidan 01.09.2025.");
  // Never a hearing: twelve months after the record began (here the register date, before the
  // first membership).
  c.s.cases.clear();
  EXPECT_EQ(c.Only("no_hearing_12_months").since, "2024-10-01");
  // Not a hearing body: no such alert.
  c.s.profile["functions"]["hearing_body"] = false;
  EXPECT_EQ(c.Codes(), Codes{});
}

TEST(Alerts, DeadlineWithin7DaysAndNoStatement) {
  Council c;
  c.Case("hearing", "2026-11-01", "2026-12-03", nullptr);       // 7 days ahead: counts
  c.Case("hearing", "2026-11-01", "2026-12-04", nullptr);       // 8 days: not yet
  c.Case("hearing", "2026-11-01", "2026-11-28", "2026-11-20");  // answered
  const Alert a = c.Only("deadline_near");
  EXPECT_EQ(a.since, "2026-11-26");
  EXPECT_EQ(AlertText(a, Lang::kEn), "Innvandrerrådet: one case is due on 03.12.2026 with no statement yet.");
  // Past the deadline it is no longer near.
  EXPECT_EQ(c.Codes("2026-12-05"), Codes{});
}

TEST(Alerts, TermEndingWithoutSuccessors) {
  Council c;
  c.s.memberships[1].data["ends"] = "2027-01-31";
  EXPECT_EQ(c.Only("term_ending").since, "2026-11-02");
  // A successor recorded in the same seat: no alert.
  c.Member("member", "man", "2027-02-01", nullptr);
  EXPECT_EQ(c.Codes(), Codes{});
}

TEST(Alerts, GenderBalanceByTheRuleForMunicipalBodies) {
  Council c;  // 2 women, 2 men
  EXPECT_EQ(c.Codes(), Codes{});
  c.Member("member", "man");  // 2 of 5 women: 40 %, still fine
  EXPECT_EQ(c.Codes(), Codes{});
  c.Member("member", "man");  // 2 of 6: 33 %
  const Alert a = c.Only("gender_balance");
  EXPECT_NE(AlertText(a, Lang::kNb).find("2 av 6 medlemmer er kvinner og 4 er menn"), std::string::npos);
  // Observers are not counted; deputies are counted on their own.
  Council d;
  d.Member("observer", "man");
  d.Member("observer", "man");
  EXPECT_EQ(d.Codes(), Codes{});
  d.Member("deputy_member", "man");
  d.Member("deputy_member", "man");  // two deputies, both men: both genders must sit
  EXPECT_EQ(d.Only("gender_balance").key, "ops.alert.gender_balance_deputies");
}

TEST(Alerts, NoMeetingFor6Months) {
  Council c;
  c.s.meetings.clear();
  c.Meeting("2026-05-20T16:00:00Z");
  c.Meeting("2026-10-01T16:00:00Z", true);  // cancelled: not held
  c.Meeting("2027-01-10T16:00:00Z");        // not yet held
  EXPECT_EQ(c.Only("no_meeting_6_months").since, "2026-11-20");
}

// The fiery soul: the same chair for eight years or more, through terms that join.
TEST(Alerts, SameChairFor8Years) {
  Council c;
  c.s.memberships[0].data["starts"] = "2019-11-01";
  EXPECT_EQ(c.Codes(), Codes{});
  Record earlier = c.s.memberships[0];
  earlier.id = 99;
  earlier.data["starts"] = "2015-11-01";
  earlier.data["ends"] = "2019-10-31";
  c.s.memberships.push_back(earlier);
  const Alert a = c.Only("single_chair_8_years");
  EXPECT_EQ(a.since, "2023-11-01");
  EXPECT_EQ(AlertText(a, Lang::kNn).find("same leiar sidan 2015") != std::string::npos, true);
}

TEST(Alerts, IdsAndMonths) {
  std::string code;
  std::int64_t place = 0;
  EXPECT_TRUE(ParseAlertId("term_ending:17", &code, &place));
  EXPECT_EQ(code, "term_ending");
  EXPECT_EQ(place, 17);
  EXPECT_FALSE(ParseAlertId("term_ending:017", &code, &place));
  EXPECT_FALSE(ParseAlertId("unknown:17", &code, &place));
  EXPECT_FALSE(ParseAlertId("term_ending", &code, &place));
  EXPECT_EQ(AddMonths("2024-02-29", 12), "2025-02-28");
  EXPECT_EQ(AddMonths("2026-08-31", -6), "2026-02-28");
  EXPECT_EQ(AddMonths("2026-11-26", 1), "2026-12-26");
}

}  // namespace
}  // namespace moteplass::ops
