#include "core/analysis/traits.h"

#include <cstdlib>
#include <map>
#include <set>

#include "core/studies/coding.h"

namespace moteplass::analysis {

const std::vector<std::string>& TraitIds() {
  static const std::vector<std::string> ids = [] {
    std::vector<std::string> out;
    for (const nlohmann::json& code : studies::DefaultCodebook()) {
      const nlohmann::json group = code.value("group", nlohmann::json());
      if (group.is_string() && group.get<std::string>().rfind("criterion_", 0) == 0) continue;
      out.push_back(code.value("id", std::string()));
    }
    return out;
  }();
  return ids;
}

Dataset Traits(const std::vector<const Unit*>& units, const std::vector<std::string>& kinds, std::optional<int> from,
               std::optional<int> to) {
  Dimension trait{"trait", {}};
  for (const std::string& id : TraitIds()) trait.categories.push_back({id, ""});
  Dimension kind{"kind", {}};
  for (const std::string& id : kinds) kind.categories.push_back({id, ""});
  Dataset d = Dataset::Make("traits", {trait, kind});
  for (const Unit* u : units) {
    std::map<std::string, std::set<std::int64_t>> informants;  // trait -> who raised it here
    for (const Raised& r : u->raised) {
      const int year = r.date.size() >= 4 ? std::atoi(r.date.substr(0, 4).c_str()) : 0;
      if ((from && year < *from) || (to && year > *to)) continue;
      informants[r.code].insert(r.informant);
    }
    for (const auto& [code, who] : informants) d.Add({code, u->kind}, 1, static_cast<int>(who.size()));
  }
  d.AddNote("analysis.note.traits");
  return d;
}

}  // namespace moteplass::analysis
