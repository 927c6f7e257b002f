#include "app/studies/interviews.h"

#include <algorithm>
#include <set>

#include "app/register/meeting_places.h"
#include "app/studies/codings.h"
#include "app/studies/guides.h"
#include "app/studies/studies.h"
#include "core/status_macros.h"
#include "core/studies/interview.h"
#include "core/studies/matrix.h"

namespace moteplass::app {
namespace {

using nlohmann::json;

Error NoInterview(std::int64_t id) {
  return Error::NotFound("no interview of this study has the id " + std::to_string(id));
}

// The body as a checked interview document for `study`: its guide and version (default: the
// latest), its informant, its meeting place (default: the informant's), its interviewer
// (default: the caller).
Result<json> Checked(Services& s, const Principal& who, const StudyRecord& study, json body) {
  if (!body.is_object()) return Error::Invalid("must be an object", "/");
  const json guides = study.data["guides"];
  std::string guide = guides.size() == 1 ? guides[0].get<std::string>() : "";
  if (body.contains("guide")) {
    if (!body["guide"].is_string()) return Error::Invalid("must be a guide id", "/guide");
    guide = body["guide"];
  }
  if (std::find(guides.begin(), guides.end(), json(guide)) == guides.end()) {
    return Error::Invalid("must be one of the study's guides", "/guide");
  }
  std::int64_t version = 0;
  if (body.contains("guide_version") && !body["guide_version"].is_null()) {
    if (!body["guide_version"].is_number_integer() || body["guide_version"].get<std::int64_t>() < 1) {
      return Error::Invalid("must be a version number", "/guide_version");
    }
    version = body["guide_version"].get<std::int64_t>();
  }
  auto g = GetGuide(s, guide, version);
  if (!g.ok()) return Error::Invalid("the guide " + guide + " has no such version", "/guide_version");
  body["guide_version"] = g->version;
  body.erase("guide");
  if (!body.contains("informant") || !body["informant"].is_number_integer()) {
    return Error::Invalid("is required: the id of one of the study's informants", "/informant");
  }
  auto informant = s.store.studies().GetInformant(body["informant"].get<std::int64_t>());
  if (!informant.ok() || informant->study != study.id || informant->withdrawn) {
    return Error::Invalid("no informant of this study has the id " + body["informant"].dump(), "/informant");
  }
  if (!body.contains("meeting_place")) body["meeting_place"] = informant->data["meeting_place"];
  if (!body.contains("interviewer") || body["interviewer"].is_null()) body["interviewer"] = AuthorOf(who);
  ASSIGN_OR_RETURN(json doc, studies::ParseInterview(body, g->document));
  const json& places = study.data["meeting_places"];
  if (!doc["meeting_place"].is_null() &&
      std::find(places.begin(), places.end(), doc["meeting_place"]) == places.end()) {
    return Error::Invalid("not one of the study's meeting places", "/meeting_place");
  }
  return doc;
}

}  // namespace

Result<std::vector<StudyRecord>> ListInterviews(Services& s, const Principal& who, std::int64_t study) {
  RETURN_IF_ERROR(StudyFor(s, who, study));
  return s.store.studies().ListInterviews(study);
}

Result<StudyRecord> GetInterview(Services& s, const Principal& who, std::int64_t study, std::int64_t id) {
  RETURN_IF_ERROR(StudyFor(s, who, study));
  auto interview = s.store.studies().GetInterview(id);
  if (!interview.ok() || interview->study != study) return NoInterview(id);
  return interview;
}

Result<StudyRecord> CreateInterview(Services& s, const Principal& who, std::int64_t study, const json& body) {
  const Action action = Action::kStudyInterview;
  const std::string target = std::to_string(study);
  ASSIGN_OR_RETURN(StudyAccess access, StudyFor(s, who, study));
  RETURN_IF_ERROR(Authorize(s, who, action, access.where, "study", target));
  auto created = [&]() -> Result<StudyRecord> {
    ASSIGN_OR_RETURN(json doc, Checked(s, who, access.study, body));
    return s.store.studies().CreateInterview(study, doc, WriteContext{AuthorOf(who), 0});
  }();
  if (!created.ok()) return Outcome(s, who, action, "study", target, created.error(), false).error();
  return created;
}

Result<StudyRecord> UpdateInterview(Services& s, const Principal& who, std::int64_t study, std::int64_t id,
                                    const json& body, std::int64_t expected_version) {
  const Action action = Action::kStudyInterview;
  const std::string target = std::to_string(id);
  ASSIGN_OR_RETURN(StudyAccess access, StudyFor(s, who, study));
  ASSIGN_OR_RETURN(StudyRecord before, GetInterview(s, who, study, id));
  RETURN_IF_ERROR(Authorize(s, who, action, access.where, "interview", target));
  auto updated = [&]() -> Result<StudyRecord> {
    if (expected_version == kNoPrecondition) {
      return Error::Invalid(
          "a change to an existing record must say which version it is based on: send If-Match "
          "with the record's ETag (such as \"3\") or its \"version\" in the body",
          "/headers/if-match", "precondition_required");
    }
    json in = body;
    // The guide version stays the one the interview was given under unless the body names one.
    if (in.is_object() && !in.contains("guide_version")) in["guide_version"] = before.data["guide_version"];
    if (in.is_object() && !in.contains("guide")) in["guide"] = before.data["guide"];
    ASSIGN_OR_RETURN(json doc, Checked(s, who, access.study, in));
    studies::Revise(before.data, doc);
    return s.store.studies().UpdateInterview(id, doc, WriteContext{AuthorOf(who), expected_version});
  }();
  if (!updated.ok()) return Outcome(s, who, action, "interview", target, updated.error(), false).error();
  return updated;
}

Status DeleteInterview(Services& s, const Principal& who, std::int64_t study, std::int64_t id,
                       std::int64_t expected_version) {
  const Action action = Action::kStudyManage;
  const std::string target = std::to_string(id);
  ASSIGN_OR_RETURN(StudyAccess access, StudyFor(s, who, study));
  RETURN_IF_ERROR(GetInterview(s, who, study, id));
  RETURN_IF_ERROR(Authorize(s, who, action, access.where, "interview", target));
  Status erased = [&]() -> Status {
    if (expected_version == kNoPrecondition) {
      return Error::Invalid("send If-Match with the interview's ETag", "/headers/if-match", "precondition_required");
    }
    return s.store.studies().DeleteInterview(id, WriteContext{AuthorOf(who), expected_version});
  }();
  if (!erased.ok()) return Outcome(s, who, action, "interview", target, erased, false);
  return {};
}

Result<json> GetMatrix(Services& s, const Principal& who, std::int64_t study, std::int64_t meeting_place) {
  ASSIGN_OR_RETURN(StudyAccess access, StudyFor(s, who, study));
  const json& places = access.study.data["meeting_places"];
  if (std::find(places.begin(), places.end(), json(meeting_place)) == places.end()) {
    return Error::Invalid("not one of the study's meeting places", "/meeting_place");
  }
  ASSIGN_OR_RETURN(std::vector<StudyRecord> informants, s.store.studies().ListInformants(study));
  // Only this meeting place's interviews are read: those about it, and those about no meeting
  // place of its informants and of everyone interviewed about it (the columns below).
  std::vector<std::int64_t> assigned;
  for (const StudyRecord& i : informants) {
    if (!i.withdrawn && i.data["meeting_place"] == json(meeting_place)) assigned.push_back(i.id);
  }
  ASSIGN_OR_RETURN(std::vector<StudyRecord> interviews,
                   s.store.studies().ListInterviewsAt(study, meeting_place, assigned));
  std::set<std::int64_t> here;
  for (const StudyRecord& v : interviews) {
    if (v.data["meeting_place"] == json(meeting_place)) here.insert(v.data["informant"].get<std::int64_t>());
  }
  std::vector<studies::MatrixInformant> columns;
  for (const StudyRecord& i : informants) {
    if (i.withdrawn) continue;
    if (i.data["meeting_place"] != json(meeting_place) && !here.count(i.id)) continue;
    columns.push_back({i.id, i.data["pseudonym"].get<std::string>(), i.data["side"].get<std::string>()});
  }
  std::vector<json> docs;
  docs.reserve(interviews.size());
  for (const StudyRecord& v : interviews) docs.push_back(v.data);
  ASSIGN_OR_RETURN(MatrixCodes codes, CodesForMatrix(s, study, interviews));
  return studies::Matrix(
      meeting_place, columns, docs,
      [&s](const std::string& guide, std::int64_t version) {
        auto g = GetGuide(s, guide, version);
        return g.ok() ? g->document : json();
      },
      codes.codes, codes.codebook);
}

json InterviewView(const StudyRecord& interview, const std::string& pseudonym) {
  json out = {{"id", interview.id},
              {"version", interview.version},
              {"created_at", interview.created_at},
              {"updated_at", interview.updated_at},
              {"pseudonym", pseudonym.empty() ? json() : json(pseudonym)},
              {"links",
               {{"self", "/api/v1/studies/" + std::to_string(interview.study) + "/interviews/" +
                             std::to_string(interview.id)}}}};
  out.update(interview.data);
  return out;
}

}  // namespace moteplass::app
