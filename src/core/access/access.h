// Who may do what: every "may this principal do this action on this thing" decision in the
// program is made here, from one table (kRules in access.cc), and nowhere else. The API, the
// pages and the command line ask Decide(); handlers never compare roles themselves.
//
// A rule says, for one action and one role, whether the role may never do it, may do it only
// inside its scope (its region, municipality, county or meeting place), or may always do it.
// The expected outcome of every role x action x inside/outside is kept as data in
// tests/access/matrix.json; access_test.cc checks the table against it, and the access tests in
// tests/access run the same file over HTTP, so a rule left out or changed fails both.
//
// To add a capability's actions: add them to Action, kActionNames and kRules, and add their
// cases to tests/access/matrix.json.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/accounts/account.h"
#include "core/error.h"

namespace moteplass {

enum class Action {
  // Register (meeting places).
  kMeetingPlaceCreate,
  kMeetingPlaceUpdate,
  kMeetingPlaceDelete,
  kMeetingPlaceRecordKind,
  kMeetingPlaceHistory,
  kMeetingPlaceHistoryAuthors,   // see who made each change (personal data)
  kMeetingPlaceReadUnpublished,  // see one unpublished or deleted record
  kMeetingPlaceListUnpublished,  // lists include unpublished records
  kMeetingPlaceImport,
  kDemoManage,
  // Places.
  kRegionsReplace,
  // Accounts and the audit log.
  kUserManage,      // also: anyone's API tokens
  kTokenManageOwn,  // create, list and revoke one's own API tokens
  kAuditRead,
  // Operations (contracts/operations.md): people, memberships, meetings, cases.
  kOperationsManage,        // create, change and delete a meeting place's people, memberships,
                            // meetings and cases; see the special categories of its members
  kOperationsReadInternal,  // see a meeting place's non-public meetings and cases and every member
  // See every membership, meeting and case of a meeting place, without names or free text that may
  // name people (researchers); each use is audited.
  kOperationsReadWithoutNames,
  kPersonRead,   // see a person record (names): through the meeting places in scope
  kPersonMerge,  // join two records of one person
  // Suggestions from the public (core/suggestions).
  kSuggestionReview,  // read the suggestions about places in scope (with the sender's e-mail), accept or
                      // reject them
  // Alerts (contracts/operations.md, "Alerts").
  kAlertsRead,         // see the alerts of a meeting place (the page /varsler, the API, the feed)
  kAlertsAcknowledge,  // acknowledge (or snooze) one of its alerts
  // Statistics Norway's table (contracts/analysis.md).
  kSsbImport,  // replace the imported table of the immigrant population
  // The handbook (/handbok).
  kHandbookEdit,     // write drafts, send them to review or back, see drafts and their authors
  kHandbookPublish,  // publish a version in review
  // IMDi's overview (/imdi).
  kImdiOverview,   // read the overview of a region: new and ceased meeting places, municipalities without one
  kImdiSetTarget,  // set the target of new meeting places per region and year
  // Mapping studies (contracts/studies.md). "Inside" is the principal's place in the study
  // (RecordLocation::study_circle), not its scope: named as lead, interviewer or analyst.
  kStudyCreate,     // set up a study (and so become one of its leads)
  kStudyRead,       // see a study, its informants (pseudonymous), interviews and matrix
  kStudyManage,     // change or erase a study and its informants: its leads
  kStudyIdentity,   // read and write informants' identities: its leads; every read audited
  kStudyInterview,  // record and change interviews: its interviewers and leads
  kStudyCode,       // code answers (codings and memos): its analysts and leads
  // Analysis (contracts/analysis.md).
  kAnalysisFullTables,  // read the analyses with no cell hidden (small cells are people)
};

// "meeting_place.create", ...: the action's name in the audit log and in the matrix.
std::string_view ActionName(Action action);
// The action of a name; nullopt when unknown.
std::optional<Action> ParseAction(std::string_view name);
// Every action, in declaration order.
const std::vector<Action>& AllActions();

// Whether the decision about an action is written to the audit log. Decisions about what a read
// shows (kMeetingPlaceListUnpublished, kMeetingPlaceReadUnpublished, kMeetingPlaceHistoryAuthors)
// filter every read and are not requests of their own; every other decision is audited, allowed or denied.
// kOperationsReadWithoutNames also filters reads (refused, the caller sees what the public sees), so
// the use cases audit only its use: every read a researcher makes of a meeting place's internal work.
bool IsAudited(Action action);

struct Decision {
  bool allowed = false;
  // Why not, in words a person can act on ("" when allowed). kUnauthenticated when nobody is
  // logged in and the action needs a login, kForbidden otherwise.
  std::optional<Error> error;
};

// Decides whether `who` may do `action` on a record at `where` (for a create: where the new
// record would be). A disabled account may do nothing a visitor may not.
Decision Decide(const Principal& who, Action action, const RecordLocation& where);

// Where a user's scope lies, as list filters: the municipality or county of a municipal user, the
// region of a regional one, the meeting place of a secretary; empty for roles without a scope.
// The same reading of the scope as the access table's "inside".
RecordLocation ScopeLocation(const User& user);

// True when `who` may do `action` somewhere (inside its scope at least): for offering a button or
// a form before the place is known. The decision on a real place is still Decide()'s.
bool MayAnywhere(const Principal& who, Action action);

// Decide() as a Status: ok when allowed, else the decision's error.
Status Check(const Principal& who, Action action, const RecordLocation& where);

}  // namespace moteplass
