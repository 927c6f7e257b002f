// The addresses of the pages of mapping studies, one function per page. Routes are registered
// with the same functions (given "{id}", "{iv}", "{mid}"), so a link and its route cannot drift
// apart.
#pragma once

#include <cstdint>
#include <string>

namespace moteplass::http::studies {

inline std::string StudiesPath() { return "/studier"; }
inline std::string NewStudyPath() { return "/studier/ny"; }
inline std::string StudyPath(const std::string& id) { return "/studier/" + id; }
inline std::string EditStudyPath(const std::string& id) { return "/studier/" + id + "/endre"; }
inline std::string NewInformantPath(const std::string& id) { return "/studier/" + id + "/informanter/ny"; }
inline std::string NewInterviewPath(const std::string& id) { return "/studier/" + id + "/intervjuer/ny"; }
inline std::string InterviewPath(const std::string& id, const std::string& iv) {
  return "/studier/" + id + "/intervjuer/" + iv;
}
inline std::string StudyMatrixPath(const std::string& id, const std::string& mid) {
  return "/studier/" + id + "/moteplasser/" + mid;
}
// The register's own form for a new meeting place, for one the study found (http/register).
inline std::string FoundPlacePath(const std::string& id) { return "/moteplasser/ny?studie=" + id; }
inline std::string ProposalPath(const std::string& id, const std::string& mid) {
  return StudyMatrixPath(id, mid) + "/forslag";
}
inline std::string InformantPath(const std::string& id, const std::string& informant) {
  return "/studier/" + id + "/informanter/" + informant;
}
inline std::string WithdrawInformantPath(const std::string& id, const std::string& informant) {
  return InformantPath(id, informant) + "/trekk-samtykke";
}
inline std::string DeleteInterviewPath(const std::string& id, const std::string& iv) {
  return InterviewPath(id, iv) + "/slett";
}

inline std::string StudyPath(std::int64_t id) { return StudyPath(std::to_string(id)); }
inline std::string EditStudyPath(std::int64_t id) { return EditStudyPath(std::to_string(id)); }
inline std::string NewInformantPath(std::int64_t id) { return NewInformantPath(std::to_string(id)); }
inline std::string NewInterviewPath(std::int64_t id) { return NewInterviewPath(std::to_string(id)); }
inline std::string InterviewPath(std::int64_t id, std::int64_t iv) {
  return InterviewPath(std::to_string(id), std::to_string(iv));
}
inline std::string StudyMatrixPath(std::int64_t id, std::int64_t mid) {
  return StudyMatrixPath(std::to_string(id), std::to_string(mid));
}
inline std::string FoundPlacePath(std::int64_t id) { return FoundPlacePath(std::to_string(id)); }
inline std::string ProposalPath(std::int64_t id, std::int64_t mid) {
  return ProposalPath(std::to_string(id), std::to_string(mid));
}
inline std::string InformantPath(std::int64_t id, std::int64_t informant) {
  return InformantPath(std::to_string(id), std::to_string(informant));
}
inline std::string WithdrawInformantPath(std::int64_t id, std::int64_t informant) {
  return WithdrawInformantPath(std::to_string(id), std::to_string(informant));
}
inline std::string DeleteInterviewPath(std::int64_t id, std::int64_t iv) {
  return DeleteInterviewPath(std::to_string(id), std::to_string(iv));
}
// The study's export (the API's; a browser's session cookie is enough to read it): csv, xlsx or
// qdpx, with identities for a lead who asks.
inline std::string StudyExportPath(std::int64_t id, const std::string& format, bool with_identities = false) {
  return "/api/v1/studies/" + std::to_string(id) + "/export?format=" + format +
         (with_identities ? "&with_identities=true" : "");
}

}  // namespace moteplass::http::studies
