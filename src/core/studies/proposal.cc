#include "core/studies/proposal.h"

#include <algorithm>
#include <map>
#include <set>

#include "core/status_macros.h"
#include "core/studies/guide.h"

namespace moteplass::studies {
namespace {

using nlohmann::json;

// The register's value of a closed answer to `q`; null when it supports nothing.
json ProfileValue(const json& q, const json& value) {
  if (value.is_null()) return json();
  const std::string type = q["type"];
  if (type == "select_one" && q["list"] == "yes_no") {
    if (value == "yes") return true;
    if (value == "no") return false;
    return json();
  }
  if (type == "select_one" || type == "integer" || type == "date") return value;
  return json();
}

json CurrentAt(const json& place, const std::string& pointer) {
  try {
    const json::json_pointer p(pointer);
    return place.contains(p) ? place.at(p) : json();
  } catch (const json::exception&) {
    return json();
  }
}

}  // namespace

json Proposal(std::int64_t meeting_place, const json& place, const std::vector<ProposalInformant>& informants,
              const std::vector<json>& interviews, const GuideOf& guide_of) {
  std::map<std::int64_t, std::string> pseudonym;
  for (const ProposalInformant& i : informants) pseudonym[i.id] = i.pseudonym;
  // pointer -> informant -> value (the latest interview's answer wins); pointers in first-seen order.
  std::vector<std::string> order;
  std::map<std::string, std::map<std::int64_t, json>> given;
  std::vector<const json*> sorted;
  for (const json& v : interviews) sorted.push_back(&v);
  for (const json* v : sorted) {
    const json& interview = *v;
    const std::int64_t informant = interview.value("informant", std::int64_t{0});
    if (!pseudonym.count(informant)) continue;
    const json* guide = guide_of(interview.value("guide", std::string()),
                                 interview.value("guide_version", std::int64_t{0}));
    if (guide == nullptr) continue;
    for (const json& a : interview.value("answers", json::array())) {
      const json* q = FindQuestion(*guide, a.value("question", std::string()));
      if (q == nullptr || !(*q)["profile_pointer"].is_string() || a.value("status", "") != "answered") continue;
      const json value = ProfileValue(*q, a.value("value", json()));
      if (value.is_null()) continue;
      const std::string pointer = (*q)["profile_pointer"];
      if (!given.count(pointer)) order.push_back(pointer);
      given[pointer][informant] = value;
    }
  }
  json fields = json::array();
  for (const std::string& pointer : order) {
    json values = json::array();  // [{"value", "from"}], in the order first given
    json from = json::array();
    for (const auto& [informant, value] : given[pointer]) {
      const json who = {{"informant", informant}, {"pseudonym", pseudonym[informant]}};
      from.push_back(who);
      const json& given_value = value;  // a structured binding cannot be captured before C++20 in clang 14
      auto it = std::find_if(values.begin(), values.end(), [&](const json& v) { return v["value"] == given_value; });
      if (it == values.end()) {
        values.push_back({{"value", value}, {"from", json::array({who})}});
      } else {
        (*it)["from"].push_back(who);
      }
    }
    const json* most = &values[0];
    for (const json& v : values) {
      if (v["from"].size() > (*most)["from"].size()) most = &v;
    }
    const json current = CurrentAt(place, pointer);
    fields.push_back({{"pointer", pointer},
                      {"value", (*most)["value"]},
                      {"from", from},
                      {"conflict", values.size() > 1},
                      {"values", values},
                      {"current", current},
                      {"differs", current != (*most)["value"] || values.size() > 1}});
  }
  return {{"meeting_place", meeting_place}, {"fields", fields}};
}

Result<json> Accept(const json& proposal, json place, const json& body) {
  if (!body.is_object() || !body.contains("pointers") || !body["pointers"].is_array() || body["pointers"].empty()) {
    return Error::Invalid("expected a list of the proposal's pointers to accept", "/pointers");
  }
  std::set<std::string> seen;
  for (std::size_t i = 0; i < body["pointers"].size(); ++i) {
    const std::string at = "/pointers/" + std::to_string(i);
    const json& item = body["pointers"][i];
    std::string pointer;
    json chosen;
    if (item.is_string()) {
      pointer = item;
    } else if (item.is_object() && item.contains("pointer") && item["pointer"].is_string() && item.contains("value")) {
      pointer = item["pointer"];
      chosen = item["value"];
    } else {
      return Error::Invalid("expected a pointer, or {\"pointer\", \"value\"}", at);
    }
    const json* field = nullptr;
    for (const json& f : proposal["fields"]) {
      if (f["pointer"] == pointer) field = &f;
    }
    if (field == nullptr) return Error::Invalid("the proposal has no field " + pointer, at);
    if (!seen.insert(pointer).second) return Error::Invalid("is accepted twice", at);
    json value = (*field)["value"];
    if (!chosen.is_null() || item.is_object()) {
      const json& values = (*field)["values"];
      if (std::none_of(values.begin(), values.end(), [&](const json& v) { return v["value"] == chosen; })) {
        return Error::Invalid("the informants gave no such value for " + pointer, at + "/value");
      }
      value = chosen;
    } else if ((*field)["conflict"].get<bool>()) {
      return Error::Invalid(
          "the informants disagree on " + pointer + ": send {\"pointer\", \"value\"} with the value chosen", at,
          "conflict");
    }
    try {
      const json::json_pointer p(pointer);
      place[p] = value;
    } catch (const json::exception&) {
      return Error::Invalid("not a field of the meeting place", at);
    }
  }
  return place;
}

}  // namespace moteplass::studies
