// The matrix of one meeting place in a study (contracts/studies.md, "Matrix"): what each of its
// informants answered, side by side, never merged. One row per question of the guide that at
// least one of them was asked, in the guide's order; one cell per informant; `disagreement` when
// informants gave different closed answers. (Codes join the cells with the coding slice.)
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

}  // namespace moteplass::studies
