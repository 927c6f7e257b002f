#include "http/register/views.h"

#include "core/typology/typology.h"
#include "http/register/paths.h"

namespace moteplass::http::registry {

using nlohmann::json;

std::string Summary(const std::string& markdown) {
  std::string plain;
  for (char c : markdown) {
    if (c == '*' || c == '#' || c == '_' || c == '`' || c == '>') continue;
    plain += (c == '\n' ? ' ' : c);
  }
  if (plain.size() <= 180) return plain;
  std::size_t cut = plain.rfind(' ', 180);
  if (cut == std::string::npos || cut < 100) cut = 180;
  // Do not cut inside a UTF-8 sequence.
  while (cut > 0 && (static_cast<unsigned char>(plain[cut]) & 0xC0) == 0x80) --cut;
  return plain.substr(0, cut) + " …";
}

std::string KindText(const json& resource, Lang lang) {
  if (!resource["kind"].is_string()) return Msg("typology.not_meeting_place", lang);
  std::string text = KindLabel(resource["kind"].get<std::string>(), lang);
  if (resource["subtype"].is_string())
    text += ", " + Msg("typology.subtype." + resource["subtype"].get<std::string>(), lang);
  return text;
}

std::string KindText(const MeetingPlace& place, Lang lang) {
  if (place.kind.empty()) return Msg("typology.not_meeting_place", lang);
  std::string text = KindLabel(place.kind, lang);
  // As ToJson: the police-forum subtype belongs to the dialogue model only.
  const bool recorded_other = place.recorded_kind && place.recorded_kind->kind != "dialogue";
  const std::string subtype = place.classification.is_object() ? ComputedSubtype(place.classification) : place.subtype;
  if (!subtype.empty() && !recorded_other) text += ", " + Msg("typology.subtype." + subtype, lang);
  return text;
}

std::string PlaceName(const Places& places, const MeetingPlace& place) {
  if (!place.municipality.empty()) {
    if (const auto* m = FindMunicipality(places, place.municipality)) return m->name;
  }
  if (const auto* c = FindCounty(places, place.county)) return c->name;
  return place.county;
}

json ListItem(const Places& places, const MeetingPlace& place, Lang lang) {
  // From the record's own fields: no JSON rendering of the whole resource for one label.
  json item = {{"name", place.name},
               {"href", MeetingPlacePath(place.id)},
               {"kind_label", KindText(place, lang)},
               {"place_name", PlaceName(places, place)},
               {"unpublished", !place.input.is_public}};
  // The description in the reader's language when it is written in it, else marked with its own.
  const std::string reader(LangCode(lang));
  const ShownText shown = DescriptionFor(place.input.description, place.input.language, place.input.translations,
                                         reader);
  const std::string summary = Summary(*shown.text);
  if (!summary.empty()) {
    item["summary"] = summary;
    if (shown.language != reader) item["summary_lang"] = shown.language;
  }
  return item;
}

}  // namespace moteplass::http::registry
