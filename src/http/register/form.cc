#include "http/register/form.h"

#include <algorithm>
#include <map>
#include <set>

namespace moteplass::http::registry {

using nlohmann::json;

namespace {

enum class Kind { kText, kTextarea, kInt, kOptionalInt, kNumber, kSelect, kCheckbox, kCheckList, kList, kDate };

struct FieldDef {
  const char* pointer;
  Kind kind;
  const char* group;
  bool required = false;
  std::vector<std::string> options = {};  // enum values; labels are "enum.<last token>.<value>"
  const char* input_type = "text";
  const char* autocomplete = nullptr;
};

const std::vector<FieldDef>& Fields() {
  // clang-format off
  static const std::vector<FieldDef> fields = {
      {"/profile/name", Kind::kText, "basics", true},
      {"/profile/level", Kind::kSelect, "basics", true, {"municipal", "county", "intermunicipal", "national"}},
      {"/profile/municipality", Kind::kSelect, "basics"},
      {"/profile/county", Kind::kSelect, "basics"},
      {"/profile/established_year", Kind::kOptionalInt, "basics"},
      {"/established", Kind::kDate, "basics"},
      {"/ceased", Kind::kDate, "basics"},
      {"/profile/permanent", Kind::kCheckbox, "basics"},
      {"/public", Kind::kCheckbox, "basics"},
      {"/profile/seats/immigrant_population", Kind::kInt, "seats"},
      {"/profile/seats/politicians", Kind::kInt, "seats"},
      {"/profile/seats/administration", Kind::kInt, "seats"},
      {"/profile/seats/police", Kind::kInt, "seats"},
      {"/profile/seats/other", Kind::kInt, "seats"},
      {"/profile/people/immigrant_background", Kind::kOptionalInt, "people"},
      {"/profile/people/women", Kind::kOptionalInt, "people"},
      {"/profile/people/youth", Kind::kOptionalInt, "people"},
      {"/profile/initiative", Kind::kSelect, "how", true,
       {"authority", "police", "immigrant_population", "organisation", "unknown"}},
      {"/profile/immigrant_members_selected_by", Kind::kSelect, "how", true,
       {"organisations_elect", "election_among_nominees", "authority_appoints", "hand_picked", "open_participation",
        "not_applicable"}},
      {"/profile/immigrant_members_represent", Kind::kSelect, "how", true,
       {"organisations", "immigrant_population", "themselves", "not_applicable"}},
      {"/profile/authority_role", Kind::kSelect, "how", true,
       {"permanent_members", "chair_and_secretariat", "board_members", "occasional", "none"}},
      {"/profile/chair", Kind::kSelect, "how", false,
       {"immigrant_member", "mayor", "politician", "administration", "police", "other", "unknown"}},
      {"/profile/rotation", Kind::kSelect, "how", false, {"elections", "appointed_terms", "little_rotation", "open", "unknown"}},
      {"/profile/organisational_form", Kind::kSelect, "how", false,
       {"public_body", "foundation", "association", "faith_community", "informal"}},
      {"/profile/venue", Kind::kSelect, "how", false, {"none", "activity_centre", "place_of_worship"}},
      {"/profile/target_group", Kind::kSelect, "how", false, {"everyone", "women", "youth", "refugees"}},
      {"/profile/functions/hearing_body", Kind::kCheckbox, "functions"},
      {"/profile/functions/advisory_body", Kind::kCheckbox, "functions"},
      {"/profile/functions/delegated_authority", Kind::kCheckbox, "functions"},
      {"/profile/dialogue_between_parties", Kind::kCheckbox, "functions"},
      {"/profile/meetings_per_year", Kind::kNumber, "functions"},
      {"/profile/purposes", Kind::kCheckList, "purposes", false,
       {"political_influence", "intermediary", "integration", "dialogue", "prevent_racism", "interfaith", "theme",
        "activities", "mobilisation", "information"}},
      {"/profile/themes", Kind::kList, "purposes"},
      {"/description", Kind::kTextarea, "public_info"},
      {"/how_to_take_part", Kind::kTextarea, "public_info"},
      {"/contact/email", Kind::kText, "public_info", false, {}, "email", "email"},
      {"/contact/phone", Kind::kText, "public_info", false, {}, "tel", "tel"},
      {"/website", Kind::kText, "public_info", false, {}, "url", "url"},
  };
  // clang-format on
  return fields;
}

constexpr const char* kGroups[] = {"basics", "seats", "people", "how", "functions", "purposes", "public_info"};

// "/profile/seats/politicians" -> "form.field.profile.seats.politicians"
std::string LabelKey(const std::string& pointer) {
  std::string key = "form.field" + pointer;
  std::replace(key.begin(), key.end(), '/', '.');
  return key;
}

std::string LastToken(const std::string& pointer) { return pointer.substr(pointer.rfind('/') + 1); }

std::string Trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  const auto e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

bool AllDigits(const std::string& s) {
  return !s.empty() && s.size() < 10 && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Translates a validation message of the core (English) into the reader's language.
std::string Translate(const Error& e, Lang lang) {
  const std::string& m = e.message;
  auto has = [&](const char* s) { return m.find(s) != std::string::npos; };
  if (has("required field is missing") || has("must not be empty")) return Msg("form.error.required", lang);
  if (has("whole number")) return Msg("form.error.whole_number", lang);
  if (has("expected a number")) return Msg("form.error.number", lang);
  if (has("date")) {
    return has("before") ? Msg("form.error.ceased_before", lang) : Msg("form.error.date", lang);
  }
  if (has("e-mail")) return Msg("form.error.email", lang);
  if (has("web address")) return Msg("form.error.website", lang);
  if (has("telephone")) return Msg("form.error.phone", lang);
  if (has("needs its municipality")) return Msg("form.error.municipality_required", lang);
  if (has("needs its county")) return Msg("form.error.county_required", lang);
  if (has("lies in county")) return Msg("form.error.county_mismatch", lang);
  if (has("4 digits")) return Msg("form.error.year", lang);
  if (has("too long") || has("at most")) return Msg("form.error.too_long", lang);
  return Msg("form.error.generic", lang, {{"detail", m}});
}

// Removes the value at `pointer` from `body`, so that validation can go on to the next field.
bool RemoveAt(json& body, const std::string& pointer) {
  if (pointer.empty()) return false;
  json::json_pointer p(pointer);
  json::json_pointer parent = p.parent_pointer();
  if (!body.contains(parent)) return false;
  json& container = body[parent];
  if (!container.is_object() || !container.contains(p.back())) return false;
  container.erase(p.back());
  return true;
}

}  // namespace

std::string FieldId(const std::string& pointer) {
  std::string id = "f" + pointer;
  for (auto& c : id) {
    if (c == '/' || c == '_') c = '-';
  }
  return id;
}

json BodyFromForm(const std::vector<std::pair<std::string, std::string>>& fields) {
  std::multimap<std::string, std::string> posted;
  for (const auto& [k, v] : fields) posted.emplace(k, v);
  json body = json::object();
  body["profile"] = json::object();
  body["profile"]["seats"] = json::object();
  body["profile"]["functions"] = json::object();
  auto value_of = [&](const char* pointer) -> std::optional<std::string> {
    auto it = posted.find(pointer);
    if (it == posted.end()) return std::nullopt;
    return it->second;
  };
  for (const auto& f : Fields()) {
    json::json_pointer p(f.pointer);
    auto raw = value_of(f.pointer);
    switch (f.kind) {
      case Kind::kText:
      case Kind::kTextarea:
      case Kind::kDate: {
        std::string v = raw ? (f.kind == Kind::kTextarea ? *raw : Trim(*raw)) : "";
        if (f.kind == Kind::kTextarea) {
          // Browsers send CRLF; store LF.
          std::string lf;
          for (char c : v) {
            if (c != '\r') lf += c;
          }
          v = Trim(lf).empty() ? "" : lf;
        }
        if (f.required || !v.empty()) body[p] = v;
        break;
      }
      case Kind::kInt:
      case Kind::kOptionalInt:
      case Kind::kNumber: {
        std::string v = raw ? Trim(*raw) : "";
        if (v.empty()) {
          if (f.kind == Kind::kInt) body[p] = 0;
          break;
        }
        if (AllDigits(v)) {
          body[p] = std::stoi(v);
        } else if (f.kind == Kind::kNumber) {
          std::string dot = v;
          std::replace(dot.begin(), dot.end(), ',', '.');
          json n = json::parse(dot, nullptr, false);
          body[p] = n.is_number() ? n : json(v);
        } else {
          body[p] = v;  // the schema names it: "expected a whole number >= 0, got ..."
        }
        break;
      }
      case Kind::kSelect: {
        std::string v = raw ? Trim(*raw) : "";
        if (!v.empty()) body[p] = v;
        break;
      }
      case Kind::kCheckbox: body[p] = raw.has_value(); break;
      case Kind::kCheckList: {
        json list = json::array();
        auto [b, e] = posted.equal_range(f.pointer);
        std::set<std::string> seen;
        for (auto it = b; it != e; ++it) {
          if (seen.insert(it->second).second) list.push_back(it->second);
        }
        body[p] = list;
        break;
      }
      case Kind::kList: {
        json list = json::array();
        std::string v = raw ? *raw : "";
        std::size_t start = 0;
        while (start <= v.size()) {
          std::size_t comma = v.find(',', start);
          if (comma == std::string::npos) comma = v.size();
          std::string item = Trim(v.substr(start, comma - start));
          if (!item.empty()) list.push_back(item);
          start = comma + 1;
        }
        if (!list.empty()) body[p] = list;
        break;
      }
    }
  }
  // A municipal meeting place takes its county from the municipality.
  if (body["profile"].value("level", "") == "municipal" && body["profile"].contains("municipality")) {
    body["profile"].erase("county");
  }
  return body;
}

FormOutcome ValidateForm(const json& body, const Places& places, Lang lang) {
  FormOutcome out;
  json work = body;
  std::set<std::string> seen;
  for (int round = 0; round < 40; ++round) {
    auto input = ParseMeetingPlaceInput(work, places);
    if (input.ok()) {
      if (out.errors.empty()) out.input = std::move(input).value();
      return out;
    }
    const Error& e = input.error();
    if (seen.insert(e.pointer).second) {
      out.errors.push_back(FormError{e.pointer, FieldId(e.pointer), Translate(e, lang)});
    }
    // Take the faulty value out and look for the next problem; a required field cannot be
    // taken out, so stop there.
    if (!RemoveAt(work, e.pointer) || seen.size() != out.errors.size()) break;
  }
  return out;
}

json FormView(const json& body, const std::vector<FormError>& errors, const Places& places, Lang lang) {
  std::map<std::string, std::string> error_of;
  for (const auto& e : errors) error_of.emplace(e.pointer, e.message);
  json groups = json::array();
  for (const char* group : kGroups) {
    json fields = json::array();
    for (const auto& f : Fields()) {
      if (std::string(f.group) != group) continue;
      const std::string pointer = f.pointer;
      json::json_pointer p(pointer);
      const json value = body.contains(p) ? body[p] : json();
      const std::string label_key = LabelKey(pointer);
      const std::string hint_key = label_key + "_hint";
      std::string hint = Msg(hint_key, lang);
      if (hint.starts_with("[")) hint.clear();
      auto make = [&](const std::string& id, const std::string& label) {
        json field = {{"id", id}, {"name", pointer}, {"label", label}, {"required", f.required}};
        // Always set: a field without a hint must not show its group's hint, which mustache
        // would find one level up.
        field["hint"] = hint.empty() ? json(false) : json(hint);
        std::string describedby;
        if (!hint.empty()) describedby = id + "-hint";
        if (auto it = error_of.find(pointer); it != error_of.end()) {
          field["error"] = it->second;
          describedby += (describedby.empty() ? "" : " ") + id + "-error";
        }
        if (!describedby.empty()) field["describedby"] = describedby;
        return field;
      };
      const std::string id = FieldId(pointer);
      switch (f.kind) {
        case Kind::kText:
        case Kind::kDate:
        case Kind::kInt:
        case Kind::kOptionalInt:
        case Kind::kNumber:
        case Kind::kList: {
          json field = make(id, Msg(label_key, lang));
          field["is_text"] = true;
          field["input_type"] = f.kind == Kind::kDate ? "date" : f.input_type;
          if (f.autocomplete) field["autocomplete"] = f.autocomplete;
          if (f.kind == Kind::kInt || f.kind == Kind::kOptionalInt) field["inputmode"] = "numeric";
          if (f.kind == Kind::kNumber) field["inputmode"] = "decimal";
          std::string text;
          if (value.is_string()) {
            text = value.get<std::string>();
          } else if (value.is_array()) {
            for (const auto& item : value)
              text += (text.empty() ? "" : ", ") + (item.is_string() ? item.get<std::string>() : item.dump());
          } else if (!value.is_null()) {
            text = value.dump();
          }
          field["value"] = text;
          fields.push_back(field);
          break;
        }
        case Kind::kTextarea: {
          json field = make(id, Msg(label_key, lang));
          field["is_textarea"] = true;
          field["value"] = value.is_string() ? value.get<std::string>() : "";
          fields.push_back(field);
          break;
        }
        case Kind::kSelect: {
          json field = make(id, Msg(label_key, lang));
          field["is_select"] = true;
          const std::string current = value.is_string() ? value.get<std::string>() : "";
          json options = json::array();
          options.push_back({{"value", ""}, {"label", Msg("form.choose", lang)}, {"selected", current.empty()}});
          if (pointer == "/profile/municipality") {
            std::vector<const Municipality*> sorted;
            for (const auto& m : places.municipalities) sorted.push_back(&m);
            for (const auto* m : sorted) {
              options.push_back({{"value", m->number},
                                 {"label", m->name + " (" + m->number + ")"},
                                 {"selected", m->number == current}});
            }
          } else if (pointer == "/profile/county") {
            for (const auto& c : places.counties) {
              options.push_back(
                  {{"value", c.number}, {"label", c.name + " (" + c.number + ")"}, {"selected", c.number == current}});
            }
          } else {
            for (const auto& o : f.options) {
              options.push_back({{"value", o},
                                 {"label", Msg("enum." + LastToken(pointer) + "." + o, lang)},
                                 {"selected", o == current}});
            }
          }
          field["options"] = options;
          fields.push_back(field);
          break;
        }
        case Kind::kCheckbox: {
          json field = make(id, Msg(label_key, lang));
          field["is_checkbox"] = true;
          field["value"] = "true";
          // New forms start with permanent and public ticked.
          const bool default_on = pointer == "/public" || pointer == "/profile/permanent";
          field["checked"] = value.is_boolean() ? value.get<bool>() : default_on;
          fields.push_back(field);
          break;
        }
        case Kind::kCheckList: {
          for (const auto& o : f.options) {
            // The first box carries the field's own id, so that an error links to it.
            json field = make(o == f.options.front() ? id : id + "-" + o, Msg("enum.purposes." + o, lang));
            field["is_checkbox"] = true;
            field["value"] = o;
            bool on = false;
            if (value.is_array()) on = std::find(value.begin(), value.end(), json(o)) != value.end();
            field["checked"] = on;
            field["hint"] = false;
            fields.push_back(field);
          }
          break;
        }
      }
    }
    std::string ghint = Msg(std::string("form.group.") + group + "_hint", lang);
    json g = {{"legend", Msg(std::string("form.group.") + group, lang)},
              {"class", std::string(group) == "seats" || std::string(group) == "people" ? "mp-seats" : ""},
              {"fields", fields}};
    if (!ghint.starts_with("[")) g["hint"] = ghint;
    groups.push_back(g);
  }
  return groups;
}

}  // namespace moteplass::http::registry
