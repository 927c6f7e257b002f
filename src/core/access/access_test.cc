// The access table against tests/access/matrix.json: every role x action x inside/outside the
// role's scope gives the outcome the matrix states, and the matrix covers every action the
// table knows (so that an action added without its cases, or a case without its action, fails).
#include "core/access/access.h"

#include <fstream>
#include <set>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace moteplass {
namespace {

using nlohmann::json;

// The records of the matrix: a municipal council in Bergen (4601, county 46, region vest), one in
// Oslo (0301, county 03, region ost), and a county-level meeting place in Vestland (46).
const RecordLocation kBergen{101, "4601", "46", "vest"};
const RecordLocation kOslo{102, "0301", "03", "ost"};
const RecordLocation kVestlandCounty{103, "", "46", "vest"};

Principal As(Role role, std::string scope) {
  User u;
  u.id = 1;
  u.username = "u";
  u.role = role;
  u.scope = std::move(scope);
  return Principal{u};
}

// The principal of a matrix role, and the record inside its scope.
struct MatrixRole {
  Principal who;
  RecordLocation inside;
};

MatrixRole RoleOf(const std::string& name) {
  if (name == "public") return {Principal{}, kBergen};
  if (name == "admin") return {As(Role::kAdmin, ""), kBergen};
  if (name == "national") return {As(Role::kNational, ""), kBergen};
  if (name == "regional") return {As(Role::kRegional, "vest"), kBergen};
  if (name == "municipal") return {As(Role::kMunicipal, "4601"), kBergen};
  if (name == "municipal_county") return {As(Role::kMunicipal, "46"), kVestlandCounty};
  if (name == "secretary") return {As(Role::kSecretary, "101"), kBergen};
  if (name == "researcher") return {As(Role::kResearcher, ""), kBergen};
  ADD_FAILURE() << "unknown role in the matrix: " << name;
  return {};
}

json Matrix() {
  std::ifstream in(std::string(MOTEPLASS_SOURCE_DIR) + "/tests/access/matrix.json");
  EXPECT_TRUE(in) << "tests/access/matrix.json is missing";
  return json::parse(in);
}

TEST(Access, EveryCaseOfTheMatrixHolds) {
  const json matrix = Matrix();
  for (const json& c : matrix.at("cases")) {
    const std::string role = c.at("role"), action_name = c.at("action");
    SCOPED_TRACE(role + " " + action_name);
    auto action = ParseAction(action_name);
    ASSERT_TRUE(action) << "the matrix names an action the table does not know";
    MatrixRole r = RoleOf(role);
    RecordLocation inside = r.inside;
    // A record being created has no id yet.
    if (*action == Action::kMeetingPlaceCreate) inside.meeting_place_id = 0;
    // A study's actions: inside, the study names the principal in every capacity its role may
    // hold (leads are administrators, national and regional users); outside, not at all.
    if (action_name.rfind("study.", 0) == 0) {
      const bool may_lead = role == "admin" || role == "national" || role == "regional";
      inside.study_circle = kStudyInterviewer | kStudyAnalyst | (may_lead ? kStudyLead : 0);
    }
    RecordLocation outside = kOslo;
    if (*action == Action::kMeetingPlaceCreate) outside.meeting_place_id = 0;
    EXPECT_EQ(Decide(r.who, *action, inside).allowed, c.at("inside").get<bool>()) << "inside";
    EXPECT_EQ(Decide(r.who, *action, outside).allowed, c.at("outside").get<bool>()) << "outside";
  }
}

TEST(Access, TheMatrixCoversEveryRoleAndEveryAction) {
  const json matrix = Matrix();
  std::set<std::pair<std::string, std::string>> seen;
  for (const json& c : matrix.at("cases")) {
    EXPECT_TRUE(seen.emplace(c.at("role"), c.at("action")).second)
        << "twice in the matrix: " << c.at("role") << " " << c.at("action");
  }
  for (const json& role : matrix.at("roles")) {
    for (Action action : AllActions()) {
      EXPECT_TRUE(seen.count({role.get<std::string>(), std::string(ActionName(action))}))
          << "the matrix has no case for " << role << " " << ActionName(action);
    }
  }
  EXPECT_EQ(seen.size(), matrix.at("roles").size() * AllActions().size());
}

TEST(Access, ScopesReachWhatTheyShould) {
  const Action update = Action::kMeetingPlaceUpdate;
  EXPECT_TRUE(Decide(As(Role::kRegional, "ost"), update, kOslo).allowed);
  EXPECT_FALSE(Decide(As(Role::kRegional, "vest"), update, kOslo).allowed);
  EXPECT_FALSE(Decide(As(Role::kMunicipal, "46"), update, kBergen).allowed)
      << "a county officer covers the county's own meeting places, not its municipalities'";
  EXPECT_TRUE(Decide(As(Role::kMunicipal, "46"), update, kVestlandCounty).allowed);
  EXPECT_FALSE(Decide(As(Role::kSecretary, "101"), update, RecordLocation{0, "4601", "46", "vest"}).allowed)
      << "a secretary's scope is one existing meeting place";
}

TEST(Access, AScopeAsListFiltersIsInsideTheScope) {
  for (const auto& [role, scope] : std::vector<std::pair<Role, std::string>>{
           {Role::kRegional, "ost"}, {Role::kMunicipal, "0301"}, {Role::kMunicipal, "46"}, {Role::kSecretary, "101"}}) {
    const Principal who = As(role, scope);
    RecordLocation where = ScopeLocation(*who.user);
    if (role == Role::kRegional) where.municipality = "0301";  // any record the filter lets through
    EXPECT_TRUE(Decide(who, Action::kMeetingPlaceUpdate, where).allowed) << scope;
  }
  EXPECT_EQ(ScopeLocation(*As(Role::kNational, "").user).municipality, "");
  EXPECT_EQ(ScopeLocation(*As(Role::kSecretary, "101").user).meeting_place_id, 101);
}

TEST(Access, RefusalsSayWhyWithTheRightCode) {
  Decision nobody = Decide(Principal{}, Action::kMeetingPlaceUpdate, kBergen);
  ASSERT_FALSE(nobody.allowed);
  EXPECT_EQ(nobody.error->code, ErrorCode::kUnauthenticated);
  Decision outside = Decide(As(Role::kMunicipal, "4601"), Action::kMeetingPlaceUpdate, kOslo);
  EXPECT_EQ(outside.error->code, ErrorCode::kForbidden);
  EXPECT_EQ(outside.error->message, "your role does not cover this meeting place");
}

TEST(Access, DisabledAccountMayDoNothing) {
  Principal admin = As(Role::kAdmin, "");
  admin.user->disabled = true;
  for (Action action : AllActions()) EXPECT_FALSE(Decide(admin, action, kBergen).allowed) << ActionName(action);
}

// Reading without names is a subset of reading the internal work: whoever may read the one may
// read the other (so the use cases need to ask only when read_internal is refused), and of the
// roles only researchers read without names where they do not read the internal work.
TEST(Access, WhoReadsTheInternalWorkMayReadItWithoutNames) {
  for (const char* role :
       {"public", "admin", "national", "regional", "municipal", "municipal_county", "secretary", "researcher"}) {
    const MatrixRole r = RoleOf(role);
    for (const RecordLocation& where : {r.inside, kOslo}) {
      const bool internal = Decide(r.who, Action::kOperationsReadInternal, where).allowed;
      const bool nameless = Decide(r.who, Action::kOperationsReadWithoutNames, where).allowed;
      if (internal) {
        EXPECT_TRUE(nameless) << role;
      }
      EXPECT_EQ(nameless && !internal, std::string(role) == "researcher") << role;
    }
  }
}

TEST(Access, NamesRoundTrip) {
  for (Action action : AllActions()) EXPECT_EQ(ParseAction(ActionName(action)), action);
  EXPECT_FALSE(ParseAction("meeting_place.fly"));
}

}  // namespace
}  // namespace moteplass
