#include "core/access/access.h"

#include <algorithm>
#include <array>
#include <cstdlib>

namespace moteplass {
namespace {

// How far a role reaches for one action.
enum class Reach {
  kNever,
  kInScope,  // only records inside the role's scope
  kAlways,
};

struct ActionInfo {
  Action action;
  std::string_view name;
  bool audited;
  // Reach per role, in the order admin, national, regional, municipal, secretary, researcher.
  // Visitors who are not logged in (Role::kPublic) may never do any of these.
  std::array<Reach, 6> reach;
  // The refusal, in English (the pages translate by slug).
  std::string_view refusal;
  // For a study's actions: the capacities in the study (kStudyLead, ... bits) that count as
  // "inside"; 0 for the others, whose inside is the role's scope.
  int circle = 0;
};

constexpr Reach N = Reach::kNever;
constexpr Reach S = Reach::kInScope;
constexpr Reach A = Reach::kAlways;

// The access table. One row per action; columns: admin, national, regional, municipal,
// secretary, researcher.
// clang-format off
constexpr ActionInfo kRules[] = {
    {Action::kMeetingPlaceCreate, "meeting_place.create", true, {A, A, S, S, N, N},
     "your role may not create a meeting place there"},
    {Action::kMeetingPlaceUpdate, "meeting_place.update", true, {A, A, S, S, S, N},
     "your role does not cover this meeting place"},
    {Action::kMeetingPlaceDelete, "meeting_place.delete", true, {A, A, S, S, N, N},
     "your role may not delete this meeting place"},
    {Action::kMeetingPlaceRecordKind, "meeting_place.record_kind", true, {A, A, S, S, N, N},
     "your role may not record a kind for this meeting place"},
    {Action::kMeetingPlaceHistory, "meeting_place.history", true, {A, A, S, S, S, A},
     "your role does not cover this meeting place's history"},
    {Action::kMeetingPlaceHistoryAuthors, "meeting_place.history_authors", false, {A, A, S, S, S, N},
     "who made each change is personal data your role does not see"},
    {Action::kMeetingPlaceReadUnpublished, "meeting_place.read_unpublished", false, {A, A, S, S, S, N},
     "this meeting place is not published"},
    {Action::kMeetingPlaceListUnpublished, "meeting_place.list_unpublished", false, {A, A, N, N, N, N},
     "lists show published meeting places only"},
    {Action::kMeetingPlaceImport, "meeting_place.import", true, {A, N, N, N, N, N},
     "only an administrator may import meeting places"},
    {Action::kDemoManage, "demo.manage", true, {A, N, N, N, N, N},
     "only an administrator may load or remove the example data"},
    {Action::kRegionsReplace, "regions.replace", true, {A, N, N, N, N, N},
     "only an administrator may change the regions"},
    {Action::kUserManage, "user.manage", true, {A, N, N, N, N, N},
     "only an administrator may manage accounts"},
    {Action::kTokenManageOwn, "token.manage_own", false, {A, A, A, A, A, A},
     "log in to manage your own API tokens"},
    {Action::kAuditRead, "audit.read", true, {A, N, N, N, N, N},
     "only an administrator may read the audit log"},
    {Action::kOperationsManage, "operations.manage", true, {A, N, N, S, S, N},
     "your role does not manage this meeting place's members, meetings and cases"},
    {Action::kOperationsReadInternal, "operations.read_internal", false, {A, A, S, S, S, N},
     "your role sees only what the public sees of this meeting place's work"},
    {Action::kOperationsReadWithoutNames, "operations.read_without_names", true, {A, A, S, S, S, A},
     "only researchers, and those who read this meeting place's internal work, see all of it without names"},
    {Action::kPersonRead, "person.read", false, {A, A, N, S, S, N},
     "a person is visible only through the meeting places your role manages"},
    {Action::kPersonMerge, "person.merge", true, {A, A, N, N, N, N},
     "only a national user may join two records of one person"},
    {Action::kSuggestionReview, "suggestion.review", true, {A, A, S, S, N, N},
     "your role does not review suggestions about this place"},
    {Action::kAlertsRead, "alerts.read", false, {A, A, S, S, S, N},
     "your role does not see the alerts of this meeting place"},
    {Action::kAlertsAcknowledge, "alerts.acknowledge", true, {A, N, N, S, S, N},
     "your role does not acknowledge the alerts of this meeting place"},
    {Action::kSsbImport, "ssb.import", true, {A, N, N, N, N, N},
     "only an administrator may import a table from Statistics Norway"},
    {Action::kHandbookEdit, "handbook.edit", true, {A, A, N, N, N, N},
     "only a national user may edit the handbook"},
    {Action::kHandbookPublish, "handbook.publish", true, {A, A, N, N, N, N},
     "only a national user may publish a page of the handbook"},
    {Action::kImdiOverview, "imdi.overview", false, {A, A, S, N, N, N},
     "IMDi's overview is for national and regional users, each for their own region"},
    {Action::kImdiSetTarget, "imdi.set_target", true, {A, A, N, N, N, N},
     "only a national user may set the target of new meeting places"},
    {Action::kStudyCreate, "study.create", true, {A, A, A, N, N, N},
     "only administrators, national and regional users set up mapping studies"},
    {Action::kStudyRead, "study.read", false, {A, S, S, S, S, S},
     "a study is seen only by its leads, interviewers and analysts", kStudyLead | kStudyInterviewer | kStudyAnalyst},
    {Action::kStudyManage, "study.manage", true, {A, S, S, N, N, N},
     "only the study's leads change it and its informants", kStudyLead},
    {Action::kStudyIdentity, "study.identity", true, {A, S, S, N, N, N},
     "only the study's leads and administrators read and write informants' identities", kStudyLead},
    {Action::kStudyInterview, "study.interview", true, {A, S, S, S, S, S},
     "only the study's interviewers and leads record interviews", kStudyLead | kStudyInterviewer},
    {Action::kStudyCode, "study.code", true, {A, S, S, S, S, S},
     "only the study's analysts and leads code its answers", kStudyLead | kStudyAnalyst},
    {Action::kAnalysisFullTables, "analysis.full_tables", false, {A, A, N, N, N, N},
     "figures to which fewer than three people contribute are hidden from your role"},
};
// clang-format on

const ActionInfo& Info(Action action) {
  for (const ActionInfo& info : kRules) {
    if (info.action == action) return info;
  }
  return kRules[0];  // unreachable: every Action has a row (access_test checks)
}

int Column(Role role) {
  switch (role) {
    case Role::kAdmin: return 0;
    case Role::kNational: return 1;
    case Role::kRegional: return 2;
    case Role::kMunicipal: return 3;
    case Role::kSecretary: return 4;
    case Role::kResearcher: return 5;
    case Role::kPublic: return -1;
  }
  return -1;
}

// Whether `where` lies inside the user's scope.
bool InScope(const User& user, const RecordLocation& where) {
  const std::string& scope = user.scope;
  switch (user.role) {
    case Role::kAdmin:
    case Role::kNational:
    case Role::kResearcher: return true;
    case Role::kRegional: return !where.region.empty() && where.region == scope;
    case Role::kMunicipal:
      if (scope.size() == 4) return where.municipality == scope;
      // A county officer covers the county's own meeting places, not its municipalities'.
      return where.municipality.empty() && where.county == scope;
    case Role::kSecretary: return where.meeting_place_id != 0 && std::to_string(where.meeting_place_id) == scope;
    case Role::kPublic: return false;
  }
  return false;
}

}  // namespace

RecordLocation ScopeLocation(const User& user) {
  RecordLocation where;
  switch (user.role) {
    case Role::kRegional: where.region = user.scope; break;
    case Role::kMunicipal: (user.scope.size() == 4 ? where.municipality : where.county) = user.scope; break;
    case Role::kSecretary: where.meeting_place_id = std::atoll(user.scope.c_str()); break;
    case Role::kAdmin:
    case Role::kNational:
    case Role::kResearcher:
    case Role::kPublic: break;
  }
  return where;
}

std::string_view ActionName(Action action) { return Info(action).name; }

std::optional<Action> ParseAction(std::string_view name) {
  for (const ActionInfo& info : kRules) {
    if (info.name == name) return info.action;
  }
  return std::nullopt;
}

const std::vector<Action>& AllActions() {
  static const std::vector<Action> all = [] {
    std::vector<Action> v;
    for (const ActionInfo& info : kRules) v.push_back(info.action);
    return v;
  }();
  return all;
}

bool IsAudited(Action action) { return Info(action).audited; }

Decision Decide(const Principal& who, Action action, const RecordLocation& where) {
  const ActionInfo& info = Info(action);
  if (!who.user || who.user->disabled) {
    return Decision{false, Error::Unauthenticated("log in first: " + std::string(info.refusal))};
  }
  const int column = Column(who.role());
  const Reach reach = column < 0 ? Reach::kNever : info.reach[column];
  const bool inside = info.circle != 0 ? (where.study_circle & info.circle) != 0 : InScope(*who.user, where);
  const bool allowed = reach == Reach::kAlways || (reach == Reach::kInScope && inside);
  if (allowed) return Decision{true, std::nullopt};
  return Decision{false, Error::Forbidden(std::string(info.refusal))};
}

bool MayAnywhere(const Principal& who, Action action) {
  if (!who.user || who.user->disabled) return false;
  const int column = Column(who.role());
  return column >= 0 && Info(action).reach[column] != Reach::kNever;
}

Status Check(const Principal& who, Action action, const RecordLocation& where) {
  Decision d = Decide(who, action, where);
  if (d.allowed) return {};
  return *d.error;
}

}  // namespace moteplass
