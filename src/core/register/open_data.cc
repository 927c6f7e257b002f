#include "core/register/open_data.h"

#include <array>

#include "core/csv.h"
#include "core/typology/typology.h"

namespace moteplass::open_data {

using nlohmann::json;

namespace {

constexpr std::array<Column, 30> kColumns{{
    {"id", "integer", ""},
    {"url", "string", "uri"},
    {"name", "string", ""},
    {"kind", "string", ""},
    {"subtype", "string", ""},
    {"is_meeting_place", "boolean", ""},
    {"level", "string", ""},
    {"municipality", "string", ""},
    {"municipality_name", "string", ""},
    {"county", "string", ""},
    {"county_name", "string", ""},
    {"region", "string", ""},
    {"established", "date", ""},
    {"established_year", "integer", ""},
    {"ceased", "date", ""},
    {"permanent", "boolean", ""},
    {"meetings_per_year", "number", ""},
    {"website", "string", "uri"},
    {"description", "string", ""},
    {"how_to_take_part", "string", ""},
    {"example", "boolean", ""},
    {"created", "datetime", ""},
    {"updated", "datetime", ""},
    // Since 1.1: the language of description and how_to_take_part, and each text in each
    // language it is written in (the main text or a translation; null when there is none).
    {"language", "string", ""},
    {"description_nb", "string", ""},
    {"description_nn", "string", ""},
    {"description_en", "string", ""},
    {"how_to_take_part_nb", "string", ""},
    {"how_to_take_part_nn", "string", ""},
    {"how_to_take_part_en", "string", ""},
}};

Cell OrNull(const std::string& value) { return value.empty() ? Cell() : Cell(value); }
Cell Bool(bool value) { return std::string(value ? "true" : "false"); }

// A profile field as a cell: numbers and booleans as JSON writes them, absent as null.
Cell ProfileValue(const json& profile, const char* key) {
  if (!profile.is_object() || !profile.contains(key)) return {};
  const json& v = profile[key];
  if (v.is_boolean()) return Bool(v.get<bool>());
  if (v.is_number()) return v.dump();
  return {};
}

void AppendField(std::string& out, const Cell& cell) {
  if (cell) out += CsvField(*cell);
}

// A text as written in `language`: the main text when it is in that language, else its
// translation; null when there is neither.
Cell TextIn(const MeetingPlaceInput& in, std::string_view language, std::string TranslatedTexts::*field,
            const std::string& main_text) {
  if (in.language == language) return OrNull(main_text);
  const auto t = in.translations.find(language);
  return t == in.translations.end() ? Cell() : OrNull(t->second.*field);
}

}  // namespace

std::span<const Column> Columns() { return kColumns; }

std::vector<Cell> Row(const MeetingPlace& p, const Places& places, std::string_view public_url) {
  const json resource = ToJson(p);
  const json& profile = p.input.profile;
  const Municipality* municipality = FindMunicipality(places, p.municipality);
  const County* county = FindCounty(places, p.county);
  Cell is_meeting_place;
  if (p.recorded_kind) {
    is_meeting_place = Bool(true);
  } else if (p.classification.is_object() && p.classification.contains("is_meeting_place") &&
             p.classification["is_meeting_place"].is_boolean()) {
    is_meeting_place = Bool(p.classification["is_meeting_place"].get<bool>());
  }
  Cell established_year = ProfileValue(profile, "established_year");
  if (!established_year && p.input.established.size() >= 4) established_year = p.input.established.substr(0, 4);
  const json& subtype = resource["subtype"];
  return {
      std::to_string(p.id),
      std::string(public_url) + "/moteplasser/" + std::to_string(p.id),
      p.name,
      OrNull(p.kind),
      subtype.is_string() ? Cell(subtype.get<std::string>()) : Cell(),
      is_meeting_place,
      OrNull(p.level),
      OrNull(p.municipality),
      municipality ? Cell(municipality->name) : Cell(),
      OrNull(p.county),
      county ? Cell(county->name) : Cell(),
      OrNull(p.region),
      OrNull(p.input.established),
      established_year,
      OrNull(p.input.ceased),
      ProfileValue(profile, "permanent"),
      ProfileValue(profile, "meetings_per_year"),
      OrNull(p.input.website),
      OrNull(p.input.description),
      OrNull(p.input.how_to_take_part),
      Bool(p.example),
      OrNull(p.created_at),
      OrNull(p.updated_at),
      p.input.language,
      TextIn(p.input, "nb", &TranslatedTexts::description, p.input.description),
      TextIn(p.input, "nn", &TranslatedTexts::description, p.input.description),
      TextIn(p.input, "en", &TranslatedTexts::description, p.input.description),
      TextIn(p.input, "nb", &TranslatedTexts::how_to_take_part, p.input.how_to_take_part),
      TextIn(p.input, "nn", &TranslatedTexts::how_to_take_part, p.input.how_to_take_part),
      TextIn(p.input, "en", &TranslatedTexts::how_to_take_part, p.input.how_to_take_part),
  };
}

std::string Csv(const std::vector<std::vector<Cell>>& rows) {
  std::string out;
  for (std::size_t i = 0; i < kColumns.size(); ++i) {
    if (i > 0) out += ',';
    out += kColumns[i].name;
  }
  out += "\r\n";
  for (const std::vector<Cell>& row : rows) {
    for (std::size_t i = 0; i < row.size(); ++i) {
      if (i > 0) out += ',';
      AppendField(out, row[i]);
    }
    out += "\r\n";
  }
  return out;
}

json Json(const std::vector<std::vector<Cell>>& rows) {
  json fields = json::array();
  for (const Column& c : kColumns) fields.push_back(c.name);
  json data = json::array();
  for (const std::vector<Cell>& row : rows) {
    json object = json::object();
    for (std::size_t i = 0; i < row.size() && i < kColumns.size(); ++i) {
      const Column& c = kColumns[i];
      const Cell& cell = row[i];
      json value;  // null: unknown
      if (cell && (c.type == "integer" || c.type == "number")) {
        value = json::parse(*cell, nullptr, false);
        if (value.is_discarded() || !value.is_number()) value = *cell;
      } else if (cell && c.type == "boolean") {
        value = *cell == "true";
      } else if (cell) {
        value = *cell;
      }
      object[std::string(c.name)] = std::move(value);
    }
    data.push_back(std::move(object));
  }
  return {{"schema_version", kSchemaVersion},
          {"licence", {{"name", kLicenceName}, {"url", kLicenceUrl}}},
          {"fields", fields},
          {"data", data}};
}

json DataPackage(Lang lang, std::string_view public_url) {
  const std::string base(public_url);
  json fields = json::array();
  for (const Column& c : kColumns) {
    const std::string key = "data.col." + std::string(c.name);
    const std::string meaning = "data.meaning." + std::string(c.name);
    json field = {{"name", c.name}, {"type", c.type}, {"title", Msg(key, lang)}, {"description", Msg(meaning, lang)}};
    if (!c.format.empty()) field["format"] = c.format;
    json titles = json::object();
    json descriptions = json::object();
    for (Lang l : {Lang::kNb, Lang::kNn, Lang::kEn}) {
      titles[std::string(LangCode(l))] = Msg(key, l);
      descriptions[std::string(LangCode(l))] = Msg(meaning, l);
    }
    field["titles"] = titles;
    field["descriptions"] = descriptions;
    if (c.name == "kind") {
      json kinds = json::array();
      for (auto k : kKinds) kinds.push_back(k);
      field["constraints"] = {{"enum", kinds}};
    } else if (c.name == "subtype") {
      field["constraints"] = {{"enum", {"police_forum"}}};
    } else if (c.name == "id") {
      field["constraints"] = {{"required", true}, {"unique", true}};
    }
    fields.push_back(field);
  }
  const json schema = {{"fields", fields}, {"primaryKey", "id"}, {"missingValues", {""}}};
  return {
      {"profile", "tabular-data-package"},
      {"name", "moteplasser"},
      {"title", Msg("data.package.title", lang)},
      {"description", Msg("data.package.about", lang)},
      {"version", kSchemaVersion},
      {"homepage", base + "/apne-data"},
      {"licenses", {{{"name", kLicenceName}, {"path", kLicenceUrl}, {"title", Msg("data.licence.name", lang)}}}},
      {"resources",
       {{{"name", "moteplasser"},
         {"path", base + "/moteplasser.csv"},
         {"profile", "tabular-data-resource"},
         {"format", "csv"},
         {"mediatype", "text/csv"},
         {"encoding", "utf-8"},
         {"dialect", {{"delimiter", ","}, {"lineTerminator", "\r\n"}, {"header", true}}},
         {"schema", schema}},
        {{"name", "moteplasser-xlsx"},
         {"path", base + "/moteplasser.xlsx"},
         {"format", "xlsx"},
         {"mediatype", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
         {"schema", schema}}}},
  };
}

}  // namespace moteplass::open_data
