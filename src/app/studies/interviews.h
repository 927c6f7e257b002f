// The use cases of interviews (contracts/studies.md, "Interview"): those the study names read
// them; its interviewers and leads write them (study.interview). Each is checked against the
// guide version it is given under (core/studies/interview.h); its informant must be a live
// informant of the same study, its guide one of the study's, its meeting place one of the
// study's (default: the informant's). Editing an answer's text raises its revision.
#pragma once

#include <cstdint>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/services.h"
#include "store/studies.h"

namespace moteplass::app {

Result<std::vector<StudyRecord>> ListInterviews(Services& s, const Principal& who, std::int64_t study);
Result<StudyRecord> GetInterview(Services& s, const Principal& who, std::int64_t study, std::int64_t id);
Result<StudyRecord> CreateInterview(Services& s, const Principal& who, std::int64_t study, const nlohmann::json& body);
Result<StudyRecord> UpdateInterview(Services& s, const Principal& who, std::int64_t study, std::int64_t id,
                                    const nlohmann::json& body, std::int64_t expected_version);
Status DeleteInterview(Services& s, const Principal& who, std::int64_t study, std::int64_t id,
                       std::int64_t expected_version);

// The matrix of one of the study's meeting places (core/studies/matrix.h): its informants (live,
// attached to it or interviewed about it) and their latest answers, side by side. kInvalid
// (pointer /meeting_place) when it is not one of the study's meeting places.
Result<nlohmann::json> GetMatrix(Services& s, const Principal& who, std::int64_t study, std::int64_t meeting_place);

// As the API shows it: the document with id, version, times, links and the informant's pseudonym.
nlohmann::json InterviewView(const StudyRecord& interview, const std::string& pseudonym);

}  // namespace moteplass::app
