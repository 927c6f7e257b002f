// The use cases of mapping studies (contracts/studies.md): studies, their informants
// (pseudonymous) and the informants' identities (sealed, leads and administrators only, every
// read audited). Who may do what is the access table's (core/access: study.create, study.read,
// study.manage, study.identity), read with the principal's place in the study: named as lead,
// interviewer or analyst (RecordLocation::study_circle). Someone the study does not name sees
// nothing of it (404); someone it names who may not do a thing gets 403, audited.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/services.h"
#include "store/studies.h"

namespace moteplass::app {

// A study the caller may see, and how the study names the caller (kStudyLead, ... bits).
struct StudyAccess {
  StudyRecord study;
  int circle = 0;
  RecordLocation where;  // for Decide(): the circle
};
Result<StudyAccess> StudyFor(Services& s, const Principal& who, std::int64_t id);

// The studies the caller may see, by id.
Result<std::vector<StudyRecord>> ListStudies(Services& s, const Principal& who);
Result<StudyRecord> CreateStudy(Services& s, const Principal& who, const nlohmann::json& body);
Result<StudyRecord> UpdateStudy(Services& s, const Principal& who, std::int64_t id, const nlohmann::json& body,
                                std::int64_t expected_version);
// Erases the study with its informants and identities.
Status DeleteStudy(Services& s, const Principal& who, std::int64_t id, std::int64_t expected_version);

// Informants of a study (tombstones are listed as {"id", "pseudonym", "withdrawn"}).
Result<std::vector<StudyRecord>> ListInformants(Services& s, const Principal& who, std::int64_t study);
Result<StudyRecord> GetInformant(Services& s, const Principal& who, std::int64_t study, std::int64_t id);
Result<StudyRecord> CreateInformant(Services& s, const Principal& who, std::int64_t study, const nlohmann::json& body);
Result<StudyRecord> UpdateInformant(Services& s, const Principal& who, std::int64_t study, std::int64_t id,
                                    const nlohmann::json& body, std::int64_t expected_version);
// Withdrawal (and DELETE): erases the identity and keeps a tombstone. `body` may give
// {"date": "YYYY-MM-DD"} (default: today in Oslo).
Status WithdrawInformant(Services& s, const Principal& who, std::int64_t study, std::int64_t id,
                         const nlohmann::json& body);

// Identities: {"name", "phone", "email", "organisation"}.
Result<nlohmann::json> GetIdentity(Services& s, const Principal& who, std::int64_t study, std::int64_t informant);
Result<nlohmann::json> PutIdentity(Services& s, const Principal& who, std::int64_t study, std::int64_t informant,
                                   const nlohmann::json& body);
Status DeleteIdentity(Services& s, const Principal& who, std::int64_t study, std::int64_t informant);
// Erases the identities of every study whose identities_delete_after has passed (Oslo's date);
// returns how many. Run at start and before identities are read.
Result<std::int64_t> EraseDueIdentities(Services& s);

// As the API shows them, with id, version, times and links.
nlohmann::json StudyView(const StudyRecord& study);
nlohmann::json InformantView(const StudyRecord& informant);

}  // namespace moteplass::app
