// The matrix of one meeting place in a study (contracts/studies.md, "Matrix"): what each of its
// informants answered, side by side, never merged. One row per question of the guide that at
// least one of them was asked, in the guide's order; one cell per informant; `disagreement` when
// informants gave different closed answers, or when their answers carry different codes of the same
// code group (core/studies/coding.h). Stale codings are left out by the caller.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace moteplass::studies {

struct MatrixInformant {
  std::int64_t id = 0;
  std::string pseudonym;
  std::string side;
};

// `interviews`: the documents of the interviews of those informants at this meeting place (the
// latest per informant and guide counts). `guide_of(id, version)` gives a guide version's
// document (null when unknown); rows follow the newest version the interviews used.
nlohmann::json Matrix(std::int64_t meeting_place, const std::vector<MatrixInformant>& informants,
                      const std::vector<nlohmann::json>& interviews,
                      const std::function<nlohmann::json(const std::string&, std::int64_t)>& guide_of);

// A code given to an informant's answer (a coding that is not stale).
struct MatrixCode {
  std::int64_t informant = 0;
  std::string guide;
  std::string question;
  std::string code;
};

// The same with each cell's `codes` (distinct, in the order given) and `disagreement` also when
// two informants' cells carry different codes of one group of `codebook` (its codes, each with
// "id" and "group"; a code without a group disagrees with nothing).
nlohmann::json Matrix(std::int64_t meeting_place, const std::vector<MatrixInformant>& informants,
                      const std::vector<nlohmann::json>& interviews,
                      const std::function<nlohmann::json(const std::string&, std::int64_t)>& guide_of,
                      const std::vector<MatrixCode>& codes, const nlohmann::json& codebook);

}  // namespace moteplass::studies
