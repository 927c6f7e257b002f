#include "core/register/meeting_place.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <set>

#include "core/json_text.h"
#include "core/status_macros.h"
#include "core/text.h"
#include "core/typology/profile.h"
#include "core/typology/typology.h"

namespace moteplass {
namespace {

using nlohmann::json;

// Fields the server adds to a resource; a client may send them back (GET then PUT) and they
// are ignored.
const std::set<std::string, std::less<>> kServerOwned = {
    "id",      "name",       "level",         "municipality",   "county",        "region",
    "kind",    "subtype",    "computed_kind", "classification", "recorded_kind", "example",
    "version", "created_at", "updated_at",    "deleted_at",     "links"};

const std::set<std::string, std::less<>> kClientFields = {
    "profile", "description", "how_to_take_part", "language", "translations",
    "contact", "website",     "established",      "ceased",   "public"};

// Bookkeeping that is not a change a person made.
const std::set<std::string, std::less<>> kNotDiffed = {"id",    "version",        "created_at", "updated_at",
                                                       "links", "classification", "deleted_at", "example"};

constexpr std::size_t kMaxDescription = 20000;
constexpr std::size_t kMaxHowToTakePart = 10000;

Result<std::string> OptionalText(const json& body, const char* field, std::size_t max_chars) {
  if (!body.contains(field)) return std::string();
  const json& v = body[field];
  if (v.is_null()) return std::string();
  if (!v.is_string()) {
    return Error::Invalid("expected text, got " + DescribeJsonValue(v), std::string("/") + field);
  }
  std::string s = v.get<std::string>();
  if (CharacterCount(s) > max_chars) {
    return Error::Invalid("too long: at most " + std::to_string(max_chars) + " characters", std::string("/") + field);
  }
  return s;
}

bool IsLeapYear(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

bool IsIsoDate(const std::string& s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (int i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
  }
  int y = std::stoi(s.substr(0, 4));
  int m = std::stoi(s.substr(5, 2));
  int d = std::stoi(s.substr(8, 2));
  static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1) return false;
  int max_day = kDays[m - 1] + (m == 2 && IsLeapYear(y) ? 1 : 0);
  return d <= max_day;
}

bool IsEmail(const std::string& s) {
  if (s.size() > 254) return false;
  auto at = s.find('@');
  if (at == std::string::npos || at == 0 || s.find('@', at + 1) != std::string::npos) return false;
  std::string domain = s.substr(at + 1);
  auto dot = domain.rfind('.');
  if (dot == std::string::npos || dot == 0 || dot + 1 >= domain.size()) return false;
  return std::none_of(s.begin(), s.end(), [](unsigned char c) { return std::isspace(c) || c < 0x20; });
}

bool IsPhone(const std::string& s) {
  if (s.size() < 3 || s.size() > 30) return false;
  int digits = 0;
  for (unsigned char c : s) {
    if (std::isdigit(c)) {
      ++digits;
    } else if (c != ' ' && c != '+' && c != '-' && c != '(' && c != ')') {
      return false;
    }
  }
  return digits >= 3;
}

bool IsWebAddress(const std::string& s) {
  std::string rest;
  if (s.starts_with("https://")) {
    rest = s.substr(8);
  } else if (s.starts_with("http://")) {
    rest = s.substr(7);
  } else {
    return false;
  }
  if (rest.empty() || rest.front() == '/' || rest.size() > 490) return false;
  return std::none_of(rest.begin(), rest.end(),
                      [](unsigned char c) { return std::isspace(c) || c < 0x20 || c == '<' || c == '>' || c == '"'; });
}

Status CheckPlace(const json& profile, const Places& places) {
  const std::string level = profile.value("level", "");
  const std::string municipality = profile.value("municipality", "");
  const std::string county = profile.value("county", "");
  if (!municipality.empty()) {
    auto m = std::find_if(places.municipalities.begin(), places.municipalities.end(),
                          [&](const Municipality& x) { return x.number == municipality; });
    if (m == places.municipalities.end()) {
      return Error::Invalid("no municipality has the number " + municipality + " (2024 numbering)",
                            "/profile/municipality");
    }
    if (!county.empty() && county != m->county) {
      return Error::Invalid("municipality " + municipality + " lies in county " + m->county + ", not " + county,
                            "/profile/county");
    }
    return {};
  }
  if (level == "municipal") {
    return Error::Invalid("a municipal meeting place needs its municipality number", "/profile/municipality");
  }
  if (county.empty()) {
    return Error::Invalid("a meeting place that is not municipal needs its county number", "/profile/county");
  }
  auto c = std::find_if(places.counties.begin(), places.counties.end(),
                        [&](const County& x) { return x.number == county; });
  if (c == places.counties.end()) {
    return Error::Invalid("no county has the number " + county + " (2024 numbering)", "/profile/county");
  }
  return {};
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

// Every text in `value` (at `pointer`) checked and normalised by CleanText, in place.
Status CleanTexts(json& value, const std::string& pointer, TextLines lines) {
  if (value.is_string()) {
    ASSIGN_OR_RETURN(std::string clean, CleanText(value.get_ref<const std::string&>(), lines, pointer));
    value = std::move(clean);
  } else if (value.is_object()) {
    for (auto& [key, item] : value.items()) {
      RETURN_IF_ERROR(CleanTexts(item, pointer + "/" + EscapePointerToken(key), lines));
    }
  } else if (value.is_array()) {
    for (std::size_t i = 0; i < value.size(); ++i) {
      RETURN_IF_ERROR(CleanTexts(value[i], pointer + "/" + std::to_string(i), lines));
    }
  }
  return {};
}

}  // namespace

Result<MeetingPlaceInput> ParseMeetingPlaceInput(const json& raw, const Places& places) {
  if (!raw.is_object()) return Error::Invalid("expected a JSON object, got " + DescribeJsonValue(raw), "");
  // The texts a client sends, in NFC and free of control and bidi characters, before anything
  // else reads them (Markdown may span lines; every other text is one line).
  json body = raw;
  for (auto& [key, value] : body.items()) {
    if (!kClientFields.count(key)) continue;
    const bool markdown = key == "description" || key == "how_to_take_part" || key == "translations";
    RETURN_IF_ERROR(CleanTexts(value, "/" + EscapePointerToken(key), markdown ? TextLines::kMany : TextLines::kOne));
  }
  for (auto& [key, value] : body.items()) {
    if (!kClientFields.count(key) && !kServerOwned.count(key)) {
      return Error::Invalid(
          "unknown field; expected profile, description, how_to_take_part, language, translations, contact, "
          "website, established, ceased or public",
          "/" + EscapePointerToken(key));
    }
  }
  MeetingPlaceInput in;
  if (!body.contains("profile")) return Error::Invalid("required field is missing", "/profile");
  auto profile = ParseProfile(body["profile"]);
  if (!profile.ok()) {
    Error e = profile.error();
    e.pointer = "/profile" + e.pointer;
    e.slug = "invalid";
    return e;
  }
  in.profile = body["profile"];
  if (auto st = CheckPlace(in.profile, places); !st.ok()) return st.error();

  auto description = OptionalText(body, "description", kMaxDescription);
  if (!description.ok()) return description.error();
  in.description = *description;
  auto how = OptionalText(body, "how_to_take_part", kMaxHowToTakePart);
  if (!how.ok()) return how.error();
  in.how_to_take_part = *how;
  ASSIGN_OR_RETURN(in.language, ParseTextLanguage(body));
  ASSIGN_OR_RETURN(in.translations, ParseTranslations(body, in.language, kMaxDescription, kMaxHowToTakePart));

  if (body.contains("contact") && !body["contact"].is_null()) {
    const json& contact = body["contact"];
    if (!contact.is_object()) return Error::Invalid("expected an object with email and phone", "/contact");
    for (auto& [key, value] : contact.items()) {
      if (key != "email" && key != "phone") {
        return Error::Invalid("unknown field; expected email or phone", "/contact/" + EscapePointerToken(key));
      }
      if (!value.is_string() && !value.is_null()) {
        return Error::Invalid("expected text, got " + DescribeJsonValue(value), "/contact/" + key);
      }
    }
    in.contact.email = contact.value("email", json("")).is_string() ? contact.value("email", "") : "";
    in.contact.phone = contact.value("phone", json("")).is_string() ? contact.value("phone", "") : "";
    if (!in.contact.email.empty() && !IsEmail(in.contact.email)) {
      return Error::Invalid("expected an e-mail address like post@kommune.no", "/contact/email");
    }
    if (!in.contact.phone.empty() && !IsPhone(in.contact.phone)) {
      return Error::Invalid("expected a telephone number (digits, spaces, + and -)", "/contact/phone");
    }
  }

  auto website = OptionalText(body, "website", 500);
  if (!website.ok()) return website.error();
  in.website = *website;
  if (!in.website.empty() && !IsWebAddress(in.website)) {
    return Error::Invalid("expected a web address starting with https:// or http://", "/website");
  }

  for (const char* field : {"established", "ceased"}) {
    auto date = OptionalText(body, field, 10);
    if (!date.ok()) return Error::Invalid("expected a date as YYYY-MM-DD", std::string("/") + field);
    if (!date->empty() && !IsIsoDate(*date)) {
      return Error::Invalid("expected a date as YYYY-MM-DD, got " + json(*date).dump(), std::string("/") + field);
    }
    (std::string(field) == "established" ? in.established : in.ceased) = *date;
  }
  if (!in.established.empty() && !in.ceased.empty() && in.ceased < in.established) {
    return Error::Invalid("the ceased date is before the established date", "/ceased");
  }

  if (body.contains("public") && !body["public"].is_null()) {
    if (!body["public"].is_boolean()) {
      return Error::Invalid("expected true or false, got " + DescribeJsonValue(body["public"]), "/public");
    }
    in.is_public = body["public"].get<bool>();
  }
  return in;
}

json ToJson(const MeetingPlace& p) {
  const std::string id = std::to_string(p.id);
  json classification = p.classification.is_null() ? json() : p.classification;
  // From the classification when it was read, else from the columns kept beside it.
  const bool read = classification.is_object();
  const std::string computed = read ? ComputedKind(classification) : p.computed_kind;
  const std::string sub = read ? ComputedSubtype(classification) : p.subtype;
  json computed_kind = computed.empty() ? json() : json(computed);
  json subtype = sub.empty() ? json() : json(sub);
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
      {"language", p.input.language},
      {"translations", TranslationsToJson(p.input.translations)},
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

json ClassifyInput(const MeetingPlaceInput& input) {
  auto profile = ParseProfile(input.profile);
  if (!profile.ok()) return nullptr;  // not reached: ParseMeetingPlaceInput validated it
  return ToJson(Classify(*profile));
}

}  // namespace moteplass

namespace moteplass {
namespace {

std::string ProfileString(const nlohmann::json& profile, const char* key) {
  auto it = profile.find(key);
  return it != profile.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

std::string ComputedKind(const nlohmann::json& classification) {
  if (!classification.is_object()) return "";
  auto it = classification.find("kind");
  return it != classification.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::string ComputedSubtype(const nlohmann::json& classification) {
  if (!classification.is_object()) return "";
  auto it = classification.find("subtype");
  return it != classification.end() && it->is_string() ? it->get<std::string>() : std::string();
}

RecordLocation LocationOf(const MeetingPlace& place) {
  return RecordLocation{place.id, place.municipality, place.county, place.region};
}

RecordLocation LocationOf(const MeetingPlaceInput& input, const Places& places, std::int64_t id) {
  RecordLocation where;
  where.meeting_place_id = id;
  where.municipality = input.profile.value("municipality", "");
  where.county = input.profile.value("county", "");
  if (where.county.empty() && !where.municipality.empty()) {
    if (const auto* m = FindMunicipality(places, where.municipality)) where.county = m->county;
  }
  if (const auto* c = FindCounty(places, where.county)) where.region = c->region;
  return where;
}

Result<DerivedColumns> DeriveColumns(const MeetingPlaceInput& input, const nlohmann::json& classification,
                                     const Places& places) {
  if (!input.profile.is_object()) return Error::Invalid("the profile must be an object", "/profile");
  DerivedColumns d;
  d.name = ProfileString(input.profile, "name");
  if (d.name.empty()) return Error::Invalid("the profile needs a name", "/profile/name");
  d.level = ProfileString(input.profile, "level");
  if (d.level.empty()) return Error::Invalid("the profile needs a level", "/profile/level");
  d.county = ProfileString(input.profile, "county");
  // A municipal meeting place has a municipality; an intermunicipal one may name its host.
  if (d.level == "municipal" || !ProfileString(input.profile, "municipality").empty()) {
    d.municipality = ProfileString(input.profile, "municipality");
    const Municipality* m = FindMunicipality(places, d.municipality);
    if (m == nullptr) {
      return Error::Invalid("no municipality has the number \"" + d.municipality + "\" (2024 numbering)",
                            "/profile/municipality");
    }
    if (d.county.empty()) d.county = m->county;
    if (d.county != m->county) {
      return Error::Invalid("municipality " + d.municipality + " lies in county " + m->county + ", not " + d.county,
                            "/profile/county");
    }
  }
  if (!d.county.empty() && FindCounty(places, d.county) == nullptr) {
    return Error::Invalid("no county has the number " + d.county + " (2024 numbering)", "/profile/county");
  }
  d.computed_kind = ComputedKind(classification);
  return d;
}

}  // namespace moteplass
