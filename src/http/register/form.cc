#include "http/register/form.h"

#include <algorithm>
#include <charconv>
#include <map>
#include <set>
#include <string_view>

#include "core/json_text.h"
#include "core/local_time.h"
#include "core/norwegian.h"
#include "core/typology/profile.h"

namespace moteplass::http::registry {

using nlohmann::json;

namespace {

enum class Kind {
  kText,
  kTextarea,
  kInt,
  kOptionalInt,
  kNumber,
  kSelect,
  kCheckbox,
  kYesNo,  // a fact the typology reads: asked as Ja/Nei, with no answer chosen on a new form
  kCheckList,
  kList,
  kDate,        // typed as 26.11.2026 (or 2026-11-26), stored as 2026-11-26
  kYearOrDate,  // the year established, or the date: one field for both
};

// What the schema does not say about a field: its group, widget, order and required marker. The
// choices of a select or checklist are the schema's enum for the field (labels "enum.<last
// token>.<value>"), but for the places (municipality, county).
struct FieldDef {
  const char* pointer;
  Kind kind;
  const char* group;
  bool required = false;
  const char* input_type = "text";
  const char* autocomplete = nullptr;
};

const std::vector<FieldDef>& Fields() {
  // clang-format off
  static const std::vector<FieldDef> fields = {
      {"/profile/name", Kind::kText, "basics", true},
      {"/profile/level", Kind::kSelect, "basics", true},
      {"/profile/municipality", Kind::kSelect, "basics"},
      {"/profile/county", Kind::kSelect, "basics"},
      {"/profile/established_year", Kind::kYearOrDate, "basics"},
      {"/ceased", Kind::kDate, "basics"},
      {"/profile/permanent", Kind::kYesNo, "basics", true},
      {"/profile/recurrence", Kind::kSelect, "basics"},
      {"/profile/channel", Kind::kSelect, "basics"},
      {"/public", Kind::kCheckbox, "basics"},
      {"/profile/seats/immigrant_population", Kind::kInt, "seats"},
      {"/profile/seats/politicians", Kind::kInt, "seats"},
      {"/profile/seats/administration", Kind::kInt, "seats"},
      {"/profile/seats/police", Kind::kInt, "seats"},
      {"/profile/seats/other", Kind::kInt, "seats"},
      {"/profile/people/immigrant_background", Kind::kOptionalInt, "people"},
      {"/profile/people/women", Kind::kOptionalInt, "people"},
      {"/profile/people/youth", Kind::kOptionalInt, "people"},
      {"/profile/initiative", Kind::kSelect, "how", true},
      {"/profile/immigrant_members_selected_by", Kind::kSelect, "how", true},
      {"/profile/immigrant_members_also_selected_by", Kind::kCheckList, "how"},
      {"/profile/immigrant_members_represent", Kind::kSelect, "how", true},
      {"/profile/authority_role", Kind::kSelect, "how", true},
      {"/profile/authority_contact", Kind::kSelect, "how"},
      {"/profile/chair", Kind::kSelect, "how"},
      {"/profile/rotation", Kind::kSelect, "how"},
      {"/profile/organisational_form", Kind::kSelect, "how"},
      {"/profile/venue", Kind::kSelect, "how"},
      {"/profile/house_role", Kind::kSelect, "how"},
      {"/profile/started_meeting_places", Kind::kList, "how"},
      {"/profile/started_by", Kind::kText, "how"},
      {"/profile/target_group", Kind::kSelect, "how"},
      {"/profile/functions/hearing_body", Kind::kYesNo, "functions", true},
      {"/profile/functions/advisory_body", Kind::kYesNo, "functions", true},
      {"/profile/functions/delegated_authority", Kind::kYesNo, "functions", true},
      {"/profile/dialogue_between_parties", Kind::kYesNo, "functions", true},
      {"/profile/meetings_per_year", Kind::kNumber, "functions"},
      {"/profile/purposes", Kind::kCheckList, "purposes"},
      {"/profile/themes", Kind::kList, "purposes"},
      {"/description", Kind::kTextarea, "public_info"},
      {"/how_to_take_part", Kind::kTextarea, "public_info"},
      {"/contact/email", Kind::kText, "public_info", false, "email", "email"},
      {"/contact/phone", Kind::kText, "public_info", false, "tel", "tel"},
      {"/website", Kind::kText, "public_info", false, "url", "url"},
      {"/profile/meeting_languages", Kind::kCheckList, "languages"},
      {"/profile/venue_accessibility", Kind::kCheckList, "accessibility"},
      {"/profile/venue_accessibility_note", Kind::kText, "accessibility"},
      {"/language", Kind::kSelect, "translations"},
      {"/translations/en/description", Kind::kTextarea, "translations"},
      {"/translations/en/how_to_take_part", Kind::kTextarea, "translations"},
      {"/translations/nn/description", Kind::kTextarea, "translations"},
      {"/translations/nn/how_to_take_part", Kind::kTextarea, "translations"},
      {"/translations/nb/description", Kind::kTextarea, "translations"},
      {"/translations/nb/how_to_take_part", Kind::kTextarea, "translations"},
  };
  // clang-format on
  return fields;
}

// The selects whose choices are places, or the languages of the texts, not words of the schema.
bool IsPlaceField(const std::string& pointer) {
  return pointer == "/profile/municipality" || pointer == "/profile/county" || pointer == "/language";
}

// Whether the profile schema requires the field ("/profile/purposes" -> "purposes").
bool SchemaRequires(const std::string& pointer) {
  if (!pointer.starts_with("/profile/")) return false;
  const std::string name = pointer.substr(std::string_view("/profile/").size());
  for (const auto& r : ProfileSchema().value("required", json::array())) {
    if (r == name) return true;
  }
  return false;
}

bool TakesSchemaChoices(const FieldDef& f) {
  return (f.kind == Kind::kSelect || f.kind == Kind::kCheckList) && !IsPlaceField(f.pointer);
}

constexpr std::string_view kProfilePrefix = "/profile/";

// Resolves every field that takes its choices from the profile schema, parsing the schema once.
std::vector<FieldChoices> ResolveChoiceFields() {
  const json& schema = ProfileSchema();
  std::vector<FieldChoices> out;
  for (const auto& f : Fields()) {
    if (!TakesSchemaChoices(f)) continue;
    const std::string pointer = f.pointer;
    if (!pointer.starts_with(kProfilePrefix)) {
      out.push_back({pointer, Error::Internal("no choices in the schema for \"" + pointer +
                                              "\": the field is not in the profile")});
      continue;
    }
    // The profile schema describes body["profile"]: "/profile/level" is "/level" in it.
    out.push_back({pointer, SchemaChoices(schema, pointer.substr(kProfilePrefix.size() - 1))});
  }
  return out;
}

// The choices the form shows for a field that takes them from the schema (none when the lookup
// failed, which form_test.cc reports).
const std::vector<std::string>& SchemaChoicesOf(const std::string& pointer) {
  static const std::vector<std::string> none;
  for (const auto& f : SchemaChoiceFields()) {
    if (f.pointer == pointer) return f.choices.ok() ? f.choices.value() : none;
  }
  return none;
}

constexpr const char* kGroups[] = {"basics",   "seats",       "people",    "how",           "functions",
                                   "purposes", "public_info", "languages", "accessibility", "translations"};

// "/profile/seats/politicians" -> "form.field.profile.seats.politicians"
std::string LabelKey(const std::string& pointer) {
  std::string key = "form.field" + pointer;
  std::replace(key.begin(), key.end(), '/', '.');
  return key;
}

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
  if (has("already in this language")) return Msg("form.error.translation_same", lang);
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

const std::vector<FieldChoices>& SchemaChoiceFields() {
  static const std::vector<FieldChoices> fields = ResolveChoiceFields();
  return fields;
}

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
      case Kind::kDate: {
        const std::string v = raw ? Trim(*raw) : "";
        // A date as people write it is stored as the API takes it; anything else is left for
        // the parser to refuse by name.
        if (!v.empty()) body[p] = ParseTypedDate(v).value_or(v);
        break;
      }
      case Kind::kYearOrDate: {
        // "2004" is the year; a date is stored as /established, and its year as the year.
        const std::string v = raw ? Trim(*raw) : "";
        if (v.empty()) break;
        int year = 0;
        if (AllDigits(v) && std::from_chars(v.data(), v.data() + v.size(), year).ec == std::errc()) {
          body[p] = year;
        } else if (auto date = ParseTypedDate(v)) {
          body["established"] = *date;
          body[p] = std::stoi(date->substr(0, 4));
        } else {
          body["established"] = v;  // refused by the parser as a date, under this field
        }
        break;
      }
      case Kind::kYesNo: {
        const std::string v = raw ? Trim(*raw) : "";
        if (v == "true" || v == "false") body[p] = v == "true";
        break;  // unanswered: ValidateForm asks for an answer
      }
      case Kind::kText:
      case Kind::kTextarea: {
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
        int whole = 0;
        if (AllDigits(v) && std::from_chars(v.data(), v.data() + v.size(), whole).ec == std::errc()) {
          body[p] = whole;
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
      case Kind::kCheckbox: body[p] = raw.has_value() && *raw != "false"; break;
      case Kind::kCheckList: {
        json list = json::array();
        auto [b, e] = posted.equal_range(f.pointer);
        std::set<std::string> seen;
        for (auto it = b; it != e; ++it) {
          if (seen.insert(it->second).second) list.push_back(it->second);
        }
        // An optional checklist left empty is left out, as the schema allows.
        if (!list.empty() || f.required || SchemaRequires(f.pointer)) body[p] = list;
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
  // A yes/no question left unanswered: asked for here, and given a stand-in so that the parser
  // goes on to the other fields.
  for (const auto& f : Fields()) {
    const json::json_pointer p(f.pointer);
    if (f.kind != Kind::kYesNo || work.contains(p)) continue;
    seen.insert(f.pointer);
    out.errors.push_back(FormError{f.pointer, FieldId(f.pointer), Msg("form.error.yes_no", lang)});
    work[p] = false;
  }
  for (int round = 0; round < 40; ++round) {
    auto input = ParseMeetingPlaceInput(work, places);
    if (input.ok()) {
      if (out.errors.empty()) out.input = std::move(input).value();
      return out;
    }
    const Error& e = input.error();
    if (seen.insert(e.pointer).second) {
      // The date established is typed in the year's field; a translation into the main text's
      // language is shown at its description.
      std::string shown = e.pointer == "/established" ? "/profile/established_year" : e.pointer;
      if (shown.starts_with("/translations/") && std::count(shown.begin(), shown.end(), '/') == 2) {
        shown += "/description";
      }
      out.errors.push_back(FormError{shown, FieldId(shown), Translate(e, lang)});
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
        case Kind::kYearOrDate:
        case Kind::kInt:
        case Kind::kOptionalInt:
        case Kind::kNumber:
        case Kind::kList: {
          json field = make(id, Msg(label_key, lang));
          field["is_text"] = true;
          field["input_type"] = f.input_type;
          if (f.autocomplete) field["autocomplete"] = f.autocomplete;
          if (f.kind == Kind::kInt || f.kind == Kind::kOptionalInt) field["inputmode"] = "numeric";
          if (f.kind == Kind::kNumber) field["inputmode"] = "decimal";
          std::string text;
          const json established = body.contains("established") ? body["established"] : json();
          if (f.kind == Kind::kYearOrDate && established.is_string() && !established.get<std::string>().empty()) {
            text = ShowDate(established.get<std::string>(), Lang::kNb);  // typed back as written
          } else if (f.kind == Kind::kDate && value.is_string()) {
            text = ShowDate(value.get<std::string>(), Lang::kNb);
          } else if (value.is_string()) {
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
          if (pointer != "/language") {
            options.push_back({{"value", ""}, {"label", Msg("form.choose", lang)}, {"selected", current.empty()}});
          }
          if (pointer == "/language") {
            // The main text is in bokmål unless the form says otherwise.
            for (const char* code : {"nb", "nn", "en"}) {
              options.push_back({{"value", code},
                                 {"label", Msg(std::string("enum.language.") + code, lang)},
                                 {"selected", code == (current.empty() ? std::string("nb") : current)}});
            }
          } else if (pointer == "/profile/municipality") {
            for (const auto& [m, label] : MunicipalitiesByName(places)) {
              options.push_back({{"value", m->number}, {"label", label}, {"selected", m->number == current}});
            }
          } else if (pointer == "/profile/county") {
            std::vector<const County*> sorted;
            for (const auto& county : places.counties) sorted.push_back(&county);
            std::stable_sort(sorted.begin(), sorted.end(), [](const County* a, const County* b) {
              return NorwegianSortKey(a->name) < NorwegianSortKey(b->name);
            });
            for (const County* county : sorted) {
              options.push_back(
                  {{"value", county->number}, {"label", county->name}, {"selected", county->number == current}});
            }
          } else {
            for (const auto& o : SchemaChoicesOf(pointer)) {
              options.push_back({{"value", o},
                                 {"label", Msg("enum." + LastPointerToken(pointer) + "." + o, lang)},
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
          // New forms start with public ticked.
          const bool default_on = pointer == "/public";
          field["checked"] = value.is_boolean() ? value.get<bool>() : default_on;
          fields.push_back(field);
          break;
        }
        case Kind::kYesNo: {
          // Asked as a question where the catalogue has one ("form.question.profile.permanent").
          const std::string question_key = "form.question" + label_key.substr(std::string_view("form.field").size());
          const std::string question = Msg(question_key, lang);
          json field = make(id, question.starts_with("[") ? Msg(label_key, lang) : question);
          field["is_yesno"] = true;
          field["yes_checked"] = value.is_boolean() && value.get<bool>();
          field["no_checked"] = value.is_boolean() && !value.get<bool>();
          fields.push_back(field);
          break;
        }
        case Kind::kCheckList: {
          const std::vector<std::string>& choices = SchemaChoicesOf(pointer);
          for (const auto& o : choices) {
            // The first box carries the field's own id, so that an error links to it.
            json field = make(o == choices.front() ? id : id + "-" + o,
                              Msg("enum." + LastPointerToken(pointer) + "." + o, lang));
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
