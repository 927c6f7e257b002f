// The coding of mapping studies in the store (contracts/studies.md, "Codebook" and "Coding"): a
// study's codebook and the codings of its interviews' answers. Part of StudiesStore (reached
// through Store::studies()), implemented once for both databases in store/generic/codings_store.h.
//
// What the journal gets: only audit rows, never content ("codebook.replace", "coding.create",
// "coding.update", "coding.erase"): a memo is what a researcher wrote about what an informant
// said. A coding goes with its interview and its study (the tables cascade), so withdrawing an
// informant and deleting an interview or a study erase its codings and memos in the same
// transaction, audited as that erasure.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "store/write.h"

namespace moteplass {

// A study's own codebook: `codes` as core/studies/coding.h's ParseCodebook gives them.
struct CodebookRecord {
  std::int64_t study = 0;
  nlohmann::json codes = nlohmann::json::array();
  std::int64_t version = 0;
  std::string created_at;
  std::string updated_at;
};

// A coding: its document {"interview", "question", "answer_revision", "start", "end", "code",
// "memo", "coder"} and bookkeeping.
struct CodingRecord {
  std::int64_t id = 0;
  std::int64_t study = 0;
  std::int64_t interview = 0;
  nlohmann::json data;
  std::int64_t version = 0;
  std::string created_at;
  std::string updated_at;
};

class CodingsStore {
 public:
  virtual ~CodingsStore() = default;

  // The study's own codebook; kNotFound when its leads have not replaced the default one (which
  // counts as version 1).
  virtual Result<CodebookRecord> GetCodebook(std::int64_t study) = 0;
  // Replaces the study's codebook (version 2 the first time). ctx.expected_version, when not 0,
  // must be the current version (1 for the default), else kConflict. A code that a coding of the
  // study uses must stay: kConflict naming it (pointer /codes). The same codes write nothing.
  virtual Result<CodebookRecord> PutCodebook(std::int64_t study, const nlohmann::json& codes,
                                             const WriteContext& ctx) = 0;

  // Codings. data["interview"] must be an interview of the study (else kInvalid, pointer
  // /interview). Update checks ctx.expected_version (kConflict).
  virtual Result<CodingRecord> CreateCoding(std::int64_t study, const nlohmann::json& data,
                                            const WriteContext& ctx) = 0;
  virtual Result<CodingRecord> UpdateCoding(std::int64_t id, const nlohmann::json& data, const WriteContext& ctx) = 0;
  virtual Status DeleteCoding(std::int64_t id, const WriteContext& ctx) = 0;
  virtual Result<CodingRecord> GetCoding(std::int64_t id) = 0;
  // The codings of a study, by id.
  virtual Result<std::vector<CodingRecord>> ListCodings(std::int64_t study) = 0;
  // The codings of the given interviews of a study, by id (one meeting place's matrix).
  virtual Result<std::vector<CodingRecord>> ListCodingsOf(std::int64_t study,
                                                          const std::vector<std::int64_t>& interviews) = 0;
};

}  // namespace moteplass
