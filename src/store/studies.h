// Mapping studies in the store (contracts/studies.md): interview guides and their versions,
// studies, their informants and the informants' sealed identities.
// Reached through Store::studies(). Its one implementation, the SQL, the row mapping and the
// rules of each write, is the template store/generic/studies_store.h, so that the two backends
// cannot drift apart.
//
// What the journal gets: a new guide version is one history entry on ("guide", id) with the
// action "version" and the audit row "guide.version"; a document identical to the latest
// version writes nothing. Studies and informants: "create", "update" (changes: the fields that
// differ; nothing when nothing does) and the audit rows "study.<action>", "informant.<action>".
// Erasure leaves no content behind: deleting a study ("study.erase") removes it with its
// informants and identities and their history; withdrawing an informant
// ("informant.withdraw") removes its identity and history and keeps a tombstone. An identity is
// never in the history: writing or erasing one is only an audit row ("identity.write",
// "identity.erase"). An interview's answers never reach the history as values: only which
// answers changed ("/answers/<question>").
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "store/codings.h"
#include "store/study_submissions.h"
#include "store/write.h"

namespace moteplass {

// One version of a guide: its canonical document (core/studies/guide.h).
struct GuideVersion {
  std::string guide;
  std::int64_t version = 0;
  nlohmann::json document;
  std::string created_at;
  std::string created_by;
};

// A study or an informant: its canonical document (core/studies/study.h) and bookkeeping.
struct StudyRecord {
  std::int64_t id = 0;
  std::int64_t study = 0;  // an informant's study; 0 for a study
  nlohmann::json data;     // an informant's carries "pseudonym" and "withdrawn"
  std::int64_t version = 0;
  std::string created_at;
  std::string updated_at;
  bool withdrawn = false;  // an informant's tombstone: data is {"pseudonym", "withdrawn", "submissions"}
};

// The codebook and the codings (store/codings.h) are part of it.
class StudiesStore : public CodingsStore {
 public:
  ~StudiesStore() override = default;

  // The latest version of every guide, by guide id.
  virtual Result<std::vector<GuideVersion>> LatestGuides() = 0;
  // One version of a guide (0: the latest); kNotFound when there is none.
  virtual Result<GuideVersion> GetGuide(const std::string& guide, std::int64_t version) = 0;
  // Every version of a guide, oldest first (empty when unknown).
  virtual Result<std::vector<GuideVersion>> GuideVersions(const std::string& guide) = 0;
  // Stores `document` (already parsed) as the next version of the guide document["id"] (1 for a
  // new guide), unless it equals the latest version: then that version is returned and nothing
  // is written. `created` says which happened.
  virtual Result<GuideVersion> AddGuideVersion(const nlohmann::json& document, const WriteContext& ctx,
                                               bool* created = nullptr) = 0;

  // Answers imported from KoboToolbox or ODK, all in one transaction (store/study_submissions.h):
  // a submission not seen before in the study becomes an interview ("interview.create"); one
  // seen before becomes a new revision of its interview (Revise; "interview.update") unless its
  // answers are the same or its marker is older; one whose informant withdrew, or whose
  // interview was erased, is left alone. kInvalid (pointer /informant) when an informant is not
  // the study's.
  virtual Result<std::vector<SubmissionOutcome>> ImportSubmissions(std::int64_t study,
                                                                   const std::vector<SubmissionImport>& items,
                                                                   const WriteContext& ctx) = 0;

  // Studies. Ids are given by the store (one more than the largest). Update checks
  // ctx.expected_version (kConflict) and changes nothing for the same document.
  virtual Result<StudyRecord> CreateStudy(const nlohmann::json& data, const WriteContext& ctx) = 0;
  virtual Result<StudyRecord> UpdateStudy(std::int64_t id, const nlohmann::json& data, const WriteContext& ctx) = 0;
  virtual Status DeleteStudy(std::int64_t id, const WriteContext& ctx) = 0;
  virtual Result<StudyRecord> GetStudy(std::int64_t id) = 0;
  virtual Result<std::vector<StudyRecord>> ListStudies() = 0;

  // Informants. Create numbers the informant after the largest number of its study (tombstones
  // count, so a pseudonym is never given twice) and stores data with "pseudonym" and
  // "withdrawn": null. Update and Withdraw refuse a withdrawn informant (kNotFound).
  virtual Result<StudyRecord> CreateInformant(std::int64_t study, const nlohmann::json& data,
                                              const WriteContext& ctx) = 0;
  virtual Result<StudyRecord> UpdateInformant(std::int64_t id, const nlohmann::json& data, const WriteContext& ctx) = 0;
  // Erases the identity and the informant's history and keeps the tombstone; `date` is the
  // withdrawal's ("YYYY-MM-DD").
  virtual Status WithdrawInformant(std::int64_t id, const std::string& date, const WriteContext& ctx) = 0;
  virtual Result<StudyRecord> GetInformant(std::int64_t id) = 0;
  // The informants of a study (tombstones too), by number.
  virtual Result<std::vector<StudyRecord>> ListInformants(std::int64_t study) = 0;

  // Identities, sealed by the caller. Put replaces; Get is kNotFound when there is none.
  virtual Status PutIdentity(std::int64_t informant, const std::string& sealed, const WriteContext& ctx) = 0;
  virtual Result<std::string> GetIdentity(std::int64_t informant) = 0;
  virtual Status DeleteIdentity(std::int64_t informant, const WriteContext& ctx) = 0;
  // Erases every identity of a study's informants; returns how many.
  virtual Result<std::int64_t> EraseIdentitiesOf(std::int64_t study, const WriteContext& ctx) = 0;

  // Interviews (core/studies/interview.h), each its document; `informant` is data["informant"]
  // and must be a live informant of the study (else kInvalid, pointer /informant). Delete erases
  // it with its history ("interview.erase"); withdrawing the informant or deleting the study
  // erases its interviews too.
  virtual Result<StudyRecord> CreateInterview(std::int64_t study, const nlohmann::json& data,
                                              const WriteContext& ctx) = 0;
  virtual Result<StudyRecord> UpdateInterview(std::int64_t id, const nlohmann::json& data, const WriteContext& ctx) = 0;
  virtual Status DeleteInterview(std::int64_t id, const WriteContext& ctx) = 0;
  virtual Result<StudyRecord> GetInterview(std::int64_t id) = 0;
  // The interviews of a study, by id.
  virtual Result<std::vector<StudyRecord>> ListInterviews(std::int64_t study) = 0;
  // The interviews of a study about one meeting place (data["meeting_place"]), and those that name
  // no meeting place of the given informants and of everyone interviewed about it; by id. What one
  // meeting place's matrix reads (the study's other interviews are not read).
  virtual Result<std::vector<StudyRecord>> ListInterviewsAt(std::int64_t study, std::int64_t meeting_place,
                                                            const std::vector<std::int64_t>& informants) = 0;
};

}  // namespace moteplass
