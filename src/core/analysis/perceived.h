// Perceived influence (contracts/analysis.md, perceived_vs_real): what informants said about a
// meeting place's influence, as a score from 0 (none) to 1 (influence).
//
// Today the score comes from the interview guides' closed influence questions, mapped to scores
// in data/analysis/perceived-influence.json (the participant guide's place_influence and
// own_influence, yes 1 and no 0; the IMDi guide's influence_or_dialogue questions, influence 1,
// both 0.5, dialogue 0). An interview's score is the mean over those it answered. Coded answers
// (the codebook's influence codes, when codings come) are meant to be one more source of an
// Opinion: a function beside ClosedAnswerScore, whose scores the use case adds to the same list.
#pragma once

#include <optional>

#include <nlohmann/json.hpp>

namespace moteplass::analysis {

// The score of one interview (contracts/studies.md "Interview": guide, answers) from its closed
// answers; nullopt when it answered none of the scored questions.
std::optional<double> ClosedAnswerScore(const nlohmann::json& interview);

// The scoring table (data/analysis/perceived-influence.json), for tests and documentation.
const nlohmann::json& ClosedAnswerScores();

}  // namespace moteplass::analysis
