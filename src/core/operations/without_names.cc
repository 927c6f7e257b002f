#include "core/operations/without_names.h"

namespace moteplass::ops {
namespace {

using nlohmann::json;

void Drop(json& doc, const char* key) {
  if (doc.is_object() && doc.contains(key)) doc[key] = nullptr;
}

bool IsPublic(const json& doc) { return doc.is_object() && doc.value("public", true) == true; }

}  // namespace

json WithoutNames(Kind kind, const json& data) {
  json out = data;
  switch (kind) {
    case Kind::kPerson:
      for (const char* key :
           {"name", "birth_year", "immigrant_background", "country_of_background", "special_category_basis"}) {
        Drop(out, key);
      }
      break;
    case Kind::kMembership: break;
    case Kind::kMeeting:
      Drop(out, "minutes");
      if (!IsPublic(out)) Drop(out, "location");
      if (out.contains("agenda") && out["agenda"].is_array()) {
        for (json& item : out["agenda"]) {
          if (!IsPublic(item)) Drop(item, "title");
        }
      }
      break;
    case Kind::kCase:
      Drop(out, "statement");
      if (!IsPublic(out)) Drop(out, "title");
      if (out.contains("decision") && out["decision"].is_object()) Drop(out["decision"], "note");
      break;
  }
  return out;
}

}  // namespace moteplass::ops
