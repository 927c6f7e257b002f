#include "core/analysis/perceived.h"

#include <string>

#include "core/resources.h"

namespace moteplass::analysis {

using nlohmann::json;

const json& ClosedAnswerScores() {
  static const json scores = json::parse(resources::Get("data/analysis/perceived-influence.json")).at("guides");
  return scores;
}

std::optional<double> ClosedAnswerScore(const json& interview) {
  const auto guide = ClosedAnswerScores().find(interview.value("guide", std::string()));
  if (guide == ClosedAnswerScores().end()) return std::nullopt;
  const json& answers = interview.value("answers", json::array());
  double sum = 0;
  int n = 0;
  for (const json& a : answers) {
    if (!a.is_object() || a.value("status", std::string("answered")) != "answered") continue;
    const auto question = guide->find(a.value("question", std::string()));
    const json& value = a.value("value", json());
    if (question == guide->end() || !value.is_string()) continue;
    const auto score = question->find(value.get<std::string>());
    if (score == question->end() || !score->is_number()) continue;
    sum += score->get<double>();
    ++n;
  }
  if (n == 0) return std::nullopt;
  return sum / n;
}

}  // namespace moteplass::analysis
