#include "core/studies/interview.h"

#include <algorithm>
#include <map>
#include <set>
#include <string_view>
#include <utility>

#include "core/operations/fields.h"
#include "core/status_macros.h"
#include "core/studies/guide.h"

namespace moteplass::studies {
namespace {

using nlohmann::json;

bool IsChoice(const json* choices, const json& value) {
  return choices != nullptr && value.is_string() &&
         std::any_of(choices->begin(), choices->end(), [&](const json& c) { return c["name"] == value; });
}

// The closed value of an answer, checked against its question.
Result<json> ValueFor(const json& question, const json& guide, const json& value, const std::string& at) {
  if (value.is_null()) return json();
  const std::string type = question["type"];
  const json* choices = question["list"].is_string() ? FindList(guide, question["list"].get<std::string>()) : nullptr;
  if (type == "select_one") {
    if (!IsChoice(choices, value)) {
      return Error::Invalid("must be a choice of the list " + question["list"].get<std::string>(), at);
    }
    return value;
  }
  if (type == "select_multiple") {
    if (!value.is_array()) return Error::Invalid("must be a list of choices", at);
    std::set<std::string> seen;
    for (std::size_t i = 0; i < value.size(); ++i) {
      if (!IsChoice(choices, value[i])) {
        return Error::Invalid("must be a choice of the list " + question["list"].get<std::string>(),
                              at + "/" + std::to_string(i));
      }
      if (!seen.insert(value[i].get<std::string>()).second) {
        return Error::Invalid("is chosen twice", at + "/" + std::to_string(i));
      }
    }
    return value;
  }
  if (type == "integer") {
    if (!value.is_number_integer()) return Error::Invalid("must be a whole number", at);
    return value;
  }
  if (type == "date") {
    if (!value.is_string() || !ops::IsDate(value.get<std::string>())) {
      return Error::Invalid("must be a date such as 2026-02-01", at);
    }
    return value;
  }
  return Error::Invalid("an open question's answer is its text, not a value", at);
}

// Whether the answer `given` to the followed question meets a follow-up's condition.
bool Holds(const json& follows, const json& given) {
  const json& values = follows["values"];
  auto in = [&](const json& v) { return std::find(values.begin(), values.end(), v) != values.end(); };
  if (given.is_string()) return in(given);
  if (given.is_array()) return std::any_of(given.begin(), given.end(), in);
  return false;
}

}  // namespace

Result<json> ParseInterview(const json& body, const json& guide) {
  RETURN_IF_ERROR(ops::CheckObject(body, "",
                                   {"informant", "meeting_place", "guide", "guide_version", "mode", "started_at",
                                    "ended_at", "interviewer", "reviewed_for_identifiers", "answers", "id", "version",
                                    "created_at", "updated_at", "links", "study", "pseudonym"}));
  json out = json::object();
  ASSIGN_OR_RETURN(out["informant"], ops::IntField(body, "informant", "", 1, std::int64_t{1} << 53, true));
  ASSIGN_OR_RETURN(out["meeting_place"], ops::IntField(body, "meeting_place", "", 1, std::int64_t{1} << 53, false));
  out["guide"] = guide["id"];
  ASSIGN_OR_RETURN(out["guide_version"], ops::IntField(body, "guide_version", "", 1, 1000000, true));
  ASSIGN_OR_RETURN(out["mode"], ops::EnumField(body, "mode", "", ops::ValuesOf(kModes), json("phone")));
  ASSIGN_OR_RETURN(out["started_at"], ops::InstantField(body, "started_at", "", false));
  ASSIGN_OR_RETURN(out["ended_at"], ops::InstantField(body, "ended_at", "", false));
  if (out["started_at"].is_string() && out["ended_at"].is_string() && out["ended_at"] < out["started_at"]) {
    return Error::Invalid("must not be before started_at", "/ended_at");
  }
  ASSIGN_OR_RETURN(out["interviewer"], ops::TextField(body, "interviewer", "", false, TextLines::kOne, 100));
  ASSIGN_OR_RETURN(out["reviewed_for_identifiers"], ops::BoolField(body, "reviewed_for_identifiers", "", false));

  static const json kNone = json::array();
  auto found = body.find("answers");
  const json& answers = found == body.end() ? kNone : *found;
  if (!answers.is_array()) return Error::Invalid("must be a list", "/answers");
  // The guide's questions by name, looked up once per answer below (a row of an imported file
  // answers most of the guide's questions).
  std::map<std::string_view, const json*> questions;
  for (const json& q : guide["questions"]) {
    if (q["name"].is_string()) questions.emplace(q["name"].get_ref<const std::string&>(), &q);
  }
  auto question_named = [&](const std::string& name) -> const json* {
    auto it = questions.find(name);
    return it == questions.end() ? nullptr : it->second;
  };
  // Each answer by its question, then put in the guide's order.
  std::map<std::string, json> by_question;
  std::map<std::string, std::string> pointer_of;
  for (std::size_t i = 0; i < answers.size(); ++i) {
    const std::string at = "/answers/" + std::to_string(i);
    const json& a = answers[i];
    RETURN_IF_ERROR(ops::CheckObject(a, at, {"question", "value", "text", "status", "revision"}));
    if (!a.contains("question") || !a["question"].is_string()) {
      return Error::Invalid("is required: the name of a question of the guide", at + "/question");
    }
    const std::string name = a["question"];
    const json* question = question_named(name);
    if (question == nullptr) {
      return Error::Invalid("the guide " + guide["id"].get<std::string>() + " has no question " + name,
                            at + "/question");
    }
    if ((*question)["type"] == "note") return Error::Invalid("a note is not answered", at + "/question");
    if (by_question.count(name)) return Error::Invalid("is answered twice", at + "/question");
    json answer = {{"question", name}};
    ASSIGN_OR_RETURN(answer["value"], ValueFor(*question, guide, a.value("value", json()), at + "/value"));
    ASSIGN_OR_RETURN(answer["text"], ops::TextField(a, "text", at, false, TextLines::kMany, 100000));
    const bool said = !answer["value"].is_null() || !answer["text"].is_null();
    ASSIGN_OR_RETURN(answer["status"], ops::EnumField(a, "status", at, ops::ValuesOf(kAnswerStatuses),
                                                      json(said ? "answered" : "no_answer")));
    if (answer["status"] == "not_asked" && said) {
      return Error::Invalid("a question not asked has no answer", at + "/status");
    }
    answer["revision"] = 1;
    by_question[name] = std::move(answer);
    pointer_of[name] = at;
  }
  // A follow-up is asked only when the answer it follows calls for it.
  for (const auto& [name, answer] : by_question) {
    const json& follows = (*question_named(name))["follows"];
    if (follows.is_null() || answer["status"] == "not_asked") continue;
    const std::string target = follows["question"];
    const json given = by_question.count(target) ? by_question[target]["value"] : json();
    if (!Holds(follows, given)) {
      return Error::Invalid("asked only when the answer to " + target + " is " + follows["values"].dump() +
                                "; mark it not_asked or leave it out",
                            pointer_of[name] + "/question", "follow_up_not_called_for");
    }
  }
  json& ordered = out["answers"] = json::array();
  for (const json& q : guide["questions"]) {
    if (!q["name"].is_string()) continue;
    auto it = by_question.find(q["name"].get_ref<const std::string&>());
    if (it != by_question.end()) ordered.push_back(std::move(it->second));
  }
  return out;
}

void Revise(const json& before, json& after) {
  std::map<std::string, const json*> old;
  // Pointers into `before` itself (not into a copy that would not outlive the loop).
  if (before.is_object() && before.contains("answers") && before["answers"].is_array()) {
    for (const json& a : before["answers"]) old[a["question"].get<std::string>()] = &a;
  }
  for (json& a : after["answers"]) {
    auto it = old.find(a["question"].get<std::string>());
    if (it == old.end()) {
      a["revision"] = 1;
      continue;
    }
    const json& was = *it->second;
    const std::int64_t revision = was.value("revision", std::int64_t{1});
    a["revision"] = was["text"] == a["text"] ? revision : revision + 1;
  }
}

}  // namespace moteplass::studies
