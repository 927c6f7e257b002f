#include "app/studies/codings.h"

#include <map>

#include "app/register/meeting_places.h"
#include "app/studies/studies.h"
#include "core/status_macros.h"
#include "core/studies/coding.h"

namespace moteplass::app {
namespace {

using nlohmann::json;

Error NoCoding(std::int64_t id) { return Error::NotFound("no coding of this study has the id " + std::to_string(id)); }

Status RequireVersion(std::int64_t expected_version, const char* what) {
  if (expected_version != kNoPrecondition) return {};
  return Error::Invalid(std::string("a change must say which version it is based on: send If-Match with the ") + what +
                            "'s ETag (such as \"1\")",
                        "/headers/if-match", "precondition_required");
}

// The codes of the study's codebook: its own, else the default.
Result<json> CodesOf(Services& s, std::int64_t study) {
  auto own = s.store.studies().GetCodebook(study);
  if (own.ok()) return own->codes;
  if (own.error().code != ErrorCode::kNotFound) return own.error();
  return studies::DefaultCodebook();
}

// The answer to `question` in an interview's document, or null.
json AnswerIn(const json& interview, const std::string& question) {
  for (const json& a : interview.value("answers", json::array())) {
    if (a["question"] == question) return a;
  }
  return json();
}

// The interview a coding names: one of the study's (kInvalid, pointer /interview, otherwise).
Result<StudyRecord> InterviewOf(Services& s, std::int64_t study, const json& coding) {
  auto interview = s.store.studies().GetInterview(coding["interview"].get<std::int64_t>());
  if (!interview.ok() || interview->study != study) {
    return Error::Invalid("no interview of this study has the id " + coding["interview"].dump(), "/interview");
  }
  return interview;
}

Result<CodingView> ViewOf(Services& s, CodingRecord record) {
  auto interview = s.store.studies().GetInterview(record.interview);
  const json answer = interview.ok() ? AnswerIn(interview->data, record.data["question"]) : json();
  const bool stale = studies::IsStale(record.data, answer);
  return CodingView{std::move(record), stale};
}

// The coding's document from a checked body, against the answer as it is now.
Result<json> Checked(Services& s, const Principal& who, std::int64_t study, const json& body, const json* before) {
  json in = body;
  if (before != nullptr && in.is_object()) {
    for (const char* kept : {"interview", "question"}) {
      if (!in.contains(kept)) in[kept] = (*before)[kept];
      if (in[kept] != (*before)[kept]) return Error::Invalid("a coding stays with its answer", std::string("/") + kept);
    }
  }
  ASSIGN_OR_RETURN(json coding, studies::ParseCoding(in));
  ASSIGN_OR_RETURN(StudyRecord interview, InterviewOf(s, study, coding));
  const json answer = AnswerIn(interview.data, coding["question"]);
  ASSIGN_OR_RETURN(json codes, CodesOf(s, study));
  RETURN_IF_ERROR(studies::CheckCoding(coding, answer, codes));
  coding["answer_revision"] = answer.value("revision", std::int64_t{1});
  coding["coder"] = before != nullptr ? (*before)["coder"] : json(AuthorOf(who));
  return coding;
}

}  // namespace

Result<json> GetCodebook(Services& s, const Principal& who, std::int64_t study) {
  ASSIGN_OR_RETURN(StudyAccess access, StudyFor(s, who, study));
  const std::string self = "/api/v1/studies/" + std::to_string(study) + "/codebook";
  auto own = s.store.studies().GetCodebook(study);
  if (!own.ok() && own.error().code != ErrorCode::kNotFound) return own.error();
  if (!own.ok()) {
    return json{{"study", study},
                {"codes", studies::DefaultCodebook()},
                {"default", true},
                {"version", 1},
                {"created_at", access.study.created_at},
                {"updated_at", access.study.created_at},
                {"links", {{"self", self}}}};
  }
  return json{{"study", study},           {"codes", own->codes},           {"default", false},
              {"version", own->version},  {"created_at", own->created_at}, {"updated_at", own->updated_at},
              {"links", {{"self", self}}}};
}

Result<json> PutCodebook(Services& s, const Principal& who, std::int64_t study, const json& body,
                         std::int64_t expected_version) {
  const Action action = Action::kStudyManage;
  const std::string target = std::to_string(study);
  ASSIGN_OR_RETURN(StudyAccess access, StudyFor(s, who, study));
  RETURN_IF_ERROR(Authorize(s, who, action, access.where, "codebook", target));
  Status put = [&]() -> Status {
    RETURN_IF_ERROR(RequireVersion(expected_version, "codebook"));
    ASSIGN_OR_RETURN(json codes, studies::ParseCodebook(body));
    RETURN_IF_ERROR(s.store.studies().PutCodebook(study, codes, WriteContext{AuthorOf(who), expected_version}));
    return {};
  }();
  if (!put.ok()) return Outcome(s, who, action, "codebook", target, put, false).error();
  return GetCodebook(s, who, study);
}

Result<std::vector<CodingView>> ListCodings(Services& s, const Principal& who, std::int64_t study,
                                            std::optional<std::int64_t> interview) {
  RETURN_IF_ERROR(StudyFor(s, who, study));
  ASSIGN_OR_RETURN(std::vector<CodingRecord> records, s.store.studies().ListCodings(study));
  ASSIGN_OR_RETURN(std::vector<StudyRecord> interviews, s.store.studies().ListInterviews(study));
  std::map<std::int64_t, const json*> by_id;
  for (const StudyRecord& v : interviews) by_id[v.id] = &v.data;
  std::vector<CodingView> out;
  for (CodingRecord& r : records) {
    if (interview && r.interview != *interview) continue;
    auto it = by_id.find(r.interview);
    const json answer = it == by_id.end() ? json() : AnswerIn(*it->second, r.data["question"]);
    const bool stale = studies::IsStale(r.data, answer);
    out.push_back(CodingView{std::move(r), stale});
  }
  return out;
}

Result<CodingView> GetCoding(Services& s, const Principal& who, std::int64_t study, std::int64_t id) {
  RETURN_IF_ERROR(StudyFor(s, who, study));
  auto record = s.store.studies().GetCoding(id);
  if (!record.ok() || record->study != study) return NoCoding(id);
  return ViewOf(s, *record);
}

Result<CodingView> CreateCoding(Services& s, const Principal& who, std::int64_t study, const json& body) {
  const Action action = Action::kStudyCode;
  const std::string target = std::to_string(study);
  ASSIGN_OR_RETURN(StudyAccess access, StudyFor(s, who, study));
  RETURN_IF_ERROR(Authorize(s, who, action, access.where, "study", target));
  auto created = [&]() -> Result<CodingRecord> {
    ASSIGN_OR_RETURN(json coding, Checked(s, who, study, body, nullptr));
    return s.store.studies().CreateCoding(study, coding, WriteContext{AuthorOf(who), 0});
  }();
  if (!created.ok()) return Outcome(s, who, action, "study", target, created.error(), false).error();
  return ViewOf(s, *created);
}

Result<CodingView> UpdateCoding(Services& s, const Principal& who, std::int64_t study, std::int64_t id,
                                const json& body, std::int64_t expected_version) {
  const Action action = Action::kStudyCode;
  const std::string target = std::to_string(id);
  ASSIGN_OR_RETURN(StudyAccess access, StudyFor(s, who, study));
  ASSIGN_OR_RETURN(CodingView before, GetCoding(s, who, study, id));
  RETURN_IF_ERROR(Authorize(s, who, action, access.where, "coding", target));
  auto updated = [&]() -> Result<CodingRecord> {
    RETURN_IF_ERROR(RequireVersion(expected_version, "coding"));
    ASSIGN_OR_RETURN(json coding, Checked(s, who, study, body, &before.record.data));
    return s.store.studies().UpdateCoding(id, coding, WriteContext{AuthorOf(who), expected_version});
  }();
  if (!updated.ok()) return Outcome(s, who, action, "coding", target, updated.error(), false).error();
  return ViewOf(s, *updated);
}

Status DeleteCoding(Services& s, const Principal& who, std::int64_t study, std::int64_t id,
                    std::int64_t expected_version) {
  const Action action = Action::kStudyCode;
  const std::string target = std::to_string(id);
  ASSIGN_OR_RETURN(StudyAccess access, StudyFor(s, who, study));
  RETURN_IF_ERROR(GetCoding(s, who, study, id));
  RETURN_IF_ERROR(Authorize(s, who, action, access.where, "coding", target));
  Status erased = [&]() -> Status {
    RETURN_IF_ERROR(RequireVersion(expected_version, "coding"));
    return s.store.studies().DeleteCoding(id, WriteContext{AuthorOf(who), expected_version});
  }();
  if (!erased.ok()) return Outcome(s, who, action, "coding", target, erased, false);
  return {};
}

json CodingJson(const CodingView& coding) {
  const CodingRecord& r = coding.record;
  json out = {{"id", r.id},
              {"interview", r.interview},
              {"question", r.data["question"]},
              {"answer_revision", r.data["answer_revision"]},
              {"start", r.data["start"]},
              {"end", r.data["end"]},
              {"code", r.data["code"]},
              {"memo", r.data["memo"]},
              {"coder", r.data["coder"]},
              {"created_at", r.created_at},
              {"updated_at", r.updated_at},
              {"stale", coding.stale},
              {"version", r.version},
              {"links", {{"self", "/api/v1/studies/" + std::to_string(r.study) + "/codings/" + std::to_string(r.id)}}}};
  return out;
}

Result<MatrixCodes> CodesForMatrix(Services& s, std::int64_t study, const std::vector<StudyRecord>& interviews) {
  MatrixCodes out;
  ASSIGN_OR_RETURN(out.codebook, CodesOf(s, study));
  std::map<std::int64_t, const StudyRecord*> by_id;
  std::vector<std::int64_t> ids;
  for (const StudyRecord& v : interviews) {
    by_id[v.id] = &v;
    ids.push_back(v.id);
  }
  ASSIGN_OR_RETURN(std::vector<CodingRecord> records, s.store.studies().ListCodingsOf(study, ids));
  for (const CodingRecord& r : records) {
    auto it = by_id.find(r.interview);
    if (it == by_id.end()) continue;
    const json& doc = it->second->data;
    const std::string question = r.data["question"];
    if (studies::IsStale(r.data, AnswerIn(doc, question))) continue;
    out.codes.push_back({doc["informant"].get<std::int64_t>(), doc.value("guide", std::string()), question,
                         r.data["code"].get<std::string>()});
  }
  return out;
}

}  // namespace moteplass::app
