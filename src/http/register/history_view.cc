#include "http/register/history_view.h"

#include <algorithm>
#include <set>

#include "core/json_text.h"
#include "core/local_time.h"
#include "http/register/views.h"

namespace moteplass::http::registry {

namespace {

using nlohmann::json;

constexpr std::size_t kLongest = 200;  // bytes of a text value shown

bool Known(const std::string& key) { return !MessageFile(key).empty(); }

// The resource's columns derived from the profile, by the profile field they repeat.
std::string ProfilePointerOf(const std::string& pointer) {
  static const std::set<std::string, std::less<>> derived = {"/name", "/level", "/municipality", "/county"};
  return derived.contains(pointer) ? "/profile" + pointer : "";
}

std::string FieldLabel(const std::string& pointer, Lang lang) {
  const std::string as_profile = ProfilePointerOf(pointer);
  std::string dotted = (as_profile.empty() ? pointer : as_profile);
  std::replace(dotted.begin(), dotted.end(), '/', '.');
  if (Known("form.field" + dotted)) return Msg("form.field" + dotted, lang);
  if (Known("history.field" + dotted)) return Msg("history.field" + dotted, lang);
  // A field without a label (none is expected: templates_test keeps them): its name, readable.
  std::string name = LastPointerToken(pointer);
  std::replace(name.begin(), name.end(), '_', ' ');
  return name;
}

bool LooksLikeDay(const std::string& s) { return ParseTypedDate(s).has_value() && s.size() == 10 && s[4] == '-'; }

std::string DescribeText(const std::string& pointer, const std::string& s, const Places& places, Lang lang) {
  const std::string field = LastPointerToken(pointer);
  if (field == "municipality") {
    if (const Municipality* m = FindMunicipality(places, s)) return m->name + " (" + m->number + ")";
  }
  if (field == "county") {
    if (const County* c = FindCounty(places, s)) return c->name + " (" + c->number + ")";
  }
  if (field == "region") {
    if (const Region* r = FindRegion(places, s)) return r->name;
  }
  if (field == "kind" || field == "computed_kind") {
    if (Known("typology.kind." + s)) return Msg("typology.kind." + s, lang);
  }
  if (field == "subtype" && Known("typology.subtype." + s)) return Msg("typology.subtype." + s, lang);
  if (Known("enum." + field + "." + s)) return Msg("enum." + field + "." + s, lang);
  if (field == "at") return ShowDateTime(s, lang);
  if (LooksLikeDay(s)) return ShowDate(s, lang);
  if (field == "description" || field == "how_to_take_part") return Summary(s);  // Markdown, as its beginning
  if (s.size() <= kLongest) return s;
  std::size_t cut = kLongest;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;  // not inside a character
  return s.substr(0, cut) + " …";
}

bool Blank(const json& v) {
  return v.is_null() || (v.is_string() && v.get_ref<const std::string&>().empty()) || (v.is_array() && v.empty());
}

// A change whose values are objects (a record created or imported: its whole profile from
// nothing) as one change per field, so that each gets its label; fields blank before and after
// are left out.
void Flatten(const std::string& pointer, const json& before, const json& after, std::vector<FieldChange>* out) {
  if ((before.is_object() || before.is_null()) && (after.is_object() || after.is_null()) &&
      (before.is_object() || after.is_object()) && pointer != "/recorded_kind") {
    std::set<std::string> keys;
    if (before.is_object()) {
      for (const auto& [k, v] : before.items()) keys.insert(k);
    }
    if (after.is_object()) {
      for (const auto& [k, v] : after.items()) keys.insert(k);
    }
    for (const std::string& k : keys) {
      const json b = before.is_object() && before.contains(k) ? before[k] : json();
      const json a = after.is_object() && after.contains(k) ? after[k] : json();
      Flatten(pointer + "/" + k, b, a, out);
    }
    return;
  }
  if (Blank(before) && Blank(after)) return;
  if (before != after) out->push_back(FieldChange{pointer, before, after});
}

}  // namespace

std::string DescribeValue(const std::string& pointer, const json& value, const Places& places, Lang lang) {
  if (value.is_null()) return Msg("history.empty", lang);
  if (value.is_boolean()) return Msg(value.get<bool>() ? "history.yes" : "history.no", lang);
  if (value.is_string()) {
    const std::string& s = value.get_ref<const std::string&>();
    return s.empty() ? Msg("history.empty", lang) : DescribeText(pointer, s, places, lang);
  }
  if (value.is_array()) {
    if (value.empty()) return Msg("history.empty", lang);
    std::string out;
    for (const json& item : value) {
      if (!out.empty()) out += ", ";
      out += DescribeValue(pointer, item, places, lang);
    }
    return out;
  }
  if (value.is_object()) {
    std::string out;
    for (const auto& [key, item] : value.items()) {
      if (!out.empty()) out += "; ";
      const std::string inner = pointer + "/" + key;
      out += FieldLabel(inner, lang) + ": " + DescribeValue(inner, item, places, lang);
    }
    return out.empty() ? Msg("history.empty", lang) : out;
  }
  return value.dump();  // a number
}

std::vector<ChangeInWords> DescribeChanges(const std::vector<FieldChange>& changes, const Places& places, Lang lang,
                                           bool show_authors) {
  std::vector<FieldChange> leaves;
  for (const FieldChange& ch : changes) Flatten(ch.pointer, ch.before, ch.after, &leaves);
  std::set<std::string, std::less<>> pointers;
  for (const FieldChange& ch : leaves) pointers.insert(ch.pointer);
  std::vector<ChangeInWords> out;
  for (const FieldChange& ch : leaves) {
    const std::string as_profile = ProfilePointerOf(ch.pointer);
    if (!as_profile.empty() && pointers.contains(as_profile)) continue;
    ChangeInWords words{FieldLabel(ch.pointer, lang), DescribeValue(ch.pointer, ch.before, places, lang),
                        DescribeValue(ch.pointer, ch.after, places, lang)};
    if (ch.pointer == "/recorded_kind/by" && !show_authors) words.before = words.after = "–";
    if (ch.pointer == "/recorded_kind" && !show_authors) {
      // The whole recorded kind came or went: its author is left out.
      json before = ch.before, after = ch.after;
      if (before.is_object()) before.erase("by");
      if (after.is_object()) after.erase("by");
      words.before = DescribeValue(ch.pointer, before, places, lang);
      words.after = DescribeValue(ch.pointer, after, places, lang);
    }
    out.push_back(std::move(words));
  }
  return out;
}

}  // namespace moteplass::http::registry
