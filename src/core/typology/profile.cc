#include "core/typology/profile.h"

#include <algorithm>
#include <mutex>

#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include "core/json_text.h"
#include "core/resources.h"

namespace moteplass {

using nlohmann::json;

const json& ProfileSchema() {
  static const json schema = json::parse(resources::Get("data/profile.schema.json"));
  return schema;
}

namespace {

const json& SchemaJson() { return ProfileSchema(); }

// The compiled schema; valijson's Schema is immutable after parsing and safe to share.
const valijson::Schema& CompiledSchema() {
  static valijson::Schema schema;
  static std::once_flag once;
  std::call_once(once, [] {
    valijson::SchemaParser parser;
    valijson::adapters::NlohmannJsonAdapter adapter(SchemaJson());
    parser.populateSchema(adapter, schema);
  });
  return schema;
}

// The schema node that describes the value at `tokens` (properties for objects, items for
// arrays); nullptr when the schema says nothing about it.
const json* SchemaAt(const std::vector<std::string>& tokens) {
  const json* node = &SchemaJson();
  for (const auto& token : tokens) {
    if (node->contains("properties") && (*node)["properties"].contains(token)) {
      node = &(*node)["properties"][token];
    } else if (node->contains("items")) {
      node = &(*node)["items"];
    } else {
      return nullptr;
    }
  }
  return node;
}

std::string JoinWords(const json& values) {
  std::string out;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i > 0) out += i + 1 == values.size() ? " or " : ", ";
    out += values[i].is_string() ? values[i].get<std::string>() : values[i].dump();
  }
  return out;
}

std::string PropertyNames(const json& node) {
  json names = json::array();
  if (node.contains("properties")) {
    for (auto& [key, value] : node["properties"].items()) names.push_back(key);
  }
  return JoinWords(names);
}

// What the schema expects of one value, in words, given the value that failed.
std::string Expectation(const json& node, const json& value) {
  const std::string got = ", got " + DescribeJsonValue(value);
  if (node.contains("enum")) return "expected one of " + JoinWords(node["enum"]) + got;
  const std::string type = node.value("type", "");
  if (type == "integer" || type == "number") {
    const std::string what = type == "integer" ? "a whole number" : "a number";
    bool right_type = type == "integer" ? value.is_number_integer() || value.is_number_unsigned() : value.is_number();
    if (right_type && node.contains("minimum") && value.get<double>() < node["minimum"].get<double>()) {
      return "expected " + what + " >= " + node["minimum"].dump() + got;
    }
    if (right_type && node.contains("maximum") && value.get<double>() > node["maximum"].get<double>()) {
      return "expected " + what + " <= " + node["maximum"].dump() + got;
    }
    if (node.contains("minimum") && node.contains("maximum")) {
      return "expected " + what + " from " + node["minimum"].dump() + " to " + node["maximum"].dump() + got;
    }
    return "expected " + what + got;
  }
  if (type == "boolean") return "expected true or false" + got;
  if (type == "string") {
    if (!value.is_string()) return "expected text" + got;
    const std::string pattern = node.value("pattern", "");
    if (pattern == "^[0-9]{4}$") return "expected 4 digits" + got;
    if (pattern == "^[0-9]{2}$") return "expected 2 digits" + got;
    if (node.contains("minLength") && value.get<std::string>().empty()) return "must not be empty";
    if (node.contains("maxLength")) {
      return "too long: at most " + node["maxLength"].dump() + " characters";
    }
    return "expected text matching " + pattern + got;
  }
  if (type == "array") {
    if (!value.is_array()) return "expected an array" + got;
    if (node.value("uniqueItems", false)) return "each value may appear only once";
    return "expected an array of valid values";
  }
  if (type == "object") return "expected an object" + got;
  return "invalid value" + got;
}

bool IsWrapper(const std::string& description) {
  return description.starts_with("Failed to validate against schema associated with") ||
         description.starts_with("Failed to validate item") ||
         description.starts_with("Failed to validate against child schema");
}

std::string Quoted(const std::string& description) {
  auto end = description.rfind('\'');
  auto start = end == std::string::npos ? std::string::npos : description.rfind('\'', end - 1);
  if (start == std::string::npos) return "";
  return description.substr(start + 1, end - start - 1);
}

Error ToError(const valijson::ValidationResults& results, const json& profile) {
  // Prefer the deepest concrete error: valijson also reports every enclosing object.
  const valijson::ValidationResults::Error* best = nullptr;
  for (const auto& e : results) {
    if (IsWrapper(e.description)) continue;
    if (best == nullptr || e.context.size() > best->context.size()) best = &e;
  }
  if (best == nullptr) return Error::Invalid("the profile does not match the schema", "", "invalid_profile");

  std::vector<std::string> tokens;
  for (const auto& part : best->context) {
    if (part.size() >= 2 && part.front() == '[' && part.back() == ']')
      tokens.push_back(part.substr(1, part.size() - 2));
  }
  std::string pointer;
  for (const auto& t : tokens) pointer += "/" + EscapePointerToken(t);
  const json* node = SchemaAt(tokens);
  const json value = profile.at(json::json_pointer(pointer.empty() ? "" : pointer));

  if (best->description.starts_with("Missing required property")) {
    return Error::Invalid("required field is missing", pointer + "/" + EscapePointerToken(Quoted(best->description)),
                          "invalid_profile");
  }
  if (best->description.starts_with("Object contains a property that could not be validated")) {
    std::string expected = node ? PropertyNames(*node) : "";
    return Error::Invalid("unknown field" + (expected.empty() ? "" : "; expected " + expected),
                          pointer + "/" + EscapePointerToken(Quoted(best->description)), "invalid_profile");
  }
  if (node == nullptr) return Error::Invalid("invalid value " + DescribeJsonValue(value), pointer, "invalid_profile");
  return Error::Invalid(Expectation(*node, value), pointer, "invalid_profile");
}

int IntAt(const json& object, const char* key) { return object.contains(key) ? object[key].get<int>() : 0; }

std::optional<int> OptionalIntAt(const json& object, const char* key) {
  if (!object.contains(key)) return std::nullopt;
  return object[key].get<int>();
}

}  // namespace

bool Profile::HasPurpose(const std::string& purpose) const {
  return std::find(purposes.begin(), purposes.end(), purpose) != purposes.end();
}

Result<Profile> ParseProfile(const json& j) {
  if (!j.is_object()) {
    return Error::Invalid("expected a profile object, got " + DescribeJsonValue(j), "", "invalid_profile");
  }
  valijson::Validator validator(valijson::Validator::kStrongTypes);
  valijson::ValidationResults results;
  valijson::adapters::NlohmannJsonAdapter target(j);
  if (!validator.validate(CompiledSchema(), target, &results)) return ToError(results, j);

  Profile p;
  p.id = j.value("id", "");
  p.name = j["name"].get<std::string>();
  p.level = j["level"].get<std::string>();
  p.municipality = j.value("municipality", "");
  p.county = j.value("county", "");
  if (j.contains("established_year")) p.established_year = j["established_year"].get<int>();
  p.permanent = j["permanent"].get<bool>();
  p.recurrence = j.value("recurrence", "");
  p.venue = j.value("venue", "none");
  p.house_role = j.value("house_role", "");
  if (j.contains("started_meeting_places")) {
    p.started_meeting_places = j["started_meeting_places"].get<std::vector<std::string>>();
  }
  p.started_by = j.value("started_by", "");
  p.organisational_form = j.value("organisational_form", "public_body");
  p.channel = j.value("channel", "none");
  p.target_group = j.value("target_group", "everyone");
  p.initiative = j["initiative"].get<std::string>();
  const json& seats = j["seats"];
  p.seats = Seats{IntAt(seats, "immigrant_population"), IntAt(seats, "politicians"), IntAt(seats, "administration"),
                  IntAt(seats, "police"), IntAt(seats, "other")};
  if (j.contains("people")) {
    const json& people = j["people"];
    p.people = People{OptionalIntAt(people, "immigrant_background"), OptionalIntAt(people, "women"),
                      OptionalIntAt(people, "youth")};
  }
  p.immigrant_members_selected_by = j["immigrant_members_selected_by"].get<std::string>();
  if (j.contains("immigrant_members_also_selected_by")) {
    p.immigrant_members_also_selected_by = j["immigrant_members_also_selected_by"].get<std::vector<std::string>>();
  }
  p.immigrant_members_represent = j["immigrant_members_represent"].get<std::string>();
  p.authority_role = j["authority_role"].get<std::string>();
  p.authority_contact = j.value("authority_contact", "");
  p.chair = j.value("chair", "unknown");
  const json& functions = j["functions"];
  p.functions = Functions{functions["hearing_body"].get<bool>(), functions["advisory_body"].get<bool>(),
                          functions["delegated_authority"].get<bool>()};
  p.purposes = j["purposes"].get<std::vector<std::string>>();
  if (j.contains("themes")) p.themes = j["themes"].get<std::vector<std::string>>();
  p.dialogue_between_parties = j["dialogue_between_parties"].get<bool>();
  p.rotation = j.value("rotation", "unknown");
  if (j.contains("meetings_per_year")) p.meetings_per_year = j["meetings_per_year"].get<double>();
  return p;
}

}  // namespace moteplass
