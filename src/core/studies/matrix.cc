#include "core/studies/matrix.h"

#include <algorithm>
#include <map>
#include <set>
#include <string>

namespace moteplass::studies {

using nlohmann::json;

json Matrix(std::int64_t meeting_place, const std::vector<MatrixInformant>& informants,
            const std::vector<json>& interviews,
            const std::function<json(const std::string&, std::int64_t)>& guide_of) {
  return Matrix(meeting_place, informants, interviews, guide_of, {}, json::array());
}

json Matrix(std::int64_t meeting_place, const std::vector<MatrixInformant>& informants,
            const std::vector<json>& interviews, const std::function<json(const std::string&, std::int64_t)>& guide_of,
            const std::vector<MatrixCode>& codes, const json& codebook) {
  std::map<std::string, std::string> group_of;
  for (const json& c : codebook) {
    if (c.value("group", json()).is_string()) group_of[c["id"].get<std::string>()] = c["group"].get<std::string>();
  }
  // guide -> question -> informant -> codes, in the order given.
  std::map<std::string, std::map<std::string, std::map<std::int64_t, std::vector<std::string>>>> coded;
  for (const MatrixCode& c : codes) {
    auto& list = coded[c.guide][c.question][c.informant];
    if (std::find(list.begin(), list.end(), c.code) == list.end()) list.push_back(c.code);
  }
  json out = {{"meeting_place", meeting_place}, {"informants", json::array()}, {"rows", json::array()}};
  std::map<std::int64_t, std::size_t> column;
  for (const MatrixInformant& i : informants) {
    column[i.id] = out["informants"].size();
    out["informants"].push_back({{"id", i.id}, {"pseudonym", i.pseudonym}, {"side", i.side}});
  }
  // guide -> informant -> question -> answer (later interviews win); guide -> newest version.
  std::map<std::string, std::map<std::int64_t, std::map<std::string, json>>> answers;
  std::map<std::string, std::int64_t> newest;
  for (const json& interview : interviews) {
    const std::int64_t informant = interview.value("informant", std::int64_t{0});
    if (!column.count(informant)) continue;
    const std::string guide = interview.value("guide", std::string());
    newest[guide] = std::max(newest[guide], interview.value("guide_version", std::int64_t{1}));
    for (const json& a : interview["answers"]) answers[guide][informant][a["question"].get<std::string>()] = a;
  }
  for (const auto& [guide, by_informant] : answers) {
    const json doc = guide_of(guide, newest[guide]);
    if (!doc.is_object()) continue;
    for (const json& q : doc["questions"]) {
      const std::string name = q["name"];
      json row = {{"guide", guide},      {"question", name},       {"follows", q["follows"]},
                  {"label", q["label"]}, {"cells", json::array()}, {"disagreement", false}};
      bool asked = false;
      std::set<std::string> closed;
      // group -> the codes of that group each informant's cell carries (cells without any left out).
      std::map<std::string, std::set<std::set<std::string>>> positions;
      const std::map<std::int64_t, std::vector<std::string>>* row_codes = nullptr;
      if (auto g = coded.find(guide); g != coded.end()) {
        if (auto c = g->second.find(name); c != g->second.end()) row_codes = &c->second;
      }
      for (const MatrixInformant& i : informants) {
        json cell = {
            {"informant", i.id}, {"value", nullptr}, {"text", nullptr}, {"status", nullptr}, {"codes", json::array()}};
        auto by = by_informant.find(i.id);
        if (by != by_informant.end()) {
          auto a = by->second.find(name);
          if (a != by->second.end()) {
            cell["value"] = a->second["value"];
            cell["text"] = a->second["text"];
            cell["status"] = a->second["status"];
            if (a->second["status"] != "not_asked") asked = true;
            if (!a->second["value"].is_null()) closed.insert(a->second["value"].dump());
          }
        }
        if (row_codes != nullptr) {
          auto mine = row_codes->find(i.id);
          if (mine != row_codes->end()) {
            std::map<std::string, std::set<std::string>> by_group;
            for (const std::string& code : mine->second) {
              cell["codes"].push_back(code);
              auto group = group_of.find(code);
              if (group != group_of.end()) by_group[group->second].insert(code);
            }
            for (const auto& [group, set] : by_group) positions[group].insert(set);
          }
        }
        row["cells"].push_back(cell);
      }
      if (!asked) continue;
      const bool codes_differ = std::any_of(positions.begin(), positions.end(),
                                            [](const auto& group) { return group.second.size() > 1; });
      row["disagreement"] = closed.size() > 1 || codes_differ;
      out["rows"].push_back(row);
    }
  }
  return out;
}

}  // namespace moteplass::studies
