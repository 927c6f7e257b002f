// The use cases of coding (contracts/studies.md, "Codebook" and "Coding"): those the study names
// read the codebook and the codings; its leads replace the codebook (study.manage); its analysts
// and leads code (study.code). A coding is checked against the answer it marks and the study's
// codebook (core/studies/coding.h) and remembers the answer's revision; once the answer's text
// is edited it is stale, shown as such and left out of the matrix until someone confirms or
// moves it (PUT). A code that a coding uses cannot leave the codebook (409 naming it).
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/services.h"
#include "core/studies/matrix.h"
#include "store/studies.h"

namespace moteplass::app {

// {"study", "codes", "version", "created_at", "updated_at", "links"}: the study's own codebook,
// else the default one as version 1.
Result<nlohmann::json> GetCodebook(Services& s, const Principal& who, std::int64_t study);
// `body` {"codes": [...]}; `expected_version` from If-Match (kNoPrecondition refuses).
Result<nlohmann::json> PutCodebook(Services& s, const Principal& who, std::int64_t study, const nlohmann::json& body,
                                   std::int64_t expected_version);

// A coding as the API shows it, with "stale".
struct CodingView {
  CodingRecord record;
  bool stale = false;
};
// The study's codings by id; `interview` (when given) keeps that interview's.
Result<std::vector<CodingView>> ListCodings(Services& s, const Principal& who, std::int64_t study,
                                            std::optional<std::int64_t> interview = std::nullopt);
Result<CodingView> GetCoding(Services& s, const Principal& who, std::int64_t study, std::int64_t id);
Result<CodingView> CreateCoding(Services& s, const Principal& who, std::int64_t study, const nlohmann::json& body);
// Moves or confirms a coding: it is checked against the answer as it is now and takes its
// revision, so it is no longer stale. The interview and the question stay.
Result<CodingView> UpdateCoding(Services& s, const Principal& who, std::int64_t study, std::int64_t id,
                                const nlohmann::json& body, std::int64_t expected_version);
Status DeleteCoding(Services& s, const Principal& who, std::int64_t study, std::int64_t id,
                    std::int64_t expected_version);

nlohmann::json CodingJson(const CodingView& coding);

// For the matrix: the codes of the study's codings that are not stale, by informant, and the
// study's codebook, of the given interviews only (one meeting place's, as the matrix reads them).
struct MatrixCodes {
  std::vector<studies::MatrixCode> codes;
  nlohmann::json codebook;
};
Result<MatrixCodes> CodesForMatrix(Services& s, std::int64_t study, const std::vector<StudyRecord>& interviews);

}  // namespace moteplass::app
