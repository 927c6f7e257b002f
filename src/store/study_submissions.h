// Answers imported from KoboToolbox or ODK (contracts/studies.md, `study import-answers`): what
// the use case (app/studies/import.h) hands the store for each submission, and what became of
// it. StudiesStore::ImportSubmissions writes them all in one transaction.
#pragma once

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

namespace moteplass {

// One submission, checked: its id (without "uuid:"), the informant it belongs to (live or a
// tombstone), its edit marker (ODK's Edits, zero-padded so that text order is edit order; empty
// when the tool gives none) and the interview document it becomes (core/studies/interview.h).
struct SubmissionImport {
  std::string submission;
  std::int64_t informant = 0;
  std::string marker;
  nlohmann::json interview;
};

// What became of a submission: a new interview; a new revision of the interview it became
// before; nothing (the same answers, or an older edit than the one imported); or nothing
// because its informant withdrew or its interview was erased.
enum class SubmissionOutcome { kCreated, kRevised, kUnchanged, kOlder, kWithdrawn, kErased };

}  // namespace moteplass
