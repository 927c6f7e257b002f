#include "core/meeting_place.h"

#include <set>

namespace moteplass {
namespace {

using nlohmann::json;

// Bookkeeping that is not a change a person made.
const std::set<std::string, std::less<>> kNotDiffed = {"id",         "version",    "created_at",
                                                        "updated_at", "links",      "classification",
                                                        "deleted_at", "example"};

std::string EscapePointerToken(const std::string& token) {
  std::string out;
  for (char c : token) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out += c;
    }
  }
  return out;
}

void DiffInto(const json& before, const json& after, const std::string& prefix, std::vector<FieldChange>* out) {
  if (before.is_object() && after.is_object()) {
    std::set<std::string> keys;
    for (auto& [k, v] : before.items()) keys.insert(k);
    for (auto& [k, v] : after.items()) keys.insert(k);
    for (const auto& k : keys) {
      if (prefix.empty() && kNotDiffed.count(k)) continue;
      const json& b = before.contains(k) ? before[k] : json();
      const json& a = after.contains(k) ? after[k] : json();
      DiffInto(b, a, prefix + "/" + EscapePointerToken(k), out);
    }
    return;
  }
  if (before != after) out->push_back(FieldChange{prefix, before, after});
}

}  // namespace

json ToJson(const MeetingPlace& p) {
  const std::string id = std::to_string(p.id);
  json classification = p.classification.is_null() ? json() : p.classification;
  json computed_kind = classification.is_object() && classification.contains("kind") ? classification["kind"] : json();
  json subtype = classification.is_object() && classification.contains("subtype") ? classification["subtype"] : json();
  json recorded = json();
  if (p.recorded_kind) {
    recorded = {{"kind", p.recorded_kind->kind},
                {"justification", p.recorded_kind->justification},
                {"by", p.recorded_kind->by},
                {"at", p.recorded_kind->at}};
    // A person's recorded kind replaces the computed one; the police-forum subtype belongs to
    // the dialogue model only.
    if (p.recorded_kind->kind != "dialogue") subtype = json();
  }
  return json{
      {"id", p.id},
      {"profile", p.input.profile},
      {"description", p.input.description},
      {"how_to_take_part", p.input.how_to_take_part},
      {"contact", {{"email", p.input.contact.email}, {"phone", p.input.contact.phone}}},
      {"website", p.input.website},
      {"established", p.input.established},
      {"ceased", p.input.ceased},
      {"public", p.input.is_public},
      {"name", p.name},
      {"level", p.level},
      {"municipality", p.municipality},
      {"county", p.county},
      {"region", p.region},
      {"kind", p.kind.empty() ? json() : json(p.kind)},
      {"subtype", subtype},
      {"computed_kind", computed_kind},
      {"classification", classification},
      {"recorded_kind", recorded},
      {"example", p.example},
      {"version", p.version},
      {"created_at", p.created_at},
      {"updated_at", p.updated_at},
      {"links",
       {{"self", "/api/v1/meeting-places/" + id},
        {"history", "/api/v1/meeting-places/" + id + "/history"},
        {"page", "/moteplasser/" + id}}},
  };
}

std::vector<FieldChange> Diff(const json& before, const json& after) {
  std::vector<FieldChange> out;
  DiffInto(before, after, "", &out);
  return out;
}

}  // namespace moteplass
