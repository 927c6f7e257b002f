#include "app/studies/studies.h"

#include <algorithm>

#include "app/operations/operations.h"
#include "core/operations/fields.h"
#include "core/status_macros.h"
#include "core/studies/guide.h"
#include "core/studies/study.h"

namespace moteplass::app {
namespace {

using nlohmann::json;

bool Named(const json& list, const std::string& username) {
  return std::any_of(list.begin(), list.end(), [&](const json& u) { return u == username; });
}

int CircleOf(const json& study, const Principal& who) {
  if (!who.user) return 0;
  const std::string& me = who.user->username;
  int circle = 0;
  if (Named(study["leads"], me)) circle |= kStudyLead;
  if (Named(study["interviewers"], me)) circle |= kStudyInterviewer;
  if (Named(study["analysts"], me)) circle |= kStudyAnalyst;
  return circle;
}

Error NoStudy(std::int64_t id) { return Error::NotFound("no study has the id " + std::to_string(id)); }
Error NoInformant(std::int64_t id) {
  return Error::NotFound("no informant of this study has the id " + std::to_string(id));
}

Status RequireVersion(std::int64_t expected_version) {
  if (expected_version != kNoPrecondition) return {};
  return Error::Invalid(
      "a change to an existing record must say which version it is based on: send If-Match "
      "with the record's ETag (such as \"3\") or its \"version\" in the body",
      "/headers/if-match", "precondition_required");
}

// Checks what a study names against the register: its people (leads must be administrators,
// national or regional users), region, municipalities, meeting places and guides.
Status CheckStudy(Services& s, const json& study) {
  for (const char* list : {"leads", "interviewers", "analysts"}) {
    for (std::size_t i = 0; i < study[list].size(); ++i) {
      const std::string at = std::string("/") + list + "/" + std::to_string(i);
      auto user = s.store.accounts().FindUser(study[list][i].get<std::string>());
      if (!user.ok() || user->disabled) return Error::Invalid("no active user has this name", at);
      if (std::string(list) == "leads" && user->role != Role::kAdmin && user->role != Role::kNational &&
          user->role != Role::kRegional) {
        return Error::Invalid("a lead must be an administrator, a national or a regional user", at);
      }
    }
  }
  if (study["region"].is_string()) {
    const std::string region = study["region"];
    if (FindRegion(s.places, region) == nullptr) return Error::Invalid("no IMDi region has this id", "/region");
  }
  for (std::size_t i = 0; i < study["municipalities"].size(); ++i) {
    if (FindMunicipality(s.places, study["municipalities"][i].get<std::string>()) == nullptr) {
      return Error::Invalid("no municipality has this number", "/municipalities/" + std::to_string(i));
    }
  }
  for (std::size_t i = 0; i < study["meeting_places"].size(); ++i) {
    if (!s.store.meeting_places().Get(study["meeting_places"][i].get<std::int64_t>()).ok()) {
      return Error::Invalid("no meeting place has this id", "/meeting_places/" + std::to_string(i));
    }
  }
  for (std::size_t i = 0; i < study["guides"].size(); ++i) {
    const std::string id = study["guides"][i];
    const bool built_in = std::find(std::begin(studies::kBuiltInGuides), std::end(studies::kBuiltInGuides), id) !=
                          std::end(studies::kBuiltInGuides);
    if (!built_in && !s.store.studies().GetGuide(id, 0).ok()) {
      return Error::Invalid("no guide has this id", "/guides/" + std::to_string(i));
    }
  }
  return {};
}

// The study, readable by the caller, and a decision on `action` audited against `target`.
Result<StudyAccess> StudyForAction(Services& s, const Principal& who, std::int64_t id, Action action,
                                   const std::string& target_type, const std::string& target_id) {
  ASSIGN_OR_RETURN(StudyAccess access, StudyFor(s, who, id));
  RETURN_IF_ERROR(Authorize(s, who, action, access.where, target_type, target_id));
  return access;
}

Result<StudyRecord> InformantOf(Services& s, std::int64_t study, std::int64_t id) {
  auto informant = s.store.studies().GetInformant(id);
  if (!informant.ok() || informant->study != study) return NoInformant(id);
  return informant;
}

// An informant's meeting place must be one of the study's.
Status CheckInformant(const StudyRecord& study, const json& informant) {
  if (informant["meeting_place"].is_null()) return {};
  const json& places = study.data["meeting_places"];
  if (std::find(places.begin(), places.end(), informant["meeting_place"]) == places.end()) {
    return Error::Invalid("not one of the study's meeting places", "/meeting_place");
  }
  return {};
}

WriteContext Ctx(const Principal& who, std::int64_t version = 0) { return WriteContext{AuthorOf(who), version}; }

std::string Base(std::int64_t study) { return "/api/v1/studies/" + std::to_string(study); }

}  // namespace

Result<StudyAccess> StudyFor(Services& s, const Principal& who, std::int64_t id) {
  if (!who.user || who.user->disabled) return Error::Unauthenticated("log in first to see studies");
  auto study = s.store.studies().GetStudy(id);
  if (!study.ok()) return NoStudy(id);
  StudyAccess access{*study, CircleOf(study->data, who), {}};
  access.where.study_circle = access.circle;
  if (!Decide(who, Action::kStudyRead, access.where).allowed) return NoStudy(id);
  return access;
}

Result<std::vector<StudyRecord>> ListStudies(Services& s, const Principal& who) {
  if (!who.user || who.user->disabled) return Error::Unauthenticated("log in first to see studies");
  ASSIGN_OR_RETURN(std::vector<StudyRecord> all, s.store.studies().ListStudies());
  std::vector<StudyRecord> out;
  for (StudyRecord& r : all) {
    RecordLocation where;
    where.study_circle = CircleOf(r.data, who);
    if (Decide(who, Action::kStudyRead, where).allowed) out.push_back(std::move(r));
  }
  return out;
}

Result<StudyRecord> CreateStudy(Services& s, const Principal& who, const json& body) {
  const Action action = Action::kStudyCreate;
  RETURN_IF_ERROR(Authorize(s, who, action, RecordLocation{}, "study", ""));
  auto created = [&]() -> Result<StudyRecord> {
    ASSIGN_OR_RETURN(json data, studies::ParseStudy(body));
    RETURN_IF_ERROR(CheckStudy(s, data));
    return s.store.studies().CreateStudy(data, Ctx(who));
  }();
  if (!created.ok()) return Outcome(s, who, action, "study", "", created.error(), false).error();
  return created;
}

Result<StudyRecord> UpdateStudy(Services& s, const Principal& who, std::int64_t id, const json& body,
                                std::int64_t expected_version) {
  const Action action = Action::kStudyManage;
  const std::string target = std::to_string(id);
  ASSIGN_OR_RETURN(StudyAccess access, StudyForAction(s, who, id, action, "study", target));
  auto updated = [&]() -> Result<StudyRecord> {
    RETURN_IF_ERROR(RequireVersion(expected_version));
    ASSIGN_OR_RETURN(json data, studies::ParseStudy(body));
    RETURN_IF_ERROR(CheckStudy(s, data));
    // The example mark is the demo's, never the client's: a replaced study keeps it.
    if (access.study.data.value("example", false)) data["example"] = true;
    return s.store.studies().UpdateStudy(id, data, Ctx(who, expected_version));
  }();
  if (!updated.ok()) return Outcome(s, who, action, "study", target, updated.error(), false).error();
  return updated;
}

Status DeleteStudy(Services& s, const Principal& who, std::int64_t id, std::int64_t expected_version) {
  const Action action = Action::kStudyManage;
  const std::string target = std::to_string(id);
  RETURN_IF_ERROR(StudyForAction(s, who, id, action, "study", target));
  Status deleted = [&]() -> Status {
    RETURN_IF_ERROR(RequireVersion(expected_version));
    return s.store.studies().DeleteStudy(id, Ctx(who, expected_version));
  }();
  if (!deleted.ok()) return Outcome(s, who, action, "study", target, deleted, false);
  return {};
}

Result<std::vector<StudyRecord>> ListInformants(Services& s, const Principal& who, std::int64_t study) {
  RETURN_IF_ERROR(StudyFor(s, who, study));
  return s.store.studies().ListInformants(study);
}

Result<StudyRecord> GetInformant(Services& s, const Principal& who, std::int64_t study, std::int64_t id) {
  RETURN_IF_ERROR(StudyFor(s, who, study));
  return InformantOf(s, study, id);
}

Result<StudyRecord> CreateInformant(Services& s, const Principal& who, std::int64_t study, const json& body) {
  const Action action = Action::kStudyManage;
  ASSIGN_OR_RETURN(StudyAccess access, StudyForAction(s, who, study, action, "study", std::to_string(study)));
  auto created = [&]() -> Result<StudyRecord> {
    ASSIGN_OR_RETURN(json data, studies::ParseInformant(body));
    RETURN_IF_ERROR(CheckInformant(access.study, data));
    return s.store.studies().CreateInformant(study, data, Ctx(who));
  }();
  if (!created.ok()) return Outcome(s, who, action, "study", std::to_string(study), created.error(), false).error();
  return created;
}

Result<StudyRecord> UpdateInformant(Services& s, const Principal& who, std::int64_t study, std::int64_t id,
                                    const json& body, std::int64_t expected_version) {
  const Action action = Action::kStudyManage;
  ASSIGN_OR_RETURN(StudyAccess access, StudyFor(s, who, study));
  ASSIGN_OR_RETURN(StudyRecord before, InformantOf(s, study, id));
  if (before.withdrawn) return NoInformant(id);
  RETURN_IF_ERROR(Authorize(s, who, action, access.where, "informant", std::to_string(id)));
  auto updated = [&]() -> Result<StudyRecord> {
    RETURN_IF_ERROR(RequireVersion(expected_version));
    ASSIGN_OR_RETURN(json data, studies::ParseInformant(body));
    RETURN_IF_ERROR(CheckInformant(access.study, data));
    return s.store.studies().UpdateInformant(id, data, Ctx(who, expected_version));
  }();
  if (!updated.ok()) return Outcome(s, who, action, "informant", std::to_string(id), updated.error(), false).error();
  return updated;
}

Status WithdrawInformant(Services& s, const Principal& who, std::int64_t study, std::int64_t id, const json& body) {
  const Action action = Action::kStudyManage;
  ASSIGN_OR_RETURN(StudyAccess access, StudyFor(s, who, study));
  ASSIGN_OR_RETURN(StudyRecord before, InformantOf(s, study, id));
  if (before.withdrawn) return NoInformant(id);
  RETURN_IF_ERROR(Authorize(s, who, action, access.where, "informant", std::to_string(id)));
  Status withdrawn = [&]() -> Status {
    json date = TodayInOslo();
    if (body.is_object() && body.contains("date")) {
      RETURN_IF_ERROR(ops::CheckObject(body, "", {"date"}));
      ASSIGN_OR_RETURN(date, ops::DateField(body, "date", "", true));
    } else if (!body.is_null() && !(body.is_object() && body.empty())) {
      RETURN_IF_ERROR(ops::CheckObject(body, "", {"date"}));
    }
    return s.store.studies().WithdrawInformant(id, date.get<std::string>(), Ctx(who));
  }();
  if (!withdrawn.ok()) return Outcome(s, who, action, "informant", std::to_string(id), withdrawn, false);
  return {};
}

Result<json> GetIdentity(Services& s, const Principal& who, std::int64_t study, std::int64_t informant) {
  const Action action = Action::kStudyIdentity;
  const std::string target = std::to_string(informant);
  ASSIGN_OR_RETURN(StudyAccess access, StudyFor(s, who, study));
  ASSIGN_OR_RETURN(StudyRecord i, InformantOf(s, study, informant));
  RETURN_IF_ERROR(Authorize(s, who, action, access.where, "identity", target));
  (void)i;
  auto identity = [&]() -> Result<json> {
    RETURN_IF_ERROR(EraseDueIdentities(s));
    ASSIGN_OR_RETURN(std::string sealed, s.store.studies().GetIdentity(informant));
    ASSIGN_OR_RETURN(std::string plain, studies::Unseal(s.identity_key, sealed));
    json doc = json::parse(plain, nullptr, false);
    if (doc.is_discarded()) return Error::Internal("a stored identity is not readable");
    return doc;
  }();
  // Every read is audited, whatever came of it.
  (void)Outcome(s, who, action, "identity", target, identity.ok() ? Status() : Status(identity.error()), false);
  return identity;
}

Result<json> PutIdentity(Services& s, const Principal& who, std::int64_t study, std::int64_t informant,
                         const json& body) {
  const Action action = Action::kStudyIdentity;
  const std::string target = std::to_string(informant);
  ASSIGN_OR_RETURN(StudyAccess access, StudyFor(s, who, study));
  ASSIGN_OR_RETURN(StudyRecord i, InformantOf(s, study, informant));
  if (i.withdrawn) return NoInformant(informant);
  RETURN_IF_ERROR(Authorize(s, who, action, access.where, "identity", target));
  auto stored = [&]() -> Result<json> {
    ASSIGN_OR_RETURN(json identity, studies::ParseIdentity(body));
    ASSIGN_OR_RETURN(std::string sealed, studies::Seal(s.identity_key, identity.dump()));
    RETURN_IF_ERROR(s.store.studies().PutIdentity(informant, sealed, Ctx(who)));
    return identity;
  }();
  if (!stored.ok()) return Outcome(s, who, action, "identity", target, stored.error(), false).error();
  return stored;
}

Status DeleteIdentity(Services& s, const Principal& who, std::int64_t study, std::int64_t informant) {
  const Action action = Action::kStudyIdentity;
  const std::string target = std::to_string(informant);
  ASSIGN_OR_RETURN(StudyAccess access, StudyFor(s, who, study));
  RETURN_IF_ERROR(InformantOf(s, study, informant));
  RETURN_IF_ERROR(Authorize(s, who, action, access.where, "identity", target));
  Status erased = s.store.studies().DeleteIdentity(informant, Ctx(who));
  if (!erased.ok()) return Outcome(s, who, action, "identity", target, erased, false);
  return {};
}

Result<std::int64_t> EraseDueIdentities(Services& s) {
  ASSIGN_OR_RETURN(std::vector<StudyRecord> all, s.store.studies().ListStudies());
  const std::string today = TodayInOslo();
  std::int64_t erased = 0;
  for (const StudyRecord& r : all) {
    const json& after = r.data["identities_delete_after"];
    if (!after.is_string() || after.get<std::string>() >= today) continue;
    ASSIGN_OR_RETURN(std::int64_t n, s.store.studies().EraseIdentitiesOf(r.id, WriteContext{"system", 0}));
    erased += n;
  }
  return erased;
}

json StudyView(const StudyRecord& study) {
  json out = {{"id", study.id},
              {"version", study.version},
              {"created_at", study.created_at},
              {"updated_at", study.updated_at},
              {"links", {{"self", Base(study.id)}, {"informants", Base(study.id) + "/informants"}}}};
  out.update(study.data);
  return out;
}

json InformantView(const StudyRecord& informant) {
  const std::string self = Base(informant.study) + "/informants/" + std::to_string(informant.id);
  json out = {{"id", informant.id},
              {"version", informant.version},
              {"created_at", informant.created_at},
              {"updated_at", informant.updated_at},
              {"links", {{"self", self}}}};
  if (informant.withdrawn) {
    // A tombstone: no more than the pseudonym and when it was withdrawn.
    out["pseudonym"] = informant.data["pseudonym"];
    out["withdrawn"] = informant.data["withdrawn"];
    return out;
  }
  out["links"]["identity"] = self + "/identity";
  out.update(informant.data);
  return out;
}

}  // namespace moteplass::app
